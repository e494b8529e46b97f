use std::collections::BTreeMap;

use super::*;

fn field(name: &str, kind: FieldKind, required: bool) -> FormField {
    FormField {
        name: name.to_owned(),
        label_id: name.to_owned(),
        label_en: name.to_owned(),
        kind,
        required,
        hint_id: String::new(),
        hint_en: String::new(),
        choices: Vec::new(),
        min: None,
        max: None,
    }
}

fn form() -> FormDef {
    let mut area = field("luas", FieldKind::Number, true);
    area.min = Some(1);
    area.max = Some(100_000);
    let mut fungsi = field("fungsi", FieldKind::Choice, true);
    fungsi.choices = vec![Choice {
        value: "hunian".to_owned(),
        label_id: "Hunian".to_owned(),
        label_en: "Residential".to_owned(),
    }];
    FormDef {
        fields: vec![
            field("nama", FieldKind::Text, true),
            field("nik", FieldKind::Nik, true),
            field("npwp", FieldKind::Npwp, false),
            field("nib", FieldKind::Nib, false),
            field("telepon", FieldKind::Phone, true),
            field("mulai", FieldKind::Date, false),
            field("lokasi", FieldKind::Address, true),
            area,
            fungsi,
        ],
    }
}

fn raw(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
    pairs
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect()
}

#[test]
fn a_complete_form_parses_to_canonical_values__batang_8() {
    let values = form()
        .parse(
            &raw(&[
                ("nama", "  Siti Aminah "),
                ("nik", " 3325014708900002 "),
                ("telepon", "0812-3456-7890"),
                ("lokasi", "Jl. Gajah Mada 12"),
                ("lokasi.region", "33.25.01.2001"),
                ("luas", "1.250"),
                ("fungsi", "hunian"),
                ("mulai", "2026-04-01"),
            ]),
            true,
        )
        .unwrap();
    assert_eq!(values["nama"], "Siti Aminah");
    assert_eq!(values["nik"], "3325014708900002");
    assert_eq!(values["telepon"], "+6281234567890");
    assert_eq!(values["lokasi.region"], "3325012001");
    assert_eq!(values["luas"], "1250");
    assert!(!values.contains_key("npwp"));
}

#[test]
fn every_bad_answer_is_reported_under_its_field() {
    let errs = form()
        .parse(
            &raw(&[
                ("nik", "12345"),
                ("npwp", "abc"),
                ("nib", "12"),
                ("telepon", "hello"),
                ("lokasi", "Jl. X"),
                ("lokasi.region", "3325"),
                ("luas", "0"),
                ("fungsi", "pabrik"),
                ("mulai", "31/02/2026"),
            ]),
            true,
        )
        .unwrap_err();
    assert_eq!(errs.get("nama"), Some("err-required"));
    assert_eq!(errs.get("nik"), Some("err-nik-length"));
    assert_eq!(errs.get("npwp"), Some("err-npwp-digits"));
    assert_eq!(errs.get("nib"), Some("err-nib-length"));
    assert_eq!(errs.get("telepon"), Some("err-phone-invalid"));
    assert_eq!(errs.get("lokasi.region"), Some("permits-err-village"));
    assert_eq!(errs.get("luas"), Some("permits-err-number-range"));
    assert_eq!(errs.get("fungsi"), Some("err-unknown-value"));
    assert_eq!(errs.get("mulai"), Some("permits-err-date"));
}

#[test]
fn a_draft_may_leave_required_answers_empty_but_not_wrong() {
    let values = form().parse(&raw(&[("nama", "Budi")]), false).unwrap();
    assert_eq!(values.len(), 1);
    let errs = form().parse(&raw(&[("luas", "12a")]), false).unwrap_err();
    assert_eq!(errs.get("luas"), Some("permits-err-number"));
    assert_eq!(errs.len(), 1);
}

#[test]
fn markup_and_huge_numbers_are_kept_literal_or_refused() {
    let long = "x".repeat(301);
    let errs = form()
        .parse(
            &raw(&[("nama", &long), ("luas", "99999999999999999999")]),
            false,
        )
        .unwrap_err();
    assert_eq!(errs.get("nama"), Some("err-too-long"));
    assert_eq!(errs.get("luas"), Some("permits-err-number"));
    let values = form()
        .parse(&raw(&[("nama", "<script>alert(1)</script>")]), false)
        .unwrap();
    assert_eq!(values["nama"], "<script>alert(1)</script>");
}

#[test]
fn bad_form_definitions_are_refused() {
    let mut def = form();
    def.fields.push(field("nama", FieldKind::Text, false));
    def.fields.push(field("Bad Name", FieldKind::Text, false));
    def.fields.push(field("kosong", FieldKind::Choice, false));
    let mut range = field("rentang", FieldKind::Number, false);
    range.min = Some(10);
    range.max = Some(1);
    def.fields.push(range);
    let errs = def.validate().unwrap_err();
    assert_eq!(errs.get("fields.nama"), Some("permits-err-duplicate"));
    assert_eq!(errs.get("fields.Bad Name"), Some("permits-err-code"));
    assert_eq!(errs.get("fields.kosong"), Some("permits-err-choices"));
    assert_eq!(errs.get("fields.rentang"), Some("permits-err-number-range"));
    form().validate().unwrap();
}
