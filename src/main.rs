//! Mounts the portal's entry (home, sectors, incubator: cluster_core::route::Entry);
//! everything else lives in the library.
fn main() {
    console_error_panic_hook::set_once();
    cluster_enr_portal::mount();
}
