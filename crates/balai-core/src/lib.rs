//! The rules of Balai, with no I/O: identifiers that parse on construction, the working-day
//! calendar and statutory deadlines, roles and permissions, and the service catalogue with its
//! service standards.
//!
//! Every other crate turns untrusted input into these types at the edge (handlers, seeds,
//! imports), so a value of type [`ids::Nik`] or [`calendar::DueDate`] is already known to be
//! valid wherever it travels. Validation failures carry a Fluent message key (see [`error`]) so
//! the web layer can show a translated message next to the offending field.

// Tests cite articles in their names (`..__batang_12_2`) and may unwrap (brief-common).
#![cfg_attr(test, allow(non_snake_case, clippy::unwrap_used))]

mod macros;

pub mod calendar;
pub mod catalog;
pub mod clock;
pub mod complaints;
pub mod documents;
pub mod error;
pub mod files;
pub mod identity;
pub mod ids;
pub mod notify;
pub mod permits;
pub mod queue;
pub mod survey;
pub mod text;

pub use clock::{Clock, FixedClock, SystemClock};
pub use error::{CoreError, FieldErrors};
