//! `balai calendar due`: a due date counted with the region's calendar, the same one the
//! application uses (national-rules §4). When the count passes through a year whose holidays
//! are not loaded, a second line says so: only the office's closed weekdays were skipped.

use std::process::ExitCode;

use anyhow::{Result, bail};
use balai_core::calendar::DayKind;
use chrono::{Datelike, NaiveDate, Weekday};
use clap::Subcommand;

use crate::config::Config;
use crate::server;

#[derive(Subcommand)]
pub enum CalendarCmd {
    /// Print the date N days after DATE (working days start counting the day after).
    Due {
        /// The start date, YYYY-MM-DD.
        #[arg(long)]
        from: String,
        /// How many days.
        #[arg(long)]
        days: String,
        /// `working` (hari kerja) or `calendar` (hari kalender).
        #[arg(long)]
        kind: String,
        /// The office whose working days count: `MPP` (default) or an organisation's code.
        #[arg(long)]
        office: Option<String>,
    },
}

/// The largest count accepted (the deadline rules' own limit: about ten years).
const MAX_DAYS: u32 = 3660;

/// The arguments, read into the rules' types; each mistake is one sentence.
fn parse(from: &str, days: &str, kind: &str) -> Result<(NaiveDate, u32, DayKind)> {
    let Ok(date) = NaiveDate::parse_from_str(from.trim(), "%Y-%m-%d") else {
        bail!("--from {from:?} is not a date; write it as YYYY-MM-DD, for example 2026-03-17");
    };
    let Some(n) = days.trim().parse::<u32>().ok().filter(|n| *n <= MAX_DAYS) else {
        bail!("--days {days:?} is not a number of days from 0 to {MAX_DAYS}");
    };
    let Ok(kind) = DayKind::parse(kind) else {
        bail!("--kind {kind:?} is not known; use working (hari kerja) or calendar (hari kalender)");
    };
    Ok((date, n, kind))
}

/// The Indonesian name of the weekday, as printed beside the date.
fn hari(w: Weekday) -> &'static str {
    match w {
        Weekday::Mon => "Senin",
        Weekday::Tue => "Selasa",
        Weekday::Wed => "Rabu",
        Weekday::Thu => "Kamis",
        Weekday::Fri => "Jumat",
        Weekday::Sat => "Sabtu",
        Weekday::Sun => "Minggu",
    }
}

/// "2027" / "2027 and 2028" / "2027, 2028 and 2029".
fn join_years(years: &[i32]) -> String {
    let words: Vec<String> = years.iter().map(|y| y.to_string()).collect();
    match words.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
        Some((last, _)) => last.clone(),
        None => String::new(),
    }
}

/// The warning line for years crossed without holiday data.
fn missing_line(years: &[i32]) -> String {
    if years.len() == 1 {
        format!(
            "The holiday calendar for {} is not loaded: only weekends were skipped.",
            join_years(years)
        )
    } else {
        format!(
            "The holiday calendars for {} are not loaded: only weekends were skipped.",
            join_years(years)
        )
    }
}

pub async fn run(cfg: &Config, cmd: CalendarCmd) -> Result<ExitCode> {
    let CalendarCmd::Due {
        from,
        days,
        kind,
        office,
    } = cmd;
    let (date, n, kind) = parse(&from, &days, &kind)?;
    let office = office
        .map(|o| o.trim().to_string())
        .filter(|o| !o.is_empty());
    let db = server::open_db(cfg, true).await?;
    if let Some(code) = &office
        && !balai_store::calendar::office_known(&db, code).await?
    {
        db.close().await;
        bail!("--office {code:?} is neither MPP nor the code of an organisation");
    }
    let calendar = balai_store::calendar::work_calendar(&db, office.as_deref()).await;
    db.close().await;
    let due = calendar?.add_days(date, n, kind);
    println!(
        "{} ({})",
        due.date.format("%Y-%m-%d"),
        hari(due.date.weekday())
    );
    if !due.is_complete() {
        println!("{}", missing_line(&due.missing_years));
    }
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_years_read_as_a_sentence() {
        assert_eq!(
            missing_line(&[2027]),
            "The holiday calendar for 2027 is not loaded: only weekends were skipped."
        );
        assert_eq!(
            missing_line(&[2027, 2028, 2029]),
            "The holiday calendars for 2027, 2028 and 2029 are not loaded: only weekends were skipped."
        );
    }

    #[test]
    fn bad_arguments_are_refused_with_one_sentence() {
        let err = parse("17-03-2026", "3", "working")
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(err.contains("YYYY-MM-DD") && !err.contains('\n'));
        assert!(parse("2026-03-17", "3", "weekly").is_err());
        assert!(parse("2026-03-17", "-1", "working").is_err());
        assert!(parse("2026-03-17", "3", "working").is_ok());
    }
}
