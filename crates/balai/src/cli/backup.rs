//! `balai backup` and `balai restore` (Batang Pasal 3(4): periodic backups).
//!
//! SQLite: `VACUUM INTO` takes a consistent copy while the server keeps running. PostgreSQL:
//! `pg_dump`'s custom format, which is consistent by itself. Either way a `FILE.sha256` sits
//! beside the copy and the uploaded files go to `FILE.files/` with their own checksums; restore
//! checks both, then verifies the audit chain of what it restored before putting it in place.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result, bail};
use sha2::{Digest, Sha256};

use crate::config::Config;
use crate::server;

fn checksum_path(file: &Path) -> PathBuf {
    let mut p = file.as_os_str().to_owned();
    p.push(".sha256");
    PathBuf::from(p)
}

pub(super) fn sha256_file(file: &Path) -> Result<String> {
    let mut f =
        std::fs::File::open(file).with_context(|| format!("cannot read {}", file.display()))?;
    let mut h = Sha256::new();
    std::io::copy(&mut f, &mut h).with_context(|| format!("cannot read {}", file.display()))?;
    Ok(hex::encode(h.finalize()))
}

pub async fn backup(cfg: &Config, to: &Path) -> Result<ExitCode> {
    if to.exists() {
        bail!(
            "{} already exists; choose a new file name for the backup",
            to.display()
        );
    }
    let url = cfg.database_url();
    if url.starts_with("sqlite:") {
        let db = server::open_db(cfg, false).await?;
        let target = to.to_string_lossy().to_string();
        if let balai_store::Pool::Sqlite(p) = db.write() {
            sqlx::query("VACUUM INTO $1")
                .bind(&target)
                .execute(p)
                .await
                .context("the database could not be copied")?;
        }
        db.close().await;
    } else {
        run_tool(
            "pg_dump",
            &[
                "--format=custom",
                "--no-owner",
                "--file",
                &to.to_string_lossy(),
                &url,
            ],
        )
        .await?;
    }
    let sum = sha256_file(to)?;
    let name = to
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    std::fs::write(checksum_path(to), format!("{sum}  {name}\n"))
        .context("cannot write the checksum file")?;
    let copied =
        super::backup_files::copy_out(&cfg.files_dir(), &super::backup_files::files_dir_of(to))?;
    println!(
        "Backup written to {} (SHA-256 {sum}), with {copied} uploaded file(s).",
        to.display()
    );
    Ok(ExitCode::SUCCESS)
}

pub async fn restore(cfg: &Config, from: &Path) -> Result<ExitCode> {
    let expected = std::fs::read_to_string(checksum_path(from)).with_context(|| {
        format!(
            "the checksum file {} is missing",
            checksum_path(from).display()
        )
    })?;
    let expected = expected
        .split_whitespace()
        .next()
        .unwrap_or_default()
        .to_string();
    let actual = sha256_file(from)?;
    if expected != actual {
        bail!(
            "the backup {} does not match its checksum: it is damaged or was changed",
            from.display()
        );
    }
    // Check the uploaded files before touching anything, so a damaged backup restores nothing.
    let files_src = super::backup_files::files_dir_of(from);
    let files = if files_src.is_dir() {
        super::backup_files::verify(&files_src)?
    } else {
        Vec::new()
    };
    let code = restore_database(cfg, from).await?;
    if code == ExitCode::SUCCESS && !files.is_empty() {
        super::backup_files::copy_in(&files_src, &files, &cfg.files_dir())?;
        println!(
            "Restored {} uploaded file(s) into {}.",
            files.len(),
            cfg.files_dir().display()
        );
    }
    Ok(code)
}

async fn restore_database(cfg: &Config, from: &Path) -> Result<ExitCode> {
    let url = cfg.database_url();
    if let Some(path) = url.strip_prefix("sqlite://") {
        restore_sqlite(cfg, from, Path::new(path)).await
    } else {
        run_tool(
            "pg_restore",
            &[
                "--clean",
                "--if-exists",
                "--no-owner",
                "--dbname",
                &url,
                &from.to_string_lossy(),
            ],
        )
        .await?;
        verify_restored(cfg).await
    }
}

/// Copies the backup beside the live file, verifies it there, then swaps it in.
async fn restore_sqlite(cfg: &Config, from: &Path, live: &Path) -> Result<ExitCode> {
    let staging = live.with_extension("restoring");
    if let Some(dir) = live.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    }
    std::fs::copy(from, &staging)
        .with_context(|| format!("cannot copy the backup to {}", staging.display()))?;
    let mut staged = cfg.clone();
    staged.database_url = format!("sqlite://{}", staging.display());
    let db = server::open_db(&staged, true).await?;
    let report = balai_store::snapshots::verify(&db).await?;
    db.close().await;
    if !report.problems.is_empty() {
        let _ = std::fs::remove_file(&staging);
        for p in &report.problems {
            println!("{p}");
        }
        bail!("the backup's audit trail is not intact; nothing was restored");
    }
    for ext in ["db-wal", "db-shm"] {
        let _ = std::fs::remove_file(live.with_extension(ext));
    }
    std::fs::rename(&staging, live)
        .with_context(|| format!("cannot replace {}", live.display()))?;
    println!(
        "Restored {} into {}: the audit trail is intact ({} events, {} records).",
        from.display(),
        live.display(),
        report.events,
        report.records
    );
    Ok(ExitCode::SUCCESS)
}

async fn verify_restored(cfg: &Config) -> Result<ExitCode> {
    let code = super::audit_verify(cfg).await?;
    if code == ExitCode::SUCCESS {
        println!("Restore finished.");
    }
    Ok(code)
}

async fn run_tool(tool: &str, args: &[&str]) -> Result<()> {
    let out = tokio::process::Command::new(tool)
        .args(args)
        .output()
        .await
        .with_context(|| {
            format!("{tool} is needed for PostgreSQL backups; install postgresql-client")
        })?;
    if !out.status.success() {
        let err = String::from_utf8_lossy(&out.stderr);
        bail!(
            "{tool} failed: {}",
            err.lines().next().unwrap_or("no message")
        );
    }
    Ok(())
}
