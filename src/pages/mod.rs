//! One routed page per file.

pub mod apply;
pub mod directory;
pub mod home;
pub mod incubator;
pub mod not_found;
pub mod profile;
pub mod sectors;
