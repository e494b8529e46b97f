//! `balai`: one program that installs, runs and looks after a region's public-service
//! platform. Errors on the command line are one clear sentence and a non-zero exit.

mod cli;
mod config;
mod server;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let args = cli::Cli::parse();
    let rt = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("balai: cannot start the runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    match rt.block_on(cli::run(args)) {
        Ok(code) => code,
        Err(e) => {
            // `{:#}` joins the causes into one line: no backtrace for people at a terminal.
            eprintln!("balai: {e:#}");
            ExitCode::FAILURE
        }
    }
}
