use std::collections::BTreeMap;

use super::*;
use crate::ids::Code;

fn single_element(weight: &str) -> Definition {
    let mut def = Definition::permenpanrb_14_2017();
    def.elements.truncate(1);
    def.elements[0].weight = Weight::parse(weight).unwrap();
    def
}

fn uniform(def: &Definition, answer: u8, n: u64) -> IkmResult {
    compute(def, |_| Tally {
        sum: u64::from(answer) * n,
        count: n,
    })
    .unwrap()
}

#[test]
fn all_answers_4_give_100_00_grade_a__permenpanrb_14_2017() {
    let r = uniform(&Definition::permenpanrb_14_2017(), 4, 37);
    assert_eq!(r.converted.to_string(), "100.00");
    assert_eq!(r.ikm.to_string(), "4.00");
    assert_eq!(r.grade, Grade::A);
    assert!(
        r.elements
            .iter()
            .all(|e| e.grade == Grade::A && e.converted == Hundredths(10000))
    );
}

#[test]
fn all_answers_1_give_25_00_grade_d__permenpanrb_14_2017() {
    let r = uniform(&Definition::permenpanrb_14_2017(), 1, 1);
    assert_eq!(r.converted.to_string(), "25.00");
    assert_eq!(r.grade, Grade::D);
}

#[test]
fn grade_cut_offs_on_the_rounded_value__permenpanrb_14_2017() {
    let cases = [
        (6499, Grade::D),
        (6500, Grade::C),
        (7660, Grade::C),
        (7661, Grade::B),
        (8830, Grade::B),
        (8831, Grade::A),
        (2500, Grade::D),
        (10000, Grade::A),
    ];
    for (v, g) in cases {
        assert_eq!(Grade::of(Hundredths(v)), g, "{v}");
    }
}

#[test]
fn classification_reads_the_half_up_rounded_value__permenpanrb_14_2017() {
    // One element of weight 1, 5,000 respondents: converted = 25·S/5000 = S/200.
    let def = single_element("1");
    let at = |sum: u64| compute(&def, |_| Tally { sum, count: 5000 }).unwrap();
    for (sum, shown, grade) in [
        (12998, "64.99", Grade::D),
        (12999, "65.00", Grade::C), // 64.995 rounds up
        (15320, "76.60", Grade::C),
        (15321, "76.61", Grade::B), // 76.605
        (17660, "88.30", Grade::B),
        (17661, "88.31", Grade::A), // 88.305
    ] {
        let r = at(sum);
        assert_eq!(r.converted.to_string(), shown, "sum {sum}");
        assert_eq!(r.grade, grade, "sum {sum}");
        assert_eq!(r.elements[0].grade, grade, "element, sum {sum}");
    }
}

#[test]
fn printed_weights_0_111_are_refused_because_they_do_not_sum_to_1__permenpanrb_14_2017() {
    let mut def = Definition::permenpanrb_14_2017();
    assert!(def.validate().is_ok());
    for e in &mut def.elements {
        e.weight = Weight::parse("0,111").unwrap();
    }
    let err = def.validate().unwrap_err();
    assert_eq!(err.message_key(), Some("skm-err-weights-sum"));
}

#[test]
fn custom_weights_summing_to_exactly_1_are_accepted() {
    let mut def = Definition::permenpanrb_14_2017();
    let weights = [
        "0.2", "0.1", "0.1", "1/10", "0,1", "1/10", "1/10", "1/10", "1/10",
    ];
    for (e, w) in def.elements.iter_mut().zip(weights) {
        e.weight = Weight::parse(w).unwrap();
    }
    assert!(def.validate().is_ok());
    // Answers 4 on the heavy element and 1 elsewhere: 0.2·4 + 0.8·1 = 1.6 → 40.00.
    let r = compute(&def, |code| {
        let a = if code == "PERSYARATAN" { 4 } else { 1 };
        Tally { sum: a, count: 1 }
    })
    .unwrap();
    assert_eq!(r.converted.to_string(), "40.00");
}

