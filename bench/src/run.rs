//! One benchmark run: the baseline first, then every selected scenario against one `balai demo`
//! server, printing each row as soon as it is measured.

use std::path::PathBuf;
use std::time::Duration;

use anyhow::{Result, bail};

use crate::load::{self, LoadPlan};
use crate::report::{self, Row, RunInfo};
use crate::scenarios::{self, BASELINE, Scenario};
use crate::server::ServerGuard;

/// How long the baseline may take to answer after start.
const BASELINE_READY_LIMIT: Duration = Duration::from_secs(30);
/// How long `balai demo` may take to migrate, seed and answer `/readyz`.
const BALAI_READY_LIMIT: Duration = Duration::from_secs(120);

/// Everything `balai-bench run` was asked for.
#[derive(Debug, Clone)]
pub struct RunOptions {
    pub balai_bin: PathBuf,
    pub connections: usize,
    pub duration_secs: u64,
    pub warmup_secs: u64,
    pub scenarios: Vec<String>,
    pub markdown: Option<PathBuf>,
}

pub async fn run(options: RunOptions) -> Result<()> {
    let selected = scenarios::select(&options.scenarios)?;
    if options.connections == 0 || options.duration_secs == 0 {
        bail!("--connections and --duration-secs must be at least 1");
    }
    let plan = LoadPlan {
        connections: options.connections,
        warmup: Duration::from_secs(options.warmup_secs),
        duration: Duration::from_secs(options.duration_secs),
    };
    println!("{}", report::human_header());
    let baseline = measure_baseline(&plan).await?;
    println!("{}", report::human_row(&baseline));
    let baseline_rps = baseline.stats.requests_per_second;
    let mut rows = vec![baseline];
    if !selected.is_empty() {
        rows.extend(measure_balai(&options, &selected, &plan, baseline_rps).await?);
    }
    if let Some(path) = &options.markdown {
        let info = RunInfo::collect(options.duration_secs, options.warmup_secs);
        report::append_markdown(path, &report::markdown_section(&info, &rows))?;
        println!("appended to {}", path.display());
    }
    Ok(())
}

async fn measure_baseline(plan: &LoadPlan) -> Result<Row> {
    let mut server = ServerGuard::spawn_baseline()?;
    server
        .wait_ready(BASELINE.path, BASELINE_READY_LIMIT)
        .await?;
    let row = measure_row(&mut server, &BASELINE, plan, None).await?;
    drop(server);
    Ok(row)
}

async fn measure_balai(
    options: &RunOptions,
    selected: &[&'static Scenario],
    plan: &LoadPlan,
    baseline_rps: f64,
) -> Result<Vec<Row>> {
    let mut server = ServerGuard::spawn_balai(&options.balai_bin)?;
    server.wait_ready("/readyz", BALAI_READY_LIMIT).await?;
    let mut rows = Vec::with_capacity(selected.len());
    for scenario in selected {
        let row = measure_row(&mut server, scenario, plan, Some(baseline_rps)).await?;
        println!("{}", report::human_row(&row));
        rows.push(row);
    }
    drop(server);
    Ok(rows)
}

/// Measures one scenario and reads the server's peak RSS right after it. A server that died
/// during the scenario fails the run instead of reporting a table of errors.
async fn measure_row(
    server: &mut ServerGuard,
    scenario: &'static Scenario,
    plan: &LoadPlan,
    baseline_rps: Option<f64>,
) -> Result<Row> {
    let stats = load::measure(server.addr(), scenario, plan).await?;
    server.ensure_running()?;
    let peak_rss_mib = server.peak_rss_mib();
    let baseline_rps = baseline_rps.unwrap_or(stats.requests_per_second);
    Ok(Row {
        scenario: scenario.name,
        connections: plan.connections,
        stats,
        baseline_rps,
        peak_rss_mib,
    })
}
