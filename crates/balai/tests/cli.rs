//! The `balai` program as an IT officer uses it: seed, verify the audit trail, back up and
//! restore — on SQLite, and on PostgreSQL when `BALAI_TEST_POSTGRES_URL` is set.

use std::path::PathBuf;
use std::process::{Command, Output};

use balai_store::Db;
use balai_store::db::DbOptions;

/// A database for one test: a SQLite file, or a fresh PostgreSQL schema.
struct TestDb {
    url: String,
    dir: PathBuf,
    schema: Option<(String, String)>,
}

impl TestDb {
    async fn new(pg: bool) -> TestDb {
        let dir = std::env::temp_dir().join(format!("balai-cli-{}", uuid::Uuid::now_v7()));
        std::fs::create_dir_all(&dir).expect("dir");
        if !pg {
            let url = format!("sqlite://{}/balai.db", dir.display());
            return TestDb {
                url,
                dir,
                schema: None,
            };
        }
        let base = std::env::var("BALAI_TEST_POSTGRES_URL").expect("pg url");
        let schema = format!("cli_{}", uuid::Uuid::now_v7().simple());
        let admin = Db::connect(&DbOptions::new(base.clone()))
            .await
            .expect("connect");
        balai_store::on_db!(admin.write(), p => sqlx::query(sqlx::AssertSqlSafe(format!("CREATE SCHEMA {schema}"))).execute(p).await.map(|_| ()))
            .expect("schema");
        admin.close().await;
        let sep = if base.contains('?') { '&' } else { '?' };
        let url = format!("{base}{sep}options=-c%20search_path%3D{schema}");
        TestDb {
            url,
            dir,
            schema: Some((base, schema)),
        }
    }

    fn balai(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_balai"))
            .args(args)
            .env("BALAI_DATABASE_URL", &self.url)
            .env("BALAI_DATA_DIR", &self.dir)
            .env("BALAI_LOG", "warn")
            .output()
            .expect("run balai")
    }

    async fn db(&self) -> Db {
        Db::connect(&DbOptions::new(self.url.clone()))
            .await
            .expect("connect")
    }