#[test]
fn weight_parsing_refuses_nonsense() {
    for bad in [
        "",
        "abc",
        "1/0",
        "2",
        "1.5",
        "-0.1",
        "0.1234567",
        "1/2000000",
        "3/2",
    ] {
        assert!(Weight::parse(bad).is_err(), "{bad}");
    }
    assert_eq!(Weight::parse(" 1/9 ").unwrap(), Weight::equal(9));
    assert_eq!(Weight::parse(".5").unwrap(), Weight { num: 5, den: 10 });
}

#[test]
fn definitions_refuse_duplicate_codes_and_no_elements() {
    let mut def = Definition::permenpanrb_14_2017();
    def.elements[1].code = Code::parse("PERSYARATAN").unwrap();
    assert_eq!(
        def.validate().unwrap_err().message_key(),
        Some("skm-err-duplicate-element")
    );
    def.elements.clear();
    assert_eq!(
        def.validate().unwrap_err().message_key(),
        Some("skm-err-no-elements")
    );
}

#[test]
fn the_index_is_undefined_while_an_element_has_no_answer() {
    let def = Definition::permenpanrb_14_2017();
    assert!(
        compute(&def, |c| Tally {
            sum: 3,
            count: u64::from(c != "BIAYA")
        })
        .is_none()
    );
}

#[test]
fn krejcie_morgan_rows__permenpanrb_14_2017() {
    for (n, s) in [(100, 80), (1000, 278), (1_000_000, 384)] {
        assert_eq!(sample::required(n, SampleRule::Table), s, "table {n}");
        assert_eq!(sample::required(n, SampleRule::Formula), s, "formula {n}");
    }
    // Between rows the table rule takes the next higher tabulated N.
    assert_eq!(sample::required(759, SampleRule::Table), 260);
    assert_eq!(sample::required(759, SampleRule::Formula), 255);
    assert_eq!(sample::required(5_000_000, SampleRule::Table), 384);
    assert_eq!(sample::required(5, SampleRule::Table), 5);
    assert_eq!(sample::required(0, SampleRule::Formula), 0);
}

#[test]
fn every_table_row_equals_the_formula() {
    for (n, s) in sample::TABLE {
        assert_eq!(sample::formula(n), s, "N = {n}");
    }
}

#[test]
fn sufficiency_needs_the_required_respondents() {
    let s = Sufficiency::of(1000, 277, SampleRule::Table);
    assert!(!s.sufficient);
    assert!(Sufficiency::of(1000, 278, SampleRule::Table).sufficient);
    assert!(!Sufficiency::of(0, 0, SampleRule::Table).sufficient);
}

#[test]
fn periods_parse_and_bound_their_dates() {
    let q3 = Period::parse("2026-q3").unwrap();
    assert_eq!(q3.start().to_string(), "2026-07-01");
    assert_eq!(q3.end_exclusive().to_string(), "2026-10-01");
    assert_eq!(q3.label_id(), "Triwulan III 2026");
    let s2 = Period::parse("2026-S2").unwrap();
    assert_eq!(s2.end_exclusive().to_string(), "2027-01-01");
    let y = Period::parse("2026").unwrap();
    assert_eq!(
        (y.start().to_string(), y.to_string()),
        ("2026-01-01".into(), "2026".into())
    );
    for bad in [
        "", "26", "2026-Q5", "2026-S0", "2026-X1", "2026-Q", "abcd", "2026-Q1x",
    ] {
        assert!(Period::parse(bad).is_err(), "{bad}");
    }
    assert_eq!(Period::of_year(2026).len(), 7);
}

fn form(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
    pairs
        .iter()
        .map(|(k, v)| ((*k).into(), (*v).into()))
        .collect()
}

fn full_form(answer: &str) -> BTreeMap<String, String> {
    let def = Definition::permenpanrb_14_2017();
    let mut f = form(&[
        ("sex", "P"),
        ("age", "34"),
        ("education", "SMA"),
        ("occupation", "wirausaha"),
    ]);
    for e in &def.elements {
        f.insert(e.code.as_str().into(), answer.into());
    }
    f
}

