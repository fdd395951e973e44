//! Mounts the review workspace's entry: the incubator team's screens in
//! their own frame, for a signed-in person (cluster_core::route::Entry).
fn main() {
    console_error_panic_hook::set_once();
    cluster_enr_portal::mount_staff();
}
