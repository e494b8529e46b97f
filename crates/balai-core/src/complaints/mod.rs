//! Complaints under the statutory deadlines (requirements §5; national-rules §2).
//!
//! The rules only, no I/O: the stages a complaint passes and which action moves it where
//! ([`workflow`]), the deadline that runs in each stage and how urgent it is ([`deadlines`]),
//! who must examine it (Luwu Pasal 44, [`routing`]), privacy and the one visibility rule every
//! page, API route, export and notification asks ([`privacy`]), and the checks of a lodged
//! complaint ([`lodging`]).

pub mod deadlines;
pub mod lodging;
pub mod privacy;
pub mod routing;
pub mod tracking;
pub mod workflow;

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_privacy;

pub use deadlines::{StageDeadline, Urgency, stage_deadline};
pub use lodging::{LodgingCheck, check_lodging_window};
pub use privacy::{ComplaintFacts, IdentityView, Privacy, Viewer, Visibility, visibility};
pub use routing::{OrgFacts, Respondent, Route, RouteKind, route};
pub use tracking::{SubmissionKey, complaint_number, tracking_digest};
pub use workflow::{Action, Stage, Transition, transition};

use crate::macros::string_enum;

string_enum! {
    /// How the complaint reached the provider (Seluma Pasal 13(1)e, 43(2); Mesuji Pasal 6(4)).
    pub enum Channel (field = "channel") {
        Web = "web", "Situs web", "Website";
        Counter = "counter", "Loket pengaduan", "Complaint desk";
        Phone = "phone", "Telepon", "Phone";
        Sms = "sms", "SMS", "SMS";
        Email = "email", "Surel", "E-mail";
        Box = "box", "Kotak pengaduan", "Complaint box";
        Ombudsman = "ombudsman", "Rekomendasi Ombudsman", "Ombudsman recommendation";
        Dprd = "dprd", "Rekomendasi DPRD", "DPRD recommendation";
        Lapor = "lapor", "SP4N-LAPOR!", "SP4N-LAPOR!";
        Open311 = "open311", "Open311", "Open311";
    }
}

impl Channel {
    /// Channels staff register a complaint from (the rest arrive by themselves).
    pub const STAFF: &'static [Channel] = &[
        Channel::Counter,
        Channel::Phone,
        Channel::Sms,
        Channel::Email,
        Channel::Box,
        Channel::Ombudsman,
        Channel::Dprd,
    ];
}

string_enum! {
    /// What the complaint is about, for sorting and statistics (SP4N-LAPOR! classification,
    /// national-rules §2, and the common complaints about a service standard).
    pub enum Category (field = "category") {
        Procedure = "prosedur", "Prosedur dan persyaratan", "Procedure and requirements";
        Time = "waktu", "Waktu penyelesaian", "Completion time";
        Fee = "biaya", "Biaya atau pungutan", "Fees or charges";
        Conduct = "perilaku", "Perilaku petugas", "Officer conduct";
        Product = "produk", "Hasil layanan", "Service product";
        Facility = "sarana", "Sarana dan prasarana", "Facilities";
        Information = "informasi", "Permintaan informasi", "Information request";
        Aspiration = "aspirasi", "Aspirasi", "Aspiration";
        Other = "lainnya", "Lainnya", "Other";
    }
}

string_enum! {
    /// Kinds of sanction imposed on an officer after a complaint (Luwu Pasal 57(2); UU 25/2009
    /// Pasal 54–58 list them in this order of weight).
    pub enum SanctionKind (field = "kind") {
        VerbalWarning = "teguran_lisan", "Teguran lisan", "Verbal warning";
        WrittenWarning = "teguran_tertulis", "Teguran tertulis", "Written warning";
        Demotion = "penurunan_gaji", "Penurunan gaji sebesar satu kali kenaikan gaji berkala",
            "Pay reduced by one periodic increment";
        RankDemotion = "penurunan_pangkat", "Penurunan pangkat satu tingkat",
            "Rank lowered by one grade";
        Release = "pembebasan_jabatan", "Pembebasan dari jabatan", "Relieved of position";
        HonourableDischarge = "pemberhentian_hormat",
            "Pemberhentian dengan hormat tidak atas permintaan sendiri",
            "Honourable discharge not at own request";
        Dismissal = "pemberhentian_tidak_hormat", "Pemberhentian tidak dengan hormat",
            "Dishonourable discharge";
        Freeze = "pembekuan_misi", "Pembekuan misi dan/atau izin", "Mission or licence frozen";
        LicenceRevocation = "pencabutan_izin", "Pencabutan izin", "Licence revoked";
    }
}

/// The citation of the sanctions register (Luwu Pasal 40, 57(2)).
pub const SANCTIONS_CITATION: &str = "Luwu Pasal 40, 57(2)";

/// Every message key the complaint rules use (translated in `locales/*/complaints.ftl`; a test
/// checks both languages have each):
///
/// | key | Bahasa Indonesia | English |
/// |---|---|---|
/// | complaint-err-service-date-future | Tanggal menerima layanan tidak boleh di masa depan. | The date the service was received cannot be in the future. |
/// | complaint-err-privacy-lower | Kerahasiaan hanya dapat dinaikkan, tidak diturunkan. | Privacy can only be raised, never lowered. |
/// | complaint-err-form-key | Formulir ini tidak lengkap atau kedaluwarsa; muat ulang halaman lalu kirim lagi. | This form is incomplete or expired; reload the page and send it again. |
/// | complaint-err-compensation-due | Ganti rugi harus mencantumkan jumlah dan batas waktu pembayarannya. | Compensation needs both its amount and its payment deadline. |
/// | complaint-err-rating | Pilih nilai 1 sampai 5. | Choose a rating from 1 to 5. |
pub const MESSAGE_KEYS: &[&str] = &[
    "complaint-err-service-date-future",
    "complaint-err-privacy-lower",
    "complaint-err-form-key",
    "complaint-err-compensation-due",
    "complaint-err-rating",
];
