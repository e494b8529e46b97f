//! `balai user add|passwd|disable|enable|list`: accounts from the command line, for the first
//! administrator of a new installation and for the day the web console is out of reach.
//! Every change is audited with the actor "cli".

use std::io::BufRead;
use std::process::ExitCode;

use anyhow::{Context, Result, bail};
use balai_core::Clock;
use balai_core::identity::{Actor, Role, check_password_strength};
use balai_core::ids::Email;
use balai_store::Db;
use balai_store::audit::AuditCtx;
use balai_store::identity::{self as store, NewUser, UserFilter, UserRow};
use clap::Subcommand;

use crate::config::Config;
use crate::server;

#[derive(Subcommand)]
pub enum UserCmd {
    /// Create an account. Without --password-stdin a strong password is generated and printed
    /// once, and must be changed at the first sign-in.
    Add {
        #[arg(long)]
        email: String,
        #[arg(long)]
        name: String,
        /// warga, petugas, tim_teknis, pejabat, pengelola_pengaduan, admin_mpp, pimpinan, auditor
        #[arg(long)]
        role: String,
        /// The code of the organisation the account works for (staff of one organisation).
        #[arg(long)]
        organisation: Option<String>,
        /// Read the password from the first line of standard input.
        #[arg(long)]
        password_stdin: bool,
    },
    /// Set a new password (and lift a lockout); every session of the account ends.
    Passwd {
        #[arg(long)]
        email: String,
        /// Read the password from the first line of standard input; else one is generated.
        #[arg(long)]
        password_stdin: bool,
    },
    /// Disable an account; its sessions end at once.
    Disable {
        #[arg(long)]
        email: String,
    },
    /// Enable a disabled account again.
    Enable {
        #[arg(long)]
        email: String,
    },
    /// List accounts.
    List,
}

pub async fn run(cfg: &Config, cmd: UserCmd) -> Result<ExitCode> {
    let db = server::open_db(cfg, true).await?;
    let result = match cmd {
        UserCmd::Add {
            email,
            name,
            role,
            organisation,
            password_stdin,
        } => {
            add(
                &db,
                &email,
                &name,
                &role,
                organisation.as_deref(),
                password_stdin,
            )
            .await
        }
        UserCmd::Passwd {
            email,
            password_stdin,
        } => passwd(&db, &email, password_stdin).await,
        UserCmd::Disable { email } => set_disabled(&db, &email, true).await,
        UserCmd::Enable { email } => set_disabled(&db, &email, false).await,
        UserCmd::List => list(&db).await,
    };
    db.close().await;
    result.map(|()| ExitCode::SUCCESS)
}

fn audit_ctx() -> AuditCtx {
    let actor = Actor {
        name: "cli".into(),
        ..Actor::system()
    };
    AuditCtx::new(actor, Some("cli".into()), balai_core::SystemClock.now())
}

/// The password from standard input (one line, end of line removed) or a generated one;
/// the flag says whether it was generated.
fn read_password(from_stdin: bool) -> Result<(String, bool)> {
    if !from_stdin {
        return Ok((store::generate_password(), true));
    }
    let mut line = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut line)
        .context("cannot read the password from standard input")?;
    let pw = line.trim_end_matches(['\r', '\n']).to_string();
    if check_password_strength(&pw).is_err() {
        bail!(
            "the password is too weak: use 10 to 128 characters, not only digits and not one repeated character"
        );
    }
    Ok((pw, false))
}

async fn find(db: &Db, email: &str) -> Result<UserRow> {
    store::find_by_email(db, email).await?.with_context(|| {
        format!(
            "there is no account with the e-mail address {}",
            email.trim()
        )
    })
}

async fn add(
    db: &Db,
    email: &str,
    name: &str,
    role: &str,
    org_code: Option<&str>,
    password_stdin: bool,
) -> Result<()> {
    let email = Email::parse(email)
        .map_err(|_| anyhow::anyhow!("{} is not a valid e-mail address", email.trim()))?;
    let role = Role::parse(role).map_err(|_| {
        let all: Vec<&str> = Role::all().iter().map(|r| r.as_str()).collect();
        anyhow::anyhow!("unknown role {role}; choose one of {}", all.join(", "))
    })?;
    if name.trim().is_empty() || name.trim().chars().count() > 120 {
        bail!("the name must have 1 to 120 characters");
    }
    let (password, generated) = read_password(password_stdin)?;
    let hash = store::hash_password(&password).await?;
    let ctx = audit_ctx();
    let mut tx = db.begin().await?;
    let organisation_id = match org_code {
        Some(code) => Some(
            store::organisation_id_by_code(&mut tx, code)
                .await?
                .with_context(|| format!("there is no organisation with the code {code}"))?,
        ),
        None if role.is_staff() && !role.is_mall_wide() => {
            bail!("the role {role} works for one organisation; name it with --organisation CODE")
        }
        None => None,
    };
    let new = NewUser {
        email: email.clone(),
        display_name: name.trim().to_string(),
        role,
        organisation_id,
        officer_id: None,
        nik: None,
        phone: None,
        must_change_password: generated,
    };
    match store::create_user(&mut tx, &ctx, &new, &hash).await {
        Err(balai_store::StoreError::Duplicate(_)) => bail!(
            "an account with the e-mail address {} already exists",
            email.as_str()
        ),
        other => other?,
    };
    tx.commit().await?;
    println!(
        "Created the account {} ({}).",
        email.as_str(),
        role.as_str()
    );
    if generated {
        println!("Password (shown once; it must be changed at the first sign-in): {password}");
    }
    Ok(())
}

async fn passwd(db: &Db, email: &str, password_stdin: bool) -> Result<()> {
    let user = find(db, email).await?;
    let (password, generated) = read_password(password_stdin)?;
    let hash = store::hash_password(&password).await?;
    let mut tx = db.begin().await?;
    store::set_password(&mut tx, &audit_ctx(), user.id, &hash, generated).await?;
    store::delete_user_sessions(&mut tx, user.id, None).await?;
    tx.commit().await?;
    println!(
        "The password of {} is set; its sessions have ended.",
        user.email
    );
    if generated {
        println!("Password (shown once; it must be changed at the first sign-in): {password}");
    }
    Ok(())
}

async fn set_disabled(db: &Db, email: &str, disabled: bool) -> Result<()> {
    let user = find(db, email).await?;
    let mut tx = db.begin().await?;
    store::set_disabled(&mut tx, &audit_ctx(), user.id, disabled).await?;
    tx.commit().await?;
    if disabled {
        println!(
            "The account {} is disabled; its sessions have ended.",
            user.email
        );
    } else {
        println!("The account {} is enabled.", user.email);
    }
    Ok(())
}

async fn list(db: &Db) -> Result<()> {
    let users = store::list_users(db, &UserFilter::default()).await?;
    println!(
        "{:<40} {:<20} {:<16} {:<9} TOTP",
        "E-MAIL", "ROLE", "ORGANISATION", "STATUS"
    );
    for u in &users {
        let status = if u.disabled { "disabled" } else { "active" };
        let totp = if u.totp_enabled { "on" } else { "-" };
        let org = u.organisation_code.as_deref().unwrap_or("-");
        println!(
            "{:<40} {:<20} {:<16} {:<9} {totp}",
            u.email, u.role, org, status
        );
    }
    println!("{} account(s).", users.len());
    Ok(())
}
