//! Mounts the directories' entry: the directories and their profiles in the
//! portal's frame, without the other pages (cluster_core::route::Entry).
fn main() {
    console_error_panic_hook::set_once();
    cluster_enr_portal::mount_directory();
}
