//! Output: a table on stdout while the run goes, and a markdown section for `bench/RESULTS.md`
//! saying when, on what machine and at which commit the figures were taken.

use std::fs::{self, OpenOptions};
use std::io::Write;
use std::path::Path;
use std::process::Command;
use std::time::{SystemTime, UNIX_EPOCH};

use anyhow::{Context, Result};

use crate::load::Stats;

/// One measured scenario, ready to print.
#[derive(Debug, Clone)]
pub struct Row {
    pub scenario: &'static str,
    pub connections: usize,
    pub stats: Stats,
    /// Requests per second of the baseline in the same run.
    pub baseline_rps: f64,
    pub peak_rss_mib: Option<f64>,
}

impl Row {
    /// This scenario's throughput as a percentage of the baseline's; `None` without a baseline.
    pub fn percent_of_baseline(&self) -> Option<f64> {
        (self.baseline_rps > 0.0)
            .then(|| self.stats.requests_per_second / self.baseline_rps * 100.0)
    }
}

/// Where and how a run was made; the heading of its markdown section.
#[derive(Debug, Clone)]
pub struct RunInfo {
    pub date_utc: String,
    pub cores: usize,
    pub cpu_model: String,
    pub commit: String,
    pub duration_secs: u64,
    pub warmup_secs: u64,
}

impl RunInfo {
    /// Describes this machine, now, at the commit checked out in the current directory.
    pub fn collect(duration_secs: u64, warmup_secs: u64) -> Self {
        RunInfo {
            date_utc: utc_timestamp(unix_seconds_now()),
            cores: std::thread::available_parallelism().map_or(1, usize::from),
            cpu_model: cpu_model().unwrap_or_else(|| "unknown CPU".to_owned()),
            commit: git_commit().unwrap_or_else(|| "unknown".to_owned()),
            duration_secs,
            warmup_secs,
        }
    }
}

pub fn human_header() -> String {
    format!(
        "{:<16} {:>5} {:>10} {:>7} {:>8} {:>8} {:>8} {:>7} {:>8}",
        "scenario", "conns", "req/s", "% base", "p50 ms", "p99 ms", "max ms", "errors", "RSS MiB"
    )
}

pub fn human_row(row: &Row) -> String {
    format!(
        "{:<16} {:>5} {:>10.0} {:>7} {:>8.2} {:>8.2} {:>8.2} {:>7} {:>8}",
        row.scenario,
        row.connections,
        row.stats.requests_per_second,
        percent_text(row.percent_of_baseline()),
        millis(row.stats.p50_us),
        millis(row.stats.p99_us),
        millis(row.stats.max_us),
        row.stats.errors,
        rss_text(row.peak_rss_mib),
    )
}

/// The section appended to RESULTS.md: heading, settings line, table.
pub fn markdown_section(info: &RunInfo, rows: &[Row]) -> String {
    let mut out = format!(
        "\n### {} — {} cores, {} — commit {}\n\n",
        info.date_utc, info.cores, info.cpu_model, info.commit
    );
    out.push_str(&format!(
        "{} s measured after {} s warm-up per scenario; driver and server on the same machine.\n\n",
        info.duration_secs, info.warmup_secs
    ));
    out.push_str(
        "| scenario | connections | req/s | % of baseline | p50 ms | p99 ms | errors | server peak RSS MiB |\n",
    );
    out.push_str("|---|---:|---:|---:|---:|---:|---:|---:|\n");
    for row in rows {
        out.push_str(&format!(
            "| {} | {} | {:.0} | {} | {:.2} | {:.2} | {} | {} |\n",
            row.scenario,
            row.connections,
            row.stats.requests_per_second,
            percent_text(row.percent_of_baseline()),
            millis(row.stats.p50_us),
            millis(row.stats.p99_us),
            row.stats.errors,
            rss_text(row.peak_rss_mib),
        ));
    }
    out
}

/// Appends `section` to `path` (creating the file if needed).
pub fn append_markdown(path: &Path, section: &str) -> Result<()> {
    let mut file = OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)
        .with_context(|| format!("cannot open {} for appending", path.display()))?;
    file.write_all(section.as_bytes())
        .with_context(|| format!("cannot write to {}", path.display()))
}

fn millis(micros: u64) -> f64 {
    micros as f64 / 1000.0
}

fn percent_text(percent: Option<f64>) -> String {
    percent.map_or_else(|| "n/a".to_owned(), |p| format!("{p:.0}%"))
}

fn rss_text(mib: Option<f64>) -> String {
    mib.map_or_else(|| "n/a".to_owned(), |m| format!("{m:.1}"))
}

fn unix_seconds_now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}

/// `YYYY-MM-DD HH:MM UTC` for a Unix time, by the proleptic Gregorian calendar (the driver has
/// no date library, and a run only needs minutes).
pub fn utc_timestamp(unix_secs: i64) -> String {
    let days = unix_secs.div_euclid(86_400);
    let secs_of_day = unix_secs.rem_euclid(86_400);
    let (year, month, day) = civil_date(days);
    format!(
        "{year:04}-{month:02}-{day:02} {:02}:{:02} UTC",
        secs_of_day / 3600,
        secs_of_day % 3600 / 60
    )
}