    async fn drop_schema(&self) {
        if let Some((base, schema)) = &self.schema {
            let admin = Db::connect(&DbOptions::new(base.clone()))
                .await
                .expect("connect");
            let _ = balai_store::on_db!(admin.write(), p => sqlx::query(sqlx::AssertSqlSafe(format!("DROP SCHEMA {schema} CASCADE"))).execute(p).await.map(|_| ()));
            admin.close().await;
        }
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn engines() -> Vec<bool> {
    let mut v = vec![false];
    if std::env::var("BALAI_TEST_POSTGRES_URL").is_ok_and(|s| !s.is_empty()) {
        v.push(true);
    }
    v
}

fn text(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

#[tokio::test]
async fn audit_verify_passes_on_the_demo_and_names_a_row_altered_in_the_database() {
    for pg in engines() {
        let t = TestDb::new(pg).await;
        let o = t.balai(&["seed-demo"]);
        assert!(o.status.success(), "seed-demo: {}", text(&o));
        let o = t.balai(&["audit", "verify"]);
        assert!(o.status.success(), "verify on the demo: {}", text(&o));
        assert!(text(&o).contains("intact"), "{}", text(&o));

        let db = t.db().await;
        let id: uuid::Uuid = balai_store::on_db!(db.write(), p => sqlx::query_scalar("SELECT id FROM services WHERE code = 'KTP-EL'").fetch_one(p).await)
            .expect("service");
        balai_store::on_db!(db.write(), p => sqlx::query("UPDATE services SET name = 'Diubah diam-diam' WHERE id = $1").bind(id).execute(p).await.map(|_| ()))
            .expect("tamper");
        db.close().await;

        let o = t.balai(&["audit", "verify"]);
        assert_eq!(o.status.code(), Some(2), "{}", text(&o));
        assert!(
            text(&o).contains(&format!("service {id} was changed outside the application")),
            "{}",
            text(&o)
        );
        t.drop_schema().await;
    }
}

#[tokio::test]
async fn audit_verify_names_a_removed_audit_event() {
    for pg in engines() {
        let t = TestDb::new(pg).await;
        assert!(t.balai(&["seed-demo"]).status.success());
        let db = t.db().await;
        balai_store::on_db!(db.write(), p => sqlx::query("DELETE FROM audit_events WHERE seq = 5").execute(p).await.map(|_| ()))
            .expect("tamper");
        db.close().await;
        let o = t.balai(&["audit", "verify"]);
        assert_eq!(o.status.code(), Some(2), "{}", text(&o));
        assert!(
            text(&o).contains("audit events #5..#5 are missing"),
            "{}",
            text(&o)
        );
        t.drop_schema().await;
    }
}

#[tokio::test]
async fn backup_and_restore_round_trip_with_checksum_on_sqlite() {
    let t = TestDb::new(false).await;
    assert!(t.balai(&["seed-demo"]).status.success());
    // An uploaded file (an agreement PDF) travels with the backup.
    let upload = t.dir.join("files/agreements/a.pdf");
    std::fs::create_dir_all(upload.parent().expect("parent")).expect("mkdir");
    std::fs::write(&upload, b"%PDF-1.4 agreement\n%%EOF").expect("write");
    let file = t.dir.join("copy.db");
    let o = t.balai(&["backup", "--to", &file.to_string_lossy()]);
    assert!(o.status.success(), "{}", text(&o));
    assert!(text(&o).contains("with 1 uploaded file(s)"), "{}", text(&o));
    assert!(file.exists());
    assert!(t.dir.join("copy.db.sha256").exists());
    assert!(t.dir.join("copy.db.files/MANIFEST.sha256").exists());
    // A second backup to the same file is refused, not overwritten.
    let o = t.balai(&["backup", "--to", &file.to_string_lossy()]);
    assert!(!o.status.success());

    // Restore into a new, empty place.
    let target = TestDb::new(false).await;
    let o = target.balai(&["restore", "--from", &file.to_string_lossy()]);
    assert!(o.status.success(), "{}", text(&o));
    assert!(text(&o).contains("intact"), "{}", text(&o));
    let o = target.balai(&["audit", "verify"]);
    assert!(o.status.success(), "{}", text(&o));
    assert_eq!(
        std::fs::read(target.dir.join("files/agreements/a.pdf")).expect("restored file"),
        b"%PDF-1.4 agreement\n%%EOF"
    );

    // A changed uploaded file in the backup: nothing is restored.
    std::fs::write(t.dir.join("copy.db.files/agreements/a.pdf"), b"changed").expect("tamper");
    let again = TestDb::new(false).await;
    let o = again.balai(&["restore", "--from", &file.to_string_lossy()]);
    assert!(!o.status.success());
    assert!(
        text(&o).contains("agreements/a.pdf does not match its checksum"),
        "{}",
        text(&o)
    );
    assert!(
        !again.dir.join("balai.db").exists(),
        "nothing may be restored from a damaged backup"
    );
    again.drop_schema().await;

    // One changed byte: the checksum refuses the restore.
    let mut bytes = std::fs::read(&file).expect("read");
    let last = bytes.len() - 100;
    bytes[last] ^= 0xff;
    std::fs::write(&file, bytes).expect("write");
    let other = TestDb::new(false).await;
    let o = other.balai(&["restore", "--from", &file.to_string_lossy()]);
    assert!(!o.status.success());
    assert!(
        text(&o).contains("does not match its checksum"),
        "{}",
        text(&o)
    );
    for d in [t, target, other] {
        d.drop_schema().await;
    }
}

#[test]
fn command_line_errors_are_one_sentence_without_backtrace() {
    let o = Command::new(env!("CARGO_BIN_EXE_balai"))
        .args(["migrate"])
        .env("BALAI_DATABASE_URL", "mysql://nope")
        .output()
        .expect("run");
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.starts_with("balai: "), "{err}");
    assert!(
        !err.contains("panicked") && !err.contains("backtrace"),
        "{err}"
    );
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");
}

#[test]
fn openapi_command_prints_the_document() {
    let o = Command::new(env!("CARGO_BIN_EXE_balai"))
        .arg("openapi")
        .output()
        .expect("run");
    assert!(o.status.success());
    let doc: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    assert!(
        doc["paths"]
            .as_object()
            .is_some_and(|p| p.contains_key("/v1/services")),
        "{doc}"
    );
}
