//! `balai skm import FILE.csv --by EMAIL`: paper questionnaires typed into a CSV file
//! (columns in `balai_core::survey::paper`), stored as one paper batch entered by the staff
//! member EMAIL. Every bad line is reported with its column; nothing of a bad file is stored.

use std::collections::HashMap;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result, bail};
use balai_core::Clock;
use balai_core::identity::Actor;
use balai_core::survey::paper::{self, LineError};
use balai_store::audit::AuditCtx;
use balai_store::survey::{self as store, NewResponse, PaperBatch};
use balai_web::i18n::{I18n, Lang};
use clap::Subcommand;
use uuid::Uuid;

use crate::config::Config;
use crate::server;

/// The largest file accepted (about 100,000 questionnaires).
const MAX_BYTES: u64 = 32 * 1024 * 1024;

#[derive(Subcommand)]
pub enum SkmCmd {
    /// Import paper questionnaires from a CSV file. Columns: service_code, date, sex, age,
    /// education, occupation, one column per element code (PERSYARATAN … SARPRAS), suggestion.
    Import {
        file: PathBuf,
        /// E-mail of the staff member who entered the forms (recorded with the batch).
        #[arg(long)]
        by: String,
    },
}

fn line_message(e: &LineError) -> String {
    let text = I18n::global().t(Lang::Id, &e.message_key);
    if e.column.is_empty() {
        format!("baris {}: {text}", e.line)
    } else {
        format!("baris {}, kolom {}: {text}", e.line, e.column)
    }
}

pub async fn run(cfg: &Config, cmd: SkmCmd) -> Result<ExitCode> {
    let SkmCmd::Import { file, by } = cmd;
    let size = std::fs::metadata(&file)
        .with_context(|| format!("cannot read {}", file.display()))?
        .len();
    if size > MAX_BYTES {
        bail!(
            "{} is larger than 32 MB; split it into several files",
            file.display()
        );
    }
    let bytes = std::fs::read(&file).with_context(|| format!("cannot read {}", file.display()))?;
    let Ok(text) = String::from_utf8(bytes) else {
        bail!("{} is not UTF-8 text; save it as CSV UTF-8", file.display());
    };
    let db = server::open_db(cfg, true).await?;
    let result = import(&db, &file, &by, &text).await;
    db.close().await;
    match result? {
        Ok(n) => {
            println!("{n} kuesioner kertas disimpan sebagai satu batch.");
            Ok(ExitCode::SUCCESS)
        }
        Err(errors) => {
            for e in &errors {
                eprintln!("{}", line_message(e));
            }
            eprintln!(
                "Tidak ada yang disimpan: perbaiki {} masalah di atas lalu impor ulang.",
                errors.len()
            );
            Ok(ExitCode::from(1))
        }
    }
}

async fn import(
    db: &balai_store::Db,
    file: &std::path::Path,
    by: &str,
    text: &str,
) -> Result<Result<usize, Vec<LineError>>> {
    let Some(user) = balai_store::identity::find_by_email(db, by.trim()).await? else {
        bail!("--by {by:?}: no account has this e-mail");
    };
    let Some(role) = user.role().filter(|r| r.is_staff()) else {
        bail!("--by {by:?} is not a staff account");
    };
    let def = store::current_definition(db).await?;
    let rows = match paper::parse(&def, text) {
        Ok(rows) => rows,
        Err(errors) => return Ok(Err(errors)),
    };
    let mut services: HashMap<String, Option<(Uuid, Uuid)>> = HashMap::new();
    let (mut ready, mut errors) = (Vec::with_capacity(rows.len()), Vec::new());
    for row in rows {
        if !services.contains_key(&row.service_code) {
            let found = balai_store::services::get_by_code(db, &row.service_code).await?;
            services.insert(
                row.service_code.clone(),
                found.map(|s| (s.id, s.organisation_id)),
            );
        }
        match services[&row.service_code] {
            Some((service_id, organisation_id)) => ready.push(NewResponse {
                definition_version: def.version,
                service_id,
                organisation_id,
                responded_on: row.date,
                answers: row.answers,
            }),
            None => errors.push(LineError {
                line: row.line,
                column: "service_code".into(),
                message_key: "skm-err-unknown-service".into(),
            }),
        }
    }
    if !errors.is_empty() {
        return Ok(Err(errors));
    }
    let actor = Actor::user(user.id, &user.display_name, role, user.organisation_id);
    let ctx = AuditCtx::new(actor, None, balai_core::SystemClock.now());
    let file_name = file
        .file_name()
        .map(|f| f.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut tx = db.begin().await?;
    store::ensure_default(&mut tx, &ctx).await?;
    store::record_paper(&mut tx, &ctx, PaperBatch::Csv { file_name }, &ready).await?;
    tx.commit().await?;
    Ok(Ok(ready.len()))
}
