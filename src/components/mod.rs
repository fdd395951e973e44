//! Reusable pieces of the layout.

pub mod call_notice;
pub mod data_status;
pub mod footer;
pub mod header;
pub mod lang_switcher;
pub mod load_error;
pub mod page;
pub mod skip_link;
pub mod stages;
pub mod theme_toggle;
