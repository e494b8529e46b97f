//! `balai calendar due` as a user runs it: the built binary against a fresh SQLite database
//! with the demo region, printing the due date and, when a year crossed has no holiday data,
//! saying so (national-rules §4). Mistakes are one sentence and a non-zero exit.

#![allow(non_snake_case, clippy::unwrap_used)]

use std::path::PathBuf;
use std::process::{Command, Output};

/// A scratch directory removed when the test ends.
struct Scratch(PathBuf);

impl Scratch {
    fn new() -> Self {
        let dir = std::env::temp_dir().join(format!("balai-cli-cal-{}", uuid::Uuid::now_v7()));
        std::fs::create_dir_all(&dir).unwrap();
        Scratch(dir)
    }

    fn url(&self) -> String {
        format!("sqlite://{}/x.db", self.0.display())
    }

    fn balai(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_balai"))
            .args(args)
            .env("BALAI_DATABASE_URL", self.url())
            .env("BALAI_LOG", "error")
            .output()
            .unwrap()
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A database with the demo region loaded.
fn demo() -> Scratch {
    let s = Scratch::new();
    let o = s.balai(&["seed-demo"]);
    assert!(o.status.success(), "seed-demo failed: {}", stderr(&o));
    s
}

#[test]
fn cli_notice_due_in_3_working_days_across_idul_fitri__batang_12_2() {
    let s = demo();
    let o = s.balai(&[
        "calendar",
        "due",
        "--from",
        "2026-03-17",
        "--days",
        "3",
        "--kind",
        "working",
        "--office",
        "DPMPTSP",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(stdout(&o), "2026-03-27 (Jumat)\n");
    // The mall serves on Saturday: 3 working days from Thursday 26 March end on Monday.
    let o = s.balai(&[
        "calendar",
        "due",
        "--from",
        "2026-03-26",
        "--days",
        "3",
        "--kind",
        "working",
    ]);
    assert_eq!(stdout(&o), "2026-03-30 (Senin)\n");
    let o = s.balai(&[
        "calendar",
        "due",
        "--from",
        "2026-03-17",
        "--days",
        "14",
        "--kind",
        "calendar",
    ]);
    assert_eq!(stdout(&o), "2026-03-31 (Selasa)\n");
}

#[test]
fn cli_says_when_the_2027_calendar_is_missing__national_rules_4() {
    let s = demo();
    let o = s.balai(&[
        "calendar",
        "due",
        "--from",
        "2026-12-28",
        "--days",
        "5",
        "--kind",
        "working",
        "--office",
        "DPMPTSP",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        stdout(&o),
        "2027-01-04 (Senin)\nThe holiday calendar for 2027 is not loaded: only weekends were skipped.\n"
    );
}

#[test]
fn cli_refuses_a_bad_date_kind_or_office_with_one_sentence() {
    let s = demo();
    for (args, needle) in [
        (
            ["--from", "17-03-2026", "--days", "3", "--kind", "working"],
            "YYYY-MM-DD",
        ),
        (
            ["--from", "2026-03-17", "--days", "3", "--kind", "weekly"],
            "working",
        ),
        (
            ["--from", "2026-03-17", "--days", "x", "--kind", "working"],
            "number of days",
        ),
    ] {
        let mut all = vec!["calendar", "due"];
        all.extend(args);
        let o = s.balai(&all);
        assert!(!o.status.success(), "{args:?}");
        let err = stderr(&o);
        assert!(err.contains(needle), "{args:?}: {err}");
        assert_eq!(err.trim_end().lines().count(), 1, "one sentence: {err}");
        assert!(stdout(&o).is_empty());
    }
    let o = s.balai(&[
        "calendar",
        "due",
        "--from",
        "2026-03-17",
        "--days",
        "3",
        "--kind",
        "working",
        "--office",
        "NOPE",
    ]);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("NOPE"));
}
