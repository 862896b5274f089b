//! What leaves rapport: status and closing reports (`status`) and the writers that turn an
//! update or a report into text, Markdown, an `.eml` draft or JSON (`message`).

pub mod digest;
pub mod message;
pub mod status;

pub use message::{Format, Message};
pub use status::Report;
