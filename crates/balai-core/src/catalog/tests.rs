//! Catalogue tests: kinds, completion time, the standard's validation, status transitions.

use chrono::NaiveDate;

use super::*;
use crate::calendar::{DayKind, WorkCalendar};
use crate::ids::Rupiah;

fn standard() -> ServiceStandard {
    ServiceStandard {
        legal_basis: vec!["Perda Kabupaten Luwu No. 1 Tahun 2017".to_owned()],
        requirements: vec![Requirement {
            name: "Fotokopi KTP-el".to_owned(),
            required: true,
            file_types: vec!["pdf".to_owned(), "jpeg".to_owned()],
            note: String::new(),
        }],
        procedure: vec![ProcedureStep {
            title: "Pemohon mengisi formulir".to_owned(),
            description: "Formulir daring atau di gerai.".to_owned(),
        }],
        completion_time: CompletionTime {
            value: 3,
            unit: TimeUnit::WorkingDays,
        },
        fees: Vec::new(),
        product: "Surat keterangan".to_owned(),
        officer_count: 2,
        ..ServiceStandard::default()
    }
}

#[test]
fn organisation_kinds_follow_mesuji_8_1() {
    let codes: Vec<&str> = OrganisationKind::all().iter().map(|k| k.as_str()).collect();
    assert_eq!(
        codes,
        [
            "perangkat_daerah",
            "perangkat_daerah_provinsi",
            "instansi_vertikal",
            "bumn",
            "bumd",
            "swasta",
            "unit_pendukung"
        ]
    );
    assert_eq!(
        OrganisationKind::Bumn.label_id(),
        "Badan Usaha Milik Negara"
    );
    assert_eq!(
        OrganisationKind::parse("BUMD").unwrap(),
        OrganisationKind::Bumd
    );
    assert!(OrganisationKind::parse("ngo").is_err());
}

#[test]
fn service_modes_follow_mesuji_7_2() {
    assert_eq!(ServiceMode::all().len(), 4);
    assert_eq!(ServiceMode::Keliling.as_str(), "keliling");
    assert!(ServiceMode::Keliling.label_id().contains("bergerak"));
    assert_eq!(
        serde_json::to_string(&ServiceMode::Elektronik).unwrap(),
        "\"elektronik\""
    );
}

#[test]
fn service_kinds_and_categories__seluma_5_batang_1() {
    assert_eq!(
        ServiceKind::parse("perizinan").unwrap(),
        ServiceKind::Perizinan
    );
    assert_eq!(ServiceCategory::all().len(), 3);
    assert_eq!(
        ServiceCategory::Administratif.label_en(),
        "Administrative service"
    );
}

#[test]
fn completion_time_labels() {
    let t = |value, unit| CompletionTime { value, unit };
    assert_eq!(t(3, TimeUnit::WorkingDays).label_id(), "3 hari kerja");
    assert_eq!(t(60, TimeUnit::Minutes).label_id(), "60 menit");
    assert_eq!(t(14, TimeUnit::Days).label_id(), "14 hari kalender");
    assert_eq!(t(2, TimeUnit::Hours).label_id(), "2 jam");
    assert_eq!(t(3, TimeUnit::WorkingDays).label_en(), "3 working days");
    assert_eq!(t(1, TimeUnit::WorkingDays).label_en(), "1 working day");
    assert_eq!(t(1, TimeUnit::Hours).label_en(), "1 hour");
    assert_eq!(t(60, TimeUnit::Minutes).label_en(), "60 minutes");
}

#[test]
fn completion_time_bounds() {
    let key = |value, unit| {
        CompletionTime { value, unit }
            .validate()
            .unwrap_err()
            .get("completion_time.value")
            .map(str::to_owned)
    };
    assert_eq!(
        key(0, TimeUnit::Days).as_deref(),
        Some("err-completion-time-zero")
    );
    assert_eq!(
        key(1441, TimeUnit::Minutes).as_deref(),
        Some("err-completion-time-too-large")
    );
    assert!(
        CompletionTime {
            value: 365,
            unit: TimeUnit::WorkingDays
        }
        .validate()
        .is_ok()
    );
}

#[test]
fn completion_time_drives_the_deadline() {
    let cal = WorkCalendar::default_2026();
    let from = NaiveDate::from_ymd_opt(2026, 3, 17).unwrap();
    let three = CompletionTime {
        value: 3,
        unit: TimeUnit::WorkingDays,
    };
    assert_eq!(three.day_rule(), Some((3, DayKind::Working)));
    assert_eq!(
        three.due(&cal, from).unwrap().date,
        NaiveDate::from_ymd_opt(2026, 3, 27).unwrap()
    );
    assert_eq!(
        CompletionTime {
            value: 60,
            unit: TimeUnit::Minutes
        }
        .due(&cal, from),
        None
    );
}

#[test]
fn a_complete_standard_validates() {
    assert_eq!(standard().validate(), Ok(()));
    assert!(standard().is_free());
    assert_eq!(standard().total_fee(), Rupiah(0));
}

#[test]
fn product_and_procedure_are_required() {
    let mut s = standard();
    s.product = " ".to_owned();
    s.procedure.clear();
    let errs = s.validate().unwrap_err();
    assert_eq!(errs.get("product"), Some("err-required"));
    assert_eq!(errs.get("procedure"), Some("err-procedure-empty"));
}

