//! What leaves rapport: status and closing reports (`status`) and the writers that turn an
//! update or a report into text, Markdown, an `.eml` draft or JSON (`message`); the client's
//! status page as one self-contained HTML file (`page`).

pub mod digest;
pub mod ics;
pub mod message;
pub mod minutes;
pub mod page;
pub mod status;

pub use message::{Format, Message};
pub use status::Report;
