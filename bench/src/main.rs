//! `balai-bench`: the load driver behind `bench/RESULTS.md` (architecture §7). It measures a
//! bare axum "hello" server and `balai demo` in the same run, so the figure that matters is the
//! ratio between them, which survives a noisy or shared machine.

mod baseline;
mod load;
mod report;
mod run;
mod scenarios;
mod server;
mod skm;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Result, anyhow};
use clap::{Parser, Subcommand};
use tokio::signal::unix::{SignalKind, signal};

#[derive(Debug, Parser)]
#[command(
    name = "balai-bench",
    about = "Load driver for Balai, measured against a bare axum baseline"
)]
struct Cli {
    #[command(subcommand)]
    command: Commands,
}

#[derive(Debug, Subcommand)]
enum Commands {
    /// Serve the bare axum "hello" endpoint (GET / → 200 "hello"); `run` starts this itself.
    Baseline {
        #[arg(long, value_name = "ADDR")]
        listen: SocketAddr,
    },
    /// Measure the baseline, then each scenario against `balai demo` on a fresh data directory.
    Run {
        /// The `balai` executable to measure.
        #[arg(long, value_name = "PATH")]
        balai_bin: PathBuf,
        /// Concurrent keep-alive connections, each sending one request after another.
        #[arg(long, default_value_t = 64)]
        connections: usize,
        /// Measured seconds per scenario.
        #[arg(long, default_value_t = 10)]
        duration_secs: u64,
        /// Unrecorded seconds of traffic before each measured period.
        #[arg(long, default_value_t = 2)]
        warmup_secs: u64,
        /// Only these scenarios (repeatable; default: all). `baseline` alone skips balai.
        #[arg(long = "scenario", value_name = "NAME", num_args = 1..)]
        scenarios: Vec<String>,
        /// Append a markdown section with the results to this file (e.g. bench/RESULTS.md).
        #[arg(long, value_name = "FILE")]
        markdown: Option<PathBuf>,
    },
    /// The satisfaction survey at scale against the store: the mall's index for a year over
    /// N responses, then survey submissions through group commit.
    Skm {
        /// `sqlite://PATH` (created) or a PostgreSQL URL.
        #[arg(long, value_name = "URL")]
        database_url: String,
        #[arg(long, default_value_t = 1_000_000)]
        responses: u64,
        #[arg(long, default_value_t = 2_000)]
        submissions: usize,
        #[arg(long, default_value_t = 64)]
        concurrency: usize,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match execute(cli.command) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            // `{:#}` prints the message chain on one line and never a backtrace.
            eprintln!("balai-bench: {e:#}");
            ExitCode::FAILURE
        }
    }
}

fn execute(command: Commands) -> Result<()> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(worker_threads())
        .enable_all()
        .build()?;
    runtime.block_on(async {
        match command {
            Commands::Baseline { listen } => baseline::serve(listen).await,
            Commands::Skm {
                database_url,
                responses,
                submissions,
                concurrency,
            } => {
                skm::run(skm::SkmOptions {
                    database_url,
                    responses,
                    submissions,
                    concurrency,
                })
                .await
            }
            Commands::Run {
                balai_bin,
                connections,
                duration_secs,
                warmup_secs,
                scenarios,
                markdown,
            } => {
                let options = run::RunOptions {
                    balai_bin,
                    connections,
                    duration_secs,
                    warmup_secs,
                    scenarios,
                    markdown,
                };
                // On Ctrl-C or SIGTERM the run future is dropped, and with it the server guards,
                // which kill the child servers and remove the temporary data directory.
                tokio::select! {
                    result = run::run(options) => result,
                    signal = stop_signal() => Err(anyhow!("{}; servers stopped", signal?)),
                }
            }
        }
    })
}

/// Resolves on the first Ctrl-C (SIGINT) or SIGTERM, naming which one arrived.
async fn stop_signal() -> Result<&'static str> {
    let mut terminate = signal(SignalKind::terminate())?;
    tokio::select! {
        interrupted = tokio::signal::ctrl_c() => {
            interrupted?;
            Ok("interrupted")
        }
        _ = terminate.recv() => Ok("terminated"),
    }
}

/// At least two workers even on one core, so one busy connection task never blocks the timers.
fn worker_threads() -> usize {
    std::thread::available_parallelism().map_or(2, |n| n.get().max(2))
}
