//! Pure domain logic of the Cluster EnR portal, shared by the web app and the
//! server: no web or I/O dependency, plain unit and property tests.

pub mod api;
pub mod application;
pub mod charts;
pub mod codes;
pub mod contact;
pub mod correction;
pub mod csv;
pub mod digits;
pub mod directory;
pub mod form;
pub mod format;
pub mod lang;
pub mod model;
pub mod named;
pub mod og;
pub mod parse;
pub mod plural;
pub mod prerender;
pub mod queue;
pub mod review;
pub mod route;
pub mod search;
pub mod staff;
pub mod sym;
pub mod text;
pub mod url;
pub mod validate;
