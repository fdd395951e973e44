//! Pure domain logic of the Cluster EnR portal, shared by the web app and the
//! server: no web or I/O dependency, plain unit and property tests.

pub mod lang;
pub mod url;