#[test]
fn an_empty_requirement_list_means_no_documents_needed() {
    let mut s = standard();
    s.requirements.clear();
    assert_eq!(s.validate(), Ok(()));
}

#[test]
fn list_entries_are_checked_with_indexed_field_names() {
    let mut s = standard();
    s.requirements.push(Requirement {
        name: String::new(),
        required: false,
        file_types: vec!["exe".to_owned()],
        note: String::new(),
    });
    s.procedure.push(ProcedureStep {
        title: "x".repeat(501),
        description: String::new(),
    });
    s.legal_basis.push("  ".to_owned());
    s.facilities = "x".repeat(4001);
    s.completion_time.value = 0;
    let errs = s.validate().unwrap_err();
    assert_eq!(errs.get("requirements[1].name"), Some("err-required"));
    assert_eq!(
        errs.get("requirements[1].file_types"),
        Some("err-file-type")
    );
    assert_eq!(errs.get("procedure[1].title"), Some("err-too-long"));
    assert_eq!(errs.get("legal_basis[1]"), Some("err-required"));
    assert_eq!(errs.get("facilities"), Some("err-too-long"));
    assert_eq!(
        errs.get("completion_time.value"),
        Some("err-completion-time-zero")
    );
    assert_eq!(errs.get("requirements[0].name"), None);
}

#[test]
fn every_fee_needs_a_legal_basis__luwu_36_4() {
    let mut s = standard();
    s.fees = vec![
        Fee {
            item: "Retribusi".to_owned(),
            amount: Rupiah(150_000),
            legal_basis: String::new(),
        },
        Fee {
            item: "Blanko".to_owned(),
            amount: Rupiah(0),
            legal_basis: String::new(),
        },
        Fee {
            item: "Denda".to_owned(),
            amount: Rupiah(-1),
            legal_basis: "Perda 2/2020".to_owned(),
        },
    ];
    let errs = s.validate().unwrap_err();
    assert_eq!(errs.get("fees[0].legal_basis"), Some("err-fee-legal-basis"));
    assert_eq!(
        errs.get("fees[1].legal_basis"),
        None,
        "a free item needs no basis"
    );
    assert_eq!(errs.get("fees[2].amount"), Some("err-rupiah-negative"));
    s.fees.pop();
    s.fee_legal_basis = "Perda Kabupaten Batang No. 5 Tahun 2021".to_owned();
    assert_eq!(s.validate(), Ok(()));
    assert!(!s.is_free());
    assert_eq!(s.total_fee(), Rupiah(150_000));
}

#[test]
fn standard_json_round_trips() {
    let mut s = standard();
    s.fees.push(Fee {
        item: "A".to_owned(),
        amount: Rupiah(5_000),
        legal_basis: "B".to_owned(),
    });
    let json = serde_json::to_value(&s).unwrap();
    assert_eq!(json["completion_time"]["unit"], "working_days");
    assert_eq!(json["fees"][0]["amount"], 5000);
    let back: ServiceStandard = serde_json::from_value(json).unwrap();
    assert_eq!(back, s);
}

#[test]
fn charter_wording_is_the_standard_maklumat() {
    assert_eq!(
        charter_default_text(),
        "Dengan ini, kami menyatakan sanggup menyelenggarakan pelayanan sesuai standar \
         pelayanan yang telah ditetapkan dan apabila tidak menepati janji ini, kami siap \
         menerima sanksi sesuai peraturan perundang-undangan yang berlaku."
    );
}

#[test]
fn standard_status_transitions__seluma_21_2() {
    use StandardStatus::*;
    let allowed = [
        (Draft, Consultation),
        (Consultation, Draft),
        (Draft, Adopted),
        (Consultation, Adopted),
        (Adopted, Superseded),
    ];
    for from in StandardStatus::all() {
        for to in StandardStatus::all() {
            let expected = allowed.contains(&(*from, *to));
            assert_eq!(
                StandardStatus::can_transition(*from, *to),
                expected,
                "{from} → {to}"
            );
            assert_eq!(can_transition(*from, *to), expected);
            assert_eq!(from.transition(*to).is_ok(), expected);
        }
    }
}

#[test]
fn adopted_versions_are_never_edited__requirements_2() {
    assert!(StandardStatus::Draft.is_editable());
    assert!(!StandardStatus::Consultation.is_editable());
    assert!(!StandardStatus::Adopted.is_editable());
    assert!(!StandardStatus::Superseded.is_editable());
    assert!(StandardStatus::Consultation.accepts_comments());
    assert!(matches!(
        StandardStatus::Superseded.transition(StandardStatus::Adopted),
        Err(crate::CoreError::Conflict(_))
    ));
}

#[test]
fn comment_and_participant_enums__permenpanrb_16_2017() {
    assert_eq!(
        CommentStatus::parse("pending").unwrap(),
        CommentStatus::Pending
    );
    let groups: Vec<&str> = ParticipantGroup::all().iter().map(|g| g.as_str()).collect();
    assert_eq!(
        groups,
        [
            "pengguna_layanan",
            "ahli",
            "instansi_terkait",
            "masyarakat_sipil",
            "media"
        ]
    );
    assert_eq!(
        ParticipantGroup::MasyarakatSipil.label_en(),
        "Civil society"
    );
}
