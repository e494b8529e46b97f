//! The workflow definitions a new installation starts with.

use crate::calendar::DayKind;
use crate::identity::Role;

use super::Outcome;
use super::workflow::{ActionDef, Condition, Effect, Performer, StateDef, StateSla, WorkflowDef};

use Condition as C;
use Effect as E;
use Performer::{Applicant, Staff, System};

fn state(code: &str, label_id: &str, label_en: &str, sla: StateSla) -> StateDef {
    StateDef {
        code: code.to_owned(),
        label_id: label_id.to_owned(),
        label_en: label_en.to_owned(),
        terminal: false,
        sla,
    }
}

fn end(code: &str, label_id: &str, label_en: &str) -> StateDef {
    StateDef {
        terminal: true,
        ..state(code, label_id, label_en, StateSla::None)
    }
}

/// An action with its labels, states and performer; conditions, effects and the rest are
/// added with the builder methods below.
fn action(
    code: &str,
    labels: (&str, &str),
    from: &[&str],
    to: &str,
    performer: Performer,
) -> ActionDef {
    ActionDef {
        code: code.to_owned(),
        label_id: labels.0.to_owned(),
        label_en: labels.1.to_owned(),
        from: from.iter().map(|s| (*s).to_owned()).collect(),
        to: to.to_owned(),
        performer,
        conditions: Vec::new(),
        effects: Vec::new(),
        reason_required: false,
        decides: None,
    }
}

trait Build {
    fn when(self, conditions: &[Condition]) -> Self;
    fn then(self, effects: &[Effect]) -> Self;
    fn with_reason(self) -> Self;
    fn deciding(self, outcome: Outcome) -> Self;
}

impl Build for ActionDef {
    fn when(mut self, conditions: &[Condition]) -> Self {
        self.conditions = conditions.to_vec();
        self
    }
    fn then(mut self, effects: &[Effect]) -> Self {
        self.effects = effects.to_vec();
        self
    }
    fn with_reason(mut self) -> Self {
        self.reason_required = true;
        self
    }
    fn deciding(mut self, outcome: Outcome) -> Self {
        self.decides = Some(outcome);
        self
    }
}

/// States before the decision, where the applicant may still withdraw and staff may cancel.
const OPEN: &[&str] = &[
    "verification",
    "returned",
    "technical_review",
    "inspection",
    "decision",
];

