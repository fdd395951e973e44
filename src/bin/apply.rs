//! Mounts the application form's entry: the form and the status page in the
//! portal's frame, without the other pages (cluster_core::route::Entry).
fn main() {
    console_error_panic_hook::set_once();
    cluster_enr_portal::mount_apply();
}
