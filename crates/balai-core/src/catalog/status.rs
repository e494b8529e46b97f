//! The life of a service standard and of the comments on its draft.

use crate::error::CoreError;
use crate::macros::string_enum;

string_enum! {
    /// Where a version of a service standard stands. Standards are drafted with the community
    /// and adopted; an adopted version is kept, never overwritten (Seluma Pasal 21(2); Luwu
    /// Pasal 26(2); requirements §2).
    pub enum StandardStatus (field = "status") {
        Draft = "draft", "Rancangan", "Draft";
        Consultation = "consultation", "Konsultasi publik", "Public consultation";
        Adopted = "adopted", "Ditetapkan", "Adopted";
        Superseded = "superseded", "Diganti versi baru", "Superseded";
    }
}

impl StandardStatus {
    /// The allowed moves: draft → consultation (opened for comment), consultation → draft
    /// (reopened for edits), draft or consultation → adopted, adopted → superseded (when a
    /// newer version is adopted). Nothing else, and never back from adopted or superseded.
    pub fn can_transition(from: StandardStatus, to: StandardStatus) -> bool {
        use StandardStatus::*;
        matches!(
            (from, to),
            (Draft, Consultation)
                | (Consultation, Draft)
                | (Draft | Consultation, Adopted)
                | (Adopted, Superseded)
        )
    }

    /// Moves to `to`, or `Conflict` when the move is not allowed.
    pub fn transition(self, to: StandardStatus) -> Result<StandardStatus, CoreError> {
        if Self::can_transition(self, to) {
            Ok(to)
        } else {
            Err(CoreError::Conflict(format!(
                "service standard cannot go from {self} to {to}"
            )))
        }
    }

    /// Only a draft is edited. A version under consultation is what people are commenting on,
    /// so it is reopened to draft first; adopted and superseded versions are records.
    pub fn is_editable(self) -> bool {
        self == StandardStatus::Draft
    }

    /// The public may comment only during consultation (PermenPANRB 16/2017).
    pub fn accepts_comments(self) -> bool {
        self == StandardStatus::Consultation
    }
}

/// Same as [`StandardStatus::can_transition`].
pub fn can_transition(from: StandardStatus, to: StandardStatus) -> bool {
    StandardStatus::can_transition(from, to)
}

string_enum! {
    /// Moderation state of a public comment on a draft standard.
    pub enum CommentStatus (field = "status") {
        Pending = "pending", "Menunggu moderasi", "Awaiting moderation";
        Approved = "approved", "Ditampilkan", "Approved";
        Rejected = "rejected", "Ditolak", "Rejected";
    }
}

string_enum! {
    /// Who takes part in a public consultation forum (PermenPANRB 16/2017).
    pub enum ParticipantGroup (field = "group") {
        PenggunaLayanan = "pengguna_layanan", "Pengguna layanan", "Service users";
        Ahli = "ahli", "Ahli", "Experts";
        InstansiTerkait = "instansi_terkait", "Instansi terkait", "Related agencies";
        MasyarakatSipil = "masyarakat_sipil", "Masyarakat sipil", "Civil society";
        Media = "media", "Media", "Media";
    }
}