/// The licence workflow of Batang Pasal 9–13: the officer verifies the file and forwards it or
/// returns it with reasons (Pasal 9); the technical team reviews, with a field inspection and
/// its report where the service needs one (Pasal 10); the official approves or rejects with
/// reasons (Pasal 11(1)); the licence or rejection letter is signed electronically (Pasal
/// 11(3–4), 14) and the applicant notified within 3 working days (Pasal 12(2), the
/// `permit_decision_notice` deadline rule, carried by the notice's own due time); where a levy
/// is due it is paid first (Pasal 13(3)); then the licence is collected or printed. SLA shares
/// split the service's completion time over the office's steps; while the application is with
/// the applicant (returned, paying) the office's clock does not run.
pub fn licence_workflow() -> WorkflowDef {
    let states = vec![
        state(
            "verification",
            "Verifikasi berkas",
            "File verification",
            share(20),
        ),
        state(
            "returned",
            "Dikembalikan ke pemohon",
            "Returned to the applicant",
            StateSla::None,
        ),
        state(
            "technical_review",
            "Kajian tim teknis",
            "Technical review",
            share(30),
        ),
        state(
            "inspection",
            "Tinjauan lapangan",
            "Field inspection",
            share(30),
        ),
        state(
            "decision",
            "Keputusan pejabat",
            "Official's decision",
            share(10),
        ),
        state(
            "signing",
            "Penandatanganan elektronik",
            "Electronic signing",
            share(10),
        ),
        state(
            "payment",
            "Menunggu pembayaran retribusi",
            "Awaiting levy payment",
            StateSla::None,
        ),
        state(
            "ready_for_collection",
            "Siap diambil",
            "Ready for collection",
            StateSla::Days {
                days: 30,
                kind: DayKind::Calendar,
            },
        ),
        end("collected", "Sudah diambil", "Collected"),
        end("rejected", "Ditolak", "Rejected"),
        end(
            "withdrawn",
            "Dicabut oleh pemohon",
            "Withdrawn by the applicant",
        ),
        end("cancelled", "Dibatalkan", "Cancelled"),
    ];
    let petugas = Staff(Role::Petugas);
    let tim = Staff(Role::TimTeknis);
    let pejabat = Staff(Role::Pejabat);
    let actions = vec![
        action(
            "forward",
            ("Teruskan ke tim teknis", "Forward to the technical team"),
            &["verification"],
            "technical_review",
            petugas,
        ),
        action(
            "return",
            ("Kembalikan ke pemohon", "Return to the applicant"),
            &["verification"],
            "returned",
            petugas,
        )
        .with_reason()
        .then(&[E::NotifyApplicant]),
        action(
            "resubmit",
            ("Ajukan kembali", "Submit again"),
            &["returned"],
            "verification",
            Applicant,
        ),
        action(
            "schedule_inspection",
            ("Jadwalkan tinjauan lapangan", "Schedule the inspection"),
            &["technical_review"],
            "inspection",
            tim,
        )
        .when(&[C::InspectionRequired])
        .then(&[E::InspectionNotice]),
        action(
            "recommend",
            (
                "Beri rekomendasi teknis",
                "Give the technical recommendation",
            ),
            &["technical_review"],
            "decision",
            tim,
        )
        .when(&[C::NoInspection]),
        action(
            "record_inspection",
            ("Catat berita acara", "Record the inspection report"),
            &["inspection"],
            "decision",
            tim,
        )
        .then(&[E::InspectionReport]),
        action(
            "approve",
            ("Setujui", "Approve"),
            &["decision"],
            "signing",
            pejabat,
        )
        .with_reason()
        .deciding(Outcome::Approved),
        action(
            "reject",
            ("Tolak", "Reject"),
            &["decision"],
            "signing",
            pejabat,
        )
        .with_reason()
        .deciding(Outcome::Rejected),
        action(
            "sign_pay",
            ("Tandatangani", "Sign"),
            &["signing"],
            "payment",
            pejabat,
        )
        .when(&[C::Approved, C::LevyDue])
        .then(&[E::SignDocument, E::DecisionNotice, E::CreateInvoice]),
        action(
            "sign",
            ("Tandatangani", "Sign"),
            &["signing"],
            "ready_for_collection",
            pejabat,
        )
        .when(&[C::Approved, C::NoLevy])
        .then(&[E::SignDocument, E::DecisionNotice]),
        action(
            "sign_rejection",
            ("Tandatangani surat penolakan", "Sign the rejection letter"),
            &["signing"],
            "rejected",
            pejabat,
        )
        .when(&[C::Rejected])
        .then(&[E::SignDocument, E::DecisionNotice]),
        action(
            "pay",
            ("Catat pembayaran", "Record the payment"),
            &["payment"],
            "ready_for_collection",
            System,
        ),
        action(
            "collect",
            ("Serahkan dokumen", "Hand over the documents"),
            &["ready_for_collection"],
            "collected",
            petugas,
        )
        .then(&[E::HandOver]),
        action(
            "download",
            ("Unduh dan cetak sendiri", "Download and print"),
            &["ready_for_collection"],
            "collected",
            Applicant,
        ),
        action(
            "withdraw",
            ("Cabut permohonan", "Withdraw the application"),
            OPEN,
            "withdrawn",
            Applicant,
        ),
        action(
            "cancel",
            ("Batalkan", "Cancel"),
            OPEN,
            "cancelled",
            Staff(Role::AdminMpp),
        )
        .with_reason()
        .then(&[E::NotifyApplicant]),
    ];
    WorkflowDef {
        code: "perizinan".to_owned(),
        name_id: "Perizinan (Perbup Batang Pasal 9–13)".to_owned(),
        name_en: "Licence (Batang Pasal 9–13)".to_owned(),
        initial: "verification".to_owned(),
        states,
        actions,
    }
}

/// Non-licence services (Batang Pasal 1(9)): no technical team or inspection; the officer
/// verifies, the official decides and signs, and the document is collected or printed.
pub fn non_licence_workflow() -> WorkflowDef {
    let mut def = licence_workflow();
    def.code = "nonperizinan".to_owned();
    def.name_id = "Nonperizinan".to_owned();
    def.name_en = "Non-licence".to_owned();
    def.states
        .retain(|s| !matches!(s.code.as_str(), "technical_review" | "inspection"));
    for s in &mut def.states {
        match s.code.as_str() {
            "verification" => s.sla = share(40),
            "decision" => s.sla = share(40),
            "signing" => s.sla = share(20),
            _ => {}
        }
    }
    def.actions.retain(|a| {
        !matches!(
            a.code.as_str(),
            "schedule_inspection" | "recommend" | "record_inspection"
        )
    });
    for a in &mut def.actions {
        a.from
            .retain(|s| !matches!(s.as_str(), "technical_review" | "inspection"));
        if a.code == "forward" {
            a.label_id = "Teruskan ke pejabat".to_owned();
            a.label_en = "Forward to the official".to_owned();
            a.to = "decision".to_owned();
        }
    }
    def
}

fn share(percent: u32) -> StateSla {
    StateSla::Share { percent }
}
