use chrono::NaiveDate;

use crate::ids::Rupiah;

use super::*;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

#[test]
fn registration_numbers_follow_the_pattern() {
    let p = NumberPattern::parse("PTSP/{YYYY}/{SEQ:6}").unwrap();
    assert_eq!(p.format(d(2026, 3, 2), 123), "PTSP/2026/000123");
    assert_eq!(p.counter_key(d(2026, 3, 2)), "PTSP/2026/#");
    assert_eq!(p.counter_key(d(2027, 1, 1)), "PTSP/2027/#");
    let monthly = NumberPattern::parse("PBG-{YYYY}.{MM}-{SEQ:4}").unwrap();
    assert_eq!(monthly.format(d(2026, 11, 30), 7), "PBG-2026.11-0007");
    assert_eq!(NumberPattern::default().as_str(), "PTSP/{YYYY}/{SEQ:6}");
}

#[test]
fn bad_number_patterns_are_refused() {
    for bad in [
        "",
        "PTSP/{YYYY}",
        "PTSP/{SEQ:6}/{SEQ:6}",
        "PTSP/{SEQ:2}",
        "PTSP/{SEQ:10}",
        "PTSP {SEQ:6}",
        "PTSP/{DD}/{SEQ:6}",
        "PTSP/{SEQ:6",
        "<b>{SEQ:6}</b>",
    ] {
        let err = NumberPattern::parse(bad).unwrap_err();
        assert_eq!(
            err.message_key(),
            Some("permits-err-number-pattern"),
            "{bad}"
        );
    }
    assert!(serde_json::from_str::<NumberPattern>("\"X{SEQ:3}\"").is_ok());
    assert!(serde_json::from_str::<NumberPattern>("\"X\"").is_err());
}

fn settings() -> PermitSettings {
    PermitSettings {
        workflow: "perizinan".to_owned(),
        inspection_required: true,
        levy: LevyRule::PerUnit {
            field: "luas".to_owned(),
            rate: Rupiah(10_000),
            minimum: Rupiah(250_000),
            legal_basis: "Perda Batang 5/2023 tentang Pajak Daerah dan Retribusi Daerah".to_owned(),
        },
        technical_organisation_id: None,
        signing_official_id: None,
        number_pattern: NumberPattern::default(),
        form: FormDef {
            fields: vec![FormField {
                name: "luas".to_owned(),
                label_id: "Luas bangunan (m²)".to_owned(),
                label_en: "Floor area (m²)".to_owned(),
                kind: FieldKind::Number,
                required: true,
                hint_id: String::new(),
                hint_en: String::new(),
                choices: Vec::new(),
                min: Some(1),
                max: None,
            }],
        },
        template: LicenceTemplate {
            title: "Persetujuan Bangunan Gedung".to_owned(),
            permitted: "Mendirikan bangunan gedung seluas {luas} m²".to_owned(),
            conditions: vec!["Bangunan sesuai rencana teknis yang disetujui".to_owned()],
            validity_years: None,
        },
    }
}

#[test]
fn levy_per_unit_with_a_minimum__batang_13_3() {
    let s = settings();
    let mut values = FormValues::new();
    values.insert("luas".to_owned(), "120".to_owned());
    assert_eq!(s.levy.amount(&values), Rupiah(1_200_000));
    values.insert("luas".to_owned(), "3".to_owned());
    assert_eq!(s.levy.amount(&values), Rupiah(250_000));
    assert!(s.levy_due(&values));
    assert_eq!(LevyRule::None.amount(&values), Rupiah(0));
}

#[test]
fn template_fills_answers() {
    let s = settings();
    let mut values = FormValues::new();
    values.insert("luas".to_owned(), "120".to_owned());
    assert_eq!(
        LicenceTemplate::fill(&s.template.permitted, &values),
        "Mendirikan bangunan gedung seluas 120 m²"
    );
}

#[test]
fn settings_are_checked_against_their_form() {
    settings().validate().unwrap();
    let mut s = settings();
    s.levy = LevyRule::PerUnit {
        field: "lantai".to_owned(),
        rate: Rupiah(0),
        minimum: Rupiah(0),
        legal_basis: String::new(),
    };
    s.template.permitted = "Izin untuk {pemilik}".to_owned();
    s.template.title.clear();
    let errs = s.validate().unwrap_err();
    assert_eq!(errs.get("levy.field"), Some("permits-err-levy-field"));
    assert_eq!(errs.get("levy.rate"), Some("err-rupiah-invalid"));
    assert_eq!(errs.get("levy.legal_basis"), Some("err-required"));
    assert_eq!(
        errs.get("template.permitted"),
        Some("permits-err-placeholder")
    );
    assert_eq!(errs.get("template.title"), Some("err-required"));
}

#[test]
fn settings_survive_json() {
    let s = settings();
    let back: PermitSettings = serde_json::from_str(&serde_json::to_string(&s).unwrap()).unwrap();
    assert_eq!(back, s);
}
