//! The mall floor's queue (requirements §1, national-rules §7 "MPP Digital: queue"): ticket
//! numbers, ticket states, the order in which waiting visitors are called, when tickets may be
//! issued, and appointment slots.
//!
//! Everything a region may want to change is data in [`QueuePolicy`], kept per location; the
//! priority rule comes from Luwu Pasal 35(3) (special treatment for the elderly, people with
//! disabilities, pregnant women, small children and disaster victims).

mod issue;
mod number;
mod order;
mod policy;
mod slots;
mod speech;
mod status;

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_slots;

pub use issue::{IssueRefusal, check_issue};
pub use number::{BookingCode, TicketNumber, TicketPrefix, series_key};
pub use order::{Candidate, Lane, choose_next, estimate_wait_minutes};
pub use policy::{QueuePolicy, SlotRules};
pub use slots::{BookingRefusal, Slot, check_booking, day_slots, is_no_show};
pub use speech::{announcement_en, announcement_id, number_words_id};
pub use status::{TicketAction, TicketStatus};

use crate::macros::string_enum;

string_enum! {
    /// Why a visitor is served first (Luwu Pasal 35(3)).
    pub enum PriorityReason (field = "priority") {
        Elderly = "lansia", "Lanjut usia", "Elderly";
        Disability = "disabilitas", "Penyandang disabilitas", "Person with a disability";
        Pregnant = "ibu_hamil", "Ibu hamil", "Pregnant woman";
        SmallChild = "anak_kecil", "Membawa anak kecil", "With a small child";
        DisasterVictim = "korban_bencana", "Korban bencana", "Disaster victim";
    }
}

string_enum! {
    /// How a ticket came to be.
    pub enum TicketChannel (field = "channel") {
        Kiosk = "kiosk", "Anjungan (kios)", "Kiosk";
        Appointment = "appointment", "Janji temu daring", "Online appointment";
        Counter = "counter", "Diterbitkan petugas", "Issued by an officer";
    }
}

string_enum! {
    /// Where an appointment stands.
    pub enum AppointmentStatus (field = "status") {
        Booked = "booked", "Terjadwal", "Booked";
        CheckedIn = "checked_in", "Sudah hadir", "Checked in";
        NoShow = "no_show", "Tidak hadir", "No-show";
        Cancelled = "cancelled", "Dibatalkan", "Cancelled";
    }
}