/// Year, month and day of `days` since 1970-01-01. Counts in 400-year eras of 146 097 days with
/// years starting on 1 March, so the leap day is the last day of its year.
fn civil_date(days: i64) -> (i64, i64, i64) {
    let shifted = days + 719_468; // days from 0000-03-01 to 1970-01-01
    let era = shifted.div_euclid(146_097);
    let day_of_era = shifted.rem_euclid(146_097);
    let year_of_era =
        (day_of_era - day_of_era / 1_460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let march_month = (5 * day_of_year + 2) / 153; // 0 = March … 11 = February
    let day = day_of_year - (153 * march_month + 2) / 5 + 1;
    let month = if march_month < 10 {
        march_month + 3
    } else {
        march_month - 9
    };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

fn cpu_model() -> Option<String> {
    let cpuinfo = fs::read_to_string("/proc/cpuinfo").ok()?;
    cpu_model_from(&cpuinfo)
}

fn cpu_model_from(cpuinfo: &str) -> Option<String> {
    cpuinfo
        .lines()
        .filter_map(|l| l.split_once(':'))
        .find(|(key, _)| key.trim() == "model name")
        .map(|(_, value)| value.trim().to_owned())
        .filter(|v| !v.is_empty())
}

fn git_commit() -> Option<String> {
    let out = Command::new("git")
        .args(["rev-parse", "--short", "HEAD"])
        .stderr(std::process::Stdio::null())
        .output()
        .ok()?;
    let commit = String::from_utf8(out.stdout).ok()?.trim().to_owned();
    (out.status.success() && !commit.is_empty()).then_some(commit)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stats(rps: f64, p50_us: u64, p99_us: u64, errors: u64) -> Stats {
        Stats {
            requests: 0,
            errors,
            requests_per_second: rps,
            p50_us,
            p99_us,
            max_us: p99_us,
        }
    }

    fn row(scenario: &'static str, rps: f64, rss: Option<f64>) -> Row {
        Row {
            scenario,
            connections: 64,
            stats: stats(rps, 1_250, 7_500, 0),
            baseline_rps: 40_000.0,
            peak_rss_mib: rss,
        }
    }

    #[test]
    fn percent_of_baseline_is_the_throughput_ratio() {
        assert_eq!(row("x", 16_000.0, None).percent_of_baseline(), Some(40.0));
        let mut no_base = row("x", 16_000.0, None);
        no_base.baseline_rps = 0.0;
        assert_eq!(no_base.percent_of_baseline(), None);
    }

    #[test]
    fn markdown_section_has_heading_settings_and_one_line_per_scenario() {
        let info = RunInfo {
            date_utc: "2026-05-01 14:03 UTC".into(),
            cores: 2,
            cpu_model: "AMD EPYC".into(),
            commit: "abc1234".into(),
            duration_secs: 10,
            warmup_secs: 2,
        };
        let rows = [
            row("baseline", 40_000.4, Some(7.3)),
            row("services_list", 18_123.6, None),
        ];
        let expected = "\n### 2026-05-01 14:03 UTC — 2 cores, AMD EPYC — commit abc1234\n\n\
            10 s measured after 2 s warm-up per scenario; driver and server on the same machine.\n\n\
            | scenario | connections | req/s | % of baseline | p50 ms | p99 ms | errors | server peak RSS MiB |\n\
            |---|---:|---:|---:|---:|---:|---:|---:|\n\
            | baseline | 64 | 40000 | 100% | 1.25 | 7.50 | 0 | 7.3 |\n\
            | services_list | 64 | 18124 | 45% | 1.25 | 7.50 | 0 | n/a |\n";
        assert_eq!(markdown_section(&info, &rows), expected);
    }

    #[test]
    fn human_row_lines_up_under_the_header() {
        let header = human_header();
        let line = human_row(&row("healthz", 20_000.0, Some(30.0)));
        assert_eq!(header.len(), line.len(), "\n{header}\n{line}");
        assert!(line.starts_with("healthz "));
        assert!(line.contains("50%"));
    }

    #[test]
    fn utc_timestamp_handles_epoch_leap_day_and_year_end() {
        assert_eq!(utc_timestamp(0), "1970-01-01 00:00 UTC");
        assert_eq!(utc_timestamp(951_782_400), "2000-02-29 00:00 UTC");
        assert_eq!(utc_timestamp(1_767_225_600 - 60), "2025-12-31 23:59 UTC");
        assert_eq!(
            utc_timestamp(1_767_225_600 + 3_600 * 14 + 180),
            "2026-01-01 14:03 UTC"
        );
        assert_eq!(utc_timestamp(4_102_444_799), "2099-12-31 23:59 UTC");
    }

    #[test]
    fn cpu_model_is_the_first_model_name_line() {
        let cpuinfo = "processor\t: 0\nvendor_id\t: AuthenticAMD\nmodel name\t: AMD EPYC 7B13\n\nprocessor\t: 1\nmodel name\t: AMD EPYC 7B13\n";
        assert_eq!(cpu_model_from(cpuinfo).as_deref(), Some("AMD EPYC 7B13"));
        assert_eq!(cpu_model_from("processor\t: 0\n"), None);
    }
}
