//! The command line: `demo`, `serve`, `migrate`, `seed-demo`, `user`, `audit`, `backup`,
//! `restore`, `calendar`, `openapi`, `verify-document`.

mod backup;
mod backup_files;
mod calendar;
mod skm;
mod user;
mod verify;

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Result, bail};
use balai_core::Clock;
use clap::{Parser, Subcommand};

use crate::config::Config;
use crate::server;

#[derive(Parser)]
#[command(
    name = "balai",
    version,
    about = "Balai: a region's public services — the service mall, licensing, standards, complaints, satisfaction survey"
)]
pub struct Cli {
    /// A TOML config file (see README); `BALAI_*` environment variables override it.
    #[arg(long, global = true)]
    config: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Start the demo: SQLite in DIR, the demo region loaded when empty, the server on ADDR.
    Demo {
        #[arg(long, default_value = "./balai-data")]
        data: PathBuf,
        #[arg(long, default_value = "127.0.0.1:8080")]
        listen: String,
    },
    /// Run the server with the configuration file and environment.
    Serve,
    /// Create or upgrade the database.
    Migrate,
    /// Load the demo region into an empty database.
    SeedDemo,
    /// Manage accounts.
    #[command(subcommand)]
    User(user::UserCmd),
    /// Check the audit trail.
    #[command(subcommand)]
    Audit(AuditCmd),
    /// Take a consistent online copy of the database, with a checksum.
    Backup {
        #[arg(long)]
        to: PathBuf,
    },
    /// Restore a backup taken by `balai backup`, then verify the audit chain.
    Restore {
        #[arg(long)]
        from: PathBuf,
    },
    /// Working-day arithmetic with the region's calendar.
    #[command(subcommand)]
    Calendar(calendar::CalendarCmd),
    /// The satisfaction survey: import paper questionnaires.
    #[command(subcommand)]
    Skm(skm::SkmCmd),
    /// Print the OpenAPI document of the JSON API.
    Openapi,
    /// Check a signed document (PDF) offline; exit status 0 when authentic, 1 when not.
    VerifyDocument {
        /// The PDF file.
        file: PathBuf,
        /// The public key registry (JSON of /verifikasi/kunci.json); default: the database.
        #[arg(long)]
        keys: Option<PathBuf>,
    },
}

#[derive(Subcommand)]
enum AuditCmd {
    /// Walk the hash chain and compare every audited record with it.
    Verify,
}

pub async fn run(cli: Cli) -> Result<ExitCode> {
    let mut cfg = Config::load(cli.config.as_deref())?;
    match cli.command {
        Command::Demo { data, listen } => {
            cfg.data_dir = data;
            cfg.listen = listen;
            cfg.database_url = String::new();
            cfg.files_dir = None;
            cfg.public_url = String::new();
            demo(&cfg).await
        }
        Command::Serve => {
            server::init_logging(&cfg.log);
            let db = server::open_db(&cfg, cfg.migrate_on_start).await?;
            tracing::info!(listen = %cfg.listen, "Balai is serving");
            server::serve(&cfg, db).await?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Migrate => {
            let db = server::open_db(&cfg, true).await?;
            db.close().await;
            println!("The database is up to date.");
            Ok(ExitCode::SUCCESS)
        }
        Command::SeedDemo => {
            let db = server::open_db(&cfg, true).await?;
            if !balai_store::demo::is_empty(&db).await? {
                bail!(
                    "the database already holds a region; the demo is loaded only into an empty one"
                );
            }
            let now = balai_core::SystemClock.now();
            balai_store::demo::load(&db, now).await?;
            balai_store::demo::survey::load(&db, now).await?;
            println!("The demo region is loaded.");
            Ok(ExitCode::SUCCESS)
        }
        Command::User(cmd) => user::run(&cfg, cmd).await,
        Command::Audit(AuditCmd::Verify) => audit_verify(&cfg).await,
        Command::Backup { to } => backup::backup(&cfg, &to).await,
        Command::Restore { from } => backup::restore(&cfg, &from).await,
        Command::Calendar(cmd) => calendar::run(&cfg, cmd).await,
        Command::VerifyDocument { file, keys } => verify::run(&cfg, &file, keys.as_deref()).await,
        Command::Skm(cmd) => skm::run(&cfg, cmd).await,
        Command::Openapi => {
            println!(
                "{}",
                serde_json::to_string_pretty(&balai_web::api::openapi())?
            );
            Ok(ExitCode::SUCCESS)
        }
    }
}

async fn demo(cfg: &Config) -> Result<ExitCode> {
    server::init_logging(&cfg.log);
    let db = server::open_db(cfg, true).await?;
    if balai_store::demo::is_empty(&db).await? {
        let now = balai_core::SystemClock.now();
        balai_store::demo::load(&db, now).await?;
        balai_store::demo::survey::load(&db, now).await?;
        println!(
            "Loaded the demo region (Kabupaten Mesuji) into {}.",
            cfg.data_dir.display()
        );
    } else {
        println!("Using the existing data in {}.", cfg.data_dir.display());
    }
    println!("\nBalai is running at {}/", cfg.public_url());
    println!(
        "Staff console: {}/konsol — demo accounts (password {}):",
        cfg.public_url(),
        balai_store::demo::DEMO_PASSWORD
    );
    for (role, email) in balai_store::demo::accounts() {
        println!("  {role:<22} {email}");
    }
    println!(
        "Staff accounts enrol an authenticator app (TOTP) at first sign-in.\nPress Ctrl-C to stop.\n"
    );
    server::serve(cfg, db).await?;
    Ok(ExitCode::SUCCESS)
}

/// Prints the verdict; exits non-zero when anything is wrong.
pub async fn audit_verify(cfg: &Config) -> Result<ExitCode> {
    let db = server::open_db(cfg, false).await?;
    let report = balai_store::snapshots::verify(&db).await?;
    db.close().await;
    if report.problems.is_empty() {
        println!(
            "The audit trail is intact: {} events, {} records match it.",
            report.events, report.records
        );
        Ok(ExitCode::SUCCESS)
    } else {
        for p in &report.problems {
            println!("{p}");
        }
        println!(
            "The audit trail found {} problem(s).",
            report.problems.len()
        );
        Ok(ExitCode::from(2))
    }
}
