//! Statutory deadlines as data, each with the article it comes from (architecture §3).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::error::FieldErrors;
use crate::text::check_len;

use super::{DayKind, DueDate, WorkCalendar};

/// Longest deadline an administrator may configure: ten years and a little. Keeps a mistyped
/// rule from making every deadline computation walk millions of days.
const MAX_DAYS: u32 = 3660;

/// One deadline: `days` of `kind` counted from the event named by `starts_from`.
///
/// A region's administrator may change `days` and `kind` (the law's "hari" is read as calendar
/// days by default, national-rules §2); `code` is stable and referenced by the code that
/// computes deadlines.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeadlineRule {
    pub code: String,
    pub days: u32,
    pub kind: DayKind,
    pub starts_from: String,
    pub citation: String,
    pub description_id: String,
    pub description_en: String,
}

impl DeadlineRule {
    /// The due date for an event on `from`.
    pub fn due(&self, cal: &WorkCalendar, from: NaiveDate) -> DueDate {
        cal.add_days(from, self.days, self.kind)
    }

    /// Checks an administrator's edit: code, start event, citation and both descriptions
    /// present and of sane length, days at most 3660.
    pub fn validate(&self) -> Result<(), FieldErrors> {
        let mut errs = FieldErrors::new();
        check_len("code", &self.code, 1, 64, &mut errs);
        check_len("starts_from", &self.starts_from, 1, 64, &mut errs);
        check_len("citation", &self.citation, 1, 500, &mut errs);
        check_len("description_id", &self.description_id, 1, 1000, &mut errs);
        check_len("description_en", &self.description_en, 1, 1000, &mut errs);
        if self.days > MAX_DAYS {
            errs.add("days", "err-deadline-days");
        }
        errs.into_result()
    }
}

/// (code, days, kind, starts_from, citation, description_id, description_en)
type RuleRow = (
    &'static str,
    u32,
    DayKind,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
);

const RULES: &[RuleRow] = &[
    (
        "complaint_lodge_window",
        30,
        DayKind::Calendar,
        "service_received",
        "Seluma Pasal 51(2); Luwu Pasal 41(2)",
        "Pengaduan diajukan paling lambat 30 hari sejak pengadu menerima pelayanan.",
        "A complaint is lodged within 30 days of receiving the service.",
    ),
    (
        "complaint_completeness_answer",
        14,
        DayKind::Calendar,
        "complaint_received",
        "Luwu Pasal 43(3)",
        "Penyelenggara menanggapi pengaduan paling lambat 14 hari sejak pengaduan diterima, \
         sekurang-kurangnya tentang lengkap atau tidaknya materi aduan.",
        "The provider answers within 14 days of receipt, at least on whether the complaint \
         is complete.",
    ),
    (
        "complaint_completion_by_complainant",
        30,
        DayKind::Calendar,
        "completeness_answer_received",
        "Luwu Pasal 43(4)-(5)",
        "Pengadu melengkapi materi aduan paling lambat 30 hari sejak menerima tanggapan; \
         jika tidak, pengaduan dianggap dicabut.",
        "The complainant completes the complaint within 30 days of the answer, otherwise it \
         is deemed withdrawn.",
    ),
    (
        "complaint_decision",
        60,
        DayKind::Calendar,
        "complaint_file_complete",
        "Luwu Pasal 48(1); Seluma Pasal 57(1)",
        "Hasil pemeriksaan pengaduan diputuskan paling lambat 60 hari sejak berkas pengaduan \
         dinyatakan lengkap.",
        "The complaint is decided within 60 days of the file being declared complete.",
    ),
    (
        "complaint_decision_delivery",
        14,
        DayKind::Calendar,
        "complaint_decided",
        "Luwu Pasal 48(2); Seluma Pasal 57(2)",
        "Keputusan disampaikan kepada pengadu paling lambat 14 hari sejak diputuskan.",
        "The decision is delivered to the complainant within 14 days of being made.",
    ),
    (
        "lapor_verification",
        3,
        DayKind::Working,
        "lapor_received",
        "PermenPANRB 62/2018",
        "Laporan SP4N-LAPOR! diverifikasi dan diteruskan paling lambat 3 hari kerja.",
        "A SP4N-LAPOR! report is verified and forwarded within 3 working days.",
    ),
    (
        "lapor_first_followup",
        5,
        DayKind::Working,
        "lapor_forwarded",
        "PermenPANRB 62/2018",
        "Unit yang berwenang memberi tindak lanjut pertama paling lambat 5 hari kerja sejak \
         laporan diteruskan.",
        "The responsible unit gives a first follow-up within 5 working days of forwarding.",
    ),
    (
        "lapor_resolution_simple",
        5,
        DayKind::Working,
        "lapor_forwarded",
        "PermenPANRB 62/2018",
        "Permintaan informasi atau pengaduan sederhana diselesaikan dalam 5 hari kerja.",
        "An information request or simple complaint is resolved within 5 working days.",
    ),
    (
        "lapor_resolution_no_field_check",
        14,
        DayKind::Working,
        "lapor_forwarded",
        "PermenPANRB 62/2018",
        "Sengketa atau pelanggaran tanpa pemeriksaan lapangan diselesaikan dalam 14 hari kerja.",
        "A dispute or violation not needing a field examination is resolved within 14 \
         working days.",
    ),
    (
        "lapor_resolution_field_check",
        60,
        DayKind::Working,
        "lapor_forwarded",
        "PermenPANRB 62/2018",
        "Pengaduan yang memerlukan pemeriksaan lapangan diselesaikan dalam 60 hari kerja.",
        "A complaint needing a field examination is resolved within 60 working days.",
    ),
    (
        "permit_decision_notice",
        3,
        DayKind::Working,
        "permit_decided",
        "Batang Pasal 12(2)",
        "Pemberitahuan penetapan atau penolakan izin paling lambat 3 hari kerja sejak \
         permohonan ditetapkan atau ditolak.",
        "The applicant is notified of approval or rejection within 3 working days of the \
         decision.",
    ),
    (
        "facility_repair_announcement",
        30,
        DayKind::Calendar,
        "repair_announced",
        "Seluma Pasal 28(3)",
        "Perbaikan sarana, prasarana, atau fasilitas baru boleh dimulai 30 hari kalender \
         setelah diumumkan.",
        "Repairs of facilities may start no earlier than 30 calendar days after the \
         announcement.",
    ),
];

/// The deadline rules a new installation starts with, from the regulations in
/// `shared/seeds` and national-rules §2. The complaint deadlines say "hari", so they count
/// calendar days; the LAPOR! and licensing deadlines say "hari kerja". The facility repair
/// rule is stated from the announcement: work may begin on the due date at the earliest
/// (Seluma requires the announcement at least 30 calendar days before work starts).
pub fn default_deadline_rules() -> Vec<DeadlineRule> {
    RULES
        .iter()
        .map(
            |(code, days, kind, starts_from, citation, description_id, description_en)| {
                DeadlineRule {
                    code: (*code).to_owned(),
                    days: *days,
                    kind: *kind,
                    starts_from: (*starts_from).to_owned(),
                    citation: (*citation).to_owned(),
                    description_id: (*description_id).to_owned(),
                    description_en: (*description_en).to_owned(),
                }
            },
        )
        .collect()
}