#[test]
fn a_complete_questionnaire_parses() {
    let def = Definition::permenpanrb_14_2017();
    let mut f = full_form("3");
    f.insert("suggestion".into(), "  Antrian lebih cepat  ".into());
    let a = Answers::parse(&def, &f).unwrap();
    assert_eq!(a.answers.len(), 9);
    assert_eq!(a.profile.occupation, Occupation::Wirausaha);
    assert_eq!(a.suggestion.as_deref(), Some("Antrian lebih cepat"));
}

#[test]
fn bad_answers_and_profile_values_are_named_by_field() {
    let def = Definition::permenpanrb_14_2017();
    let mut f = full_form("4");
    f.insert("WAKTU".into(), "5".into());
    f.insert("BIAYA".into(), "0".into());
    f.remove("SARPRAS");
    f.insert("education".into(), "S9".into());
    f.insert("age".into(), "abc".into());
    f.insert("suggestion".into(), "x".repeat(SUGGESTION_MAX + 1));
    let errs = Answers::parse(&def, &f).unwrap_err();
    let got: Vec<(&str, &str)> = errs
        .0
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    assert_eq!(
        got,
        vec![
            ("education", "err-unknown-value"),
            ("age", "skm-err-age"),
            ("WAKTU", "skm-err-answer-range"),
            ("BIAYA", "skm-err-answer-range"),
            ("SARPRAS", "skm-err-answer-missing"),
            ("suggestion", "err-too-long"),
        ]
    );
}

fn paper_header() -> String {
    paper::header(&Definition::permenpanrb_14_2017()).join(",")
}

#[test]
fn a_paper_file_parses_with_quoted_suggestions() {
    let def = Definition::permenpanrb_14_2017();
    let text = format!(
        "\u{feff}{}\r\nktp-el,2026-03-02,L,40,SMA,PNS,4,4,3,4,3,3,4,2,3,\"Ruang tunggu panas, \"\"AC\"\" rusak\"\r\n\r\nKK,2026-03-03,P,22,S1X,PELAJAR,1,2,3,4,1,2,3,4,1,\n",
        paper_header()
    );
    let errs = paper::parse(&def, &text).unwrap_err();
    assert_eq!(errs.len(), 1);
    assert_eq!((errs[0].line, errs[0].column.as_str()), (4, "education"));
    let ok = text.replace("S1X", "D4-S1");
    let rows = paper::parse(&def, &ok).unwrap();
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0].service_code, "KTP-EL");
    assert_eq!(
        rows[0].answers.suggestion.as_deref(),
        Some("Ruang tunggu panas, \"AC\" rusak")
    );
    assert_eq!((rows[1].line, rows[1].answers.answers[0].1), (4, 1));
}

#[test]
fn bad_paper_files_are_reported_by_line_and_column() {
    let def = Definition::permenpanrb_14_2017();
    let wrong_columns = "service_code,date,sex\nKK,2026-01-01,L\n";
    assert_eq!(
        paper::parse(&def, wrong_columns).unwrap_err()[0].message_key,
        "skm-err-csv-columns"
    );
    assert_eq!(
        paper::parse(&def, "").unwrap_err()[0].message_key,
        "skm-err-csv-empty"
    );
    let text = format!(
        "{}\nKK,2026-02-30,L,40,SMA,PNS,4,4,3,4,3,3,4,2,5,\nKK,2026-01-01,L\n\"KK,2026",
        paper_header()
    );
    let errs = paper::parse(&def, &text).unwrap_err();
    assert_eq!(errs[0].message_key, "skm-err-csv-quote");
    let text = text.rsplit_once('\n').unwrap().0.to_owned();
    let errs = paper::parse(&def, &text).unwrap_err();
    let got: Vec<(usize, &str, &str)> = errs
        .iter()
        .map(|e| (e.line, e.column.as_str(), e.message_key.as_str()))
        .collect();
    assert_eq!(
        got,
        vec![
            (2, "date", "skm-err-date"),
            (2, "SARPRAS", "skm-err-answer-range"),
            (3, "", "skm-err-csv-field-count"),
        ]
    );
}
