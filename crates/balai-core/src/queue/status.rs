//! The life of a ticket, as a small state machine: which officer action is allowed in which
//! state and where it leads. The store applies an action only from the state it was read in,
//! so two officers acting on one ticket at once cannot both succeed.

use crate::macros::string_enum;

string_enum! {
    /// Where a ticket stands.
    pub enum TicketStatus (field = "status") {
        Waiting = "waiting", "Menunggu", "Waiting";
        Called = "called", "Dipanggil", "Called";
        Serving = "serving", "Sedang dilayani", "Being served";
        OnHold = "on_hold", "Ditunda", "On hold";
        Served = "served", "Selesai dilayani", "Served";
        NoShow = "no_show", "Tidak hadir", "No-show";
        Cancelled = "cancelled", "Dibatalkan", "Cancelled";
    }
}

string_enum! {
    /// What an officer does with a ticket at the counter.
    pub enum TicketAction (field = "action") {
        Call = "call", "Panggil", "Call";
        Recall = "recall", "Panggil ulang", "Call again";
        Start = "start", "Mulai layani", "Start service";
        Finish = "finish", "Selesai", "Finish";
        NoShow = "no_show", "Tidak hadir", "Mark no-show";
        Hold = "hold", "Tunda", "Put on hold";
        Resume = "resume", "Kembalikan ke antrian", "Back to the queue";
        Transfer = "transfer", "Alihkan", "Transfer";
        Cancel = "cancel", "Batalkan", "Cancel";
    }
}

impl TicketStatus {
    /// The state after `action`, or `None` when the action is not allowed here.
    ///
    /// A transfer puts the ticket back to waiting for its new service or counter, keeping its
    /// number and its place by issue time: the visitor has already waited once.
    pub fn after(self, action: TicketAction) -> Option<TicketStatus> {
        use TicketAction as A;
        use TicketStatus as S;
        match (self, action) {
            (S::Waiting, A::Call) => Some(S::Called),
            (S::Called, A::Recall) => Some(S::Called),
            (S::Called, A::Start) => Some(S::Serving),
            (S::Called, A::NoShow) => Some(S::NoShow),
            (S::Called | S::Serving, A::Hold) => Some(S::OnHold),
            (S::OnHold, A::Resume) => Some(S::Waiting),
            (S::Serving, A::Finish) => Some(S::Served),
            (S::Waiting | S::Called | S::Serving | S::OnHold, A::Transfer) => Some(S::Waiting),
            (S::Waiting | S::OnHold, A::Cancel) => Some(S::Cancelled),
            _ => None,
        }
    }

    /// True when the ticket is done with (no action leads anywhere).
    pub fn is_final(self) -> bool {
        matches!(
            self,
            TicketStatus::Served | TicketStatus::NoShow | TicketStatus::Cancelled
        )
    }

    /// True while the visitor is at or on the way to a counter.
    pub fn is_at_counter(self) -> bool {
        matches!(self, TicketStatus::Called | TicketStatus::Serving)
    }
}
