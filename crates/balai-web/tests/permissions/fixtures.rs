//! Real ids for the table's `:name` path segments, read from the demo data, and the few
//! records the matrix needs that the demo does not have: draft version 2 of PBG (DPMPTSP) and
//! of KTP-EL (DISDUKCAPIL), so the standard editor has something to open, an API token, and a
//! signed agreement document for DPMPTSP, so its download has something to send.

use std::collections::HashMap;

use balai_core::Clock;
use balai_core::identity::{Actor, Permission};
use balai_store::audit::AuditCtx;
use balai_store::files::{self, NewFile};
use balai_store::identity::{NewToken, create_token, find_by_email};
use balai_store::organisations as orgs;
use balai_store::{services, standards};
use balai_testkit::TestApp;
use object_store::ObjectStoreExt;
use sha2::Digest;
use uuid::Uuid;

pub const PUTRI: &str = "putri.handayani@mesujikab.go.id";
pub const SITI: &str = "siti.aminah@mesujikab.go.id";
pub const WARGA: &str = "warga@example.id";

pub struct Fixtures {
    values: HashMap<&'static str, String>,
    /// The raw bearer token the fixtures issued (mall-wide, `catalog_read`).
    pub token: String,
}

impl Fixtures {
    /// `template` with each `:name` segment replaced by its value.
    pub fn path(&self, template: &str) -> String {
        template
            .split('/')
            .map(|seg| match seg.strip_prefix(':') {
                Some(name) => self
                    .values
                    .get(name)
                    .cloned()
                    .unwrap_or_else(|| panic!("no fixture {name}")),
                None => seg.to_string(),
            })
            .collect::<Vec<_>>()
            .join("/")
    }
}

fn ctx(app: &TestApp) -> AuditCtx {
    AuditCtx::new(
        Actor::system(),
        Some("permissions-fixture".into()),
        app.clock.now(),
    )
}

async fn user_id(app: &TestApp, email: &str) -> String {
    find_by_email(&app.db, email)
        .await
        .expect("db")
        .expect("demo user")
        .id
        .to_string()
}

/// A submitted application of the demo citizen, for the pages only its applicant may open.
async fn application(app: &TestApp) -> String {
    let warga = find_by_email(&app.db, WARGA)
        .await
        .expect("db")
        .expect("demo citizen");
    let svc = services::get_by_code(&app.db, "SIP-NAKES")
        .await
        .expect("db")
        .expect("SIP-NAKES");
    let ctx = AuditCtx::new(Actor::system(), None, app.clock.now());
    let mut tx = app.db.begin().await.expect("begin");
    let row = balai_store::permits::create_draft(
        &mut tx,
        &ctx,
        balai_store::permits::NewDraft {
            service_id: svc.id,
            organisation_id: svc.organisation_id,
            applicant_user_id: Some(warga.id),
            applicant_name: warga.display_name.clone(),
            applicant_email: Some(warga.email.clone()),
            applicant_phone: None,
            applicant_birth_date: None,
            workflow_code: "perizinan".to_owned(),
            values: Default::default(),
            channel: balai_core::permits::Channel::Online,
            filed_by: None,
            inspection_required: false,
            levy_amount: 0,
        },
    )
    .await
    .expect("draft application");
    let today = app.clock.now().date_naive();
    let submission = balai_store::permits::Submission {
        id: row.id,
        expected_version: row.version,
        idempotency_key: None,
        number_pattern: Default::default(),
        number_date: today,
        initial_state: "verification".to_owned(),
        due_on: Some(today),
        tracking_pin: "123456".to_owned(),
        submitted_at: ctx.at,
        back_capture_reason: None,
    };
    balai_store::permits::submit(&mut tx, &ctx, submission)
        .await
        .expect("submitted application");
    tx.commit().await.expect("commit");
    row.id.to_string()
}

async fn one_uuid(app: &TestApp, sql: &'static str) -> String {
    let id: Uuid =
        balai_store::on_db!(app.db.read(), p => sqlx::query_scalar(sql).fetch_one(p).await)
            .expect(sql);
    id.to_string()
}

/// Opens draft version 2 of `code`, a copy of its adopted standard.
async fn draft(app: &TestApp, code: &str) {
    let svc = services::get_by_code(&app.db, code)
        .await
        .expect("db")
        .expect("demo service");
    let adopted = svc.published_version_id.expect("adopted version");
    let base = standards::get(&app.db, adopted)
        .await
        .expect("db")
        .expect("version")
        .standard()
        .expect("standard");
    let mut tx = app.db.begin().await.expect("tx");
    let v = standards::create_draft(&mut tx, &ctx(app), svc.id, &base, "Uji matriks hak akses")
        .await
        .expect("draft");
    tx.commit().await.expect("commit");
    assert_eq!(
        v.version_no, 2,
        "{code}: the table expects the draft to be version 2"
    );
}

async fn token(app: &TestApp) -> (String, String) {
    let raw = balai_web::auth::random_token();
    let new = NewToken {
        name: "Matriks hak akses".into(),
        organisation_id: None,
        permissions: vec![Permission::CatalogRead],
        created_by: None,
    };
    let mut tx = app.db.begin().await.expect("tx");
    let id = create_token(&mut tx, &ctx(app), &new, &balai_web::auth::hash_token(&raw))
        .await
        .expect("token");
    tx.commit().await.expect("commit");
    (id.to_string(), raw)
}

/// A signed agreement (a tiny PDF) for DPMPTSP, recorded and attached as an upload would be.
async fn agreement(app: &TestApp) {
    let bytes = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n".to_vec();
    let key = "agreements/matriks-hak-akses.pdf";
    app.state
        .files
        .put(&object_store::path::Path::from(key), bytes.clone().into())
        .await
        .expect("object store");
    let org = orgs::get_by_code(&app.db, "DPMPTSP")
        .await
        .expect("db")
        .expect("DPMPTSP");
    let new = NewFile {
        object_key: key.into(),
        file_name: "nota-kesepakatan.pdf".into(),
        content_type: "application/pdf".into(),
        size_bytes: bytes.len() as i64,
        sha256: hex::encode(sha2::Sha256::digest(&bytes)),
    };
    let mut tx = app.db.begin().await.expect("tx");
    let file = files::insert(&mut tx, &ctx(app), &new).await.expect("file");
    orgs::attach_agreement(&mut tx, &ctx(app), org.id, org.version, file.id)
        .await
        .expect("attach");
    tx.commit().await.expect("commit");
}

/// A publicly listed announcement's id, read through the public API.
async fn announcement(app: &TestApp) -> String {
    let body: serde_json::Value = app
        .get("/api/v1/announcements")
        .await
        .json()
        .await
        .expect("json");
    body["items"][0]["id"]
        .as_str()
        .expect("a demo announcement")
        .to_string()
}

/// A read inbox message for the citizen, a failed e-mail notice of DPMPTSP, and a webhook
/// endpoint with one delivery.
async fn notify_fixtures(app: &TestApp, values: &mut HashMap<&'static str, String>) {
    use balai_core::notify::Channel;
    use balai_store::notifications::{self as notes, NewNotification};
    use balai_store::webhooks::{self, NewEndpoint};
    let warga = find_by_email(&app.db, WARGA)
        .await
        .expect("db")
        .expect("warga")
        .id;
    let dpmptsp = orgs::get_by_code(&app.db, "DPMPTSP")
        .await
        .expect("db")
        .expect("DPMPTSP");
    let notice = |channel, address: &str, user, org| NewNotification {
        recipient_user_id: user,
        organisation_id: org,
        channel,
        address: address.into(),
        subject: "Uji matriks hak akses".into(),
        body: "Pesan uji.".into(),
        link: None,
        about_type: "application".into(),
        about_id: "matriks".into(),
        due_by: None,
    };
    let mut tx = app.db.begin().await.expect("tx");
    let c = ctx(app);
    let inbox = notes::queue(&mut tx, &c, notice(Channel::Inbox, "", Some(warga), None))
        .await
        .expect("inbox message");
    notes::mark_read(&mut tx, &c, inbox).await.expect("read");
    let email = notice(Channel::Email, "pemohon@example.id", None, Some(dpmptsp.id));
    let failed = notes::queue(&mut tx, &c, email)
        .await
        .expect("e-mail notice");
    notes::mark_failed(&mut tx, &c, failed, "SMTP is not configured")
        .await
        .expect("failed");
    let endpoint = NewEndpoint {
        name: "Matriks hak akses".into(),
        url: "https://oss.example.id/webhook".into(),
        events: vec!["application.decided".into()],
    };
    let ep = webhooks::create_endpoint(&mut tx, &c, &endpoint, "rahasia")
        .await
        .expect("endpoint");
    webhooks::publish(
        &mut tx,
        &c,
        "application.decided",
        "matriks",
        serde_json::json!({}),
    )
    .await
    .expect("publish");
    let delivery: Uuid = balai_store::on_tx!(tx, t => sqlx::query_scalar("SELECT id FROM webhook_deliveries").fetch_one(t).await)
        .expect("delivery");
    tx.commit().await.expect("commit");
    values.insert("message_warga", inbox.to_string());
    values.insert("notification_failed", failed.to_string());
    values.insert("webhook", ep.id.to_string());
    values.insert("webhook_delivery", delivery.to_string());
}

/// A waiting ticket at Gedung A, for the ticket page and the officer desk's actions.
async fn ticket(app: &TestApp) -> String {
    use balai_core::queue::{TicketChannel, TicketPrefix};
    use balai_store::queue::{locations, tickets};
    let loc = locations::get_by_code(&app.db, "GEDUNG-A")
        .await
        .expect("db")
        .expect("demo location");
    let service = services::get_by_code(&app.db, "KTP-EL")
        .await
        .expect("db")
        .expect("demo service");
    let c = ctx(app);
    let mut tx = app.db.begin().await.expect("begin");
    let new = tickets::NewTicket {
        service_id: service.id,
        prefix: TicketPrefix::parse(&service.ticket_prefix).expect("prefix"),
        day: chrono::NaiveDate::from_ymd_opt(2026, 11, 2).expect("date"),
        channel: TicketChannel::Kiosk,
        priority: None,
        appointment_id: None,
        queued_at: c.at,
    };
    let t = tickets::issue(&mut tx, &c, &loc, &new)
        .await
        .expect("ticket");
    tx.commit().await.expect("commit");
    t.id.to_string()
}

/// An issued licence (its record and a stand-in file), so its verification page and download
/// have something to show.
async fn issued_document(app: &TestApp) -> String {
    use balai_store::signing::{self, IssuedDocumentRow};
    let content = serde_json::json!({"number": "503/0001/IZIN/2026"});
    let bytes = b"%PDF-1.4\n%%EOF\n".to_vec();
    let id = Uuid::now_v7();
    let key = format!("documents/{id}.pdf");
    app.state
        .files
        .put(
            &object_store::path::Path::from(key.as_str()),
            bytes.clone().into(),
        )
        .await
        .expect("object store");
    let signer = find_by_email(&app.db, "ahmad.syarifudin@mesujikab.go.id")
        .await
        .expect("db")
        .expect("demo official");
    let dpmptsp = orgs::get_by_code(&app.db, "DPMPTSP")
        .await
        .expect("db")
        .expect("DPMPTSP");
    let row = IssuedDocumentRow {
        id,
        kind: "licence".into(),
        subject_type: "application".into(),
        subject_id: "matriks".into(),
        organisation_id: Some(dpmptsp.id),
        number: "503/0001/IZIN/2026".into(),
        title: "Surat Izin".into(),
        holder: "Warga".into(),
        signer_user_id: signer.id,
        signer_name: signer.display_name,
        position: "Kepala Dinas".into(),
        signer_kind: "platform".into(),
        key_id: "0000000000000000".into(),
        content: content.to_string(),
        content_digest: hex::encode(balai_docs::digest::content_digest(&content)),
        qr_text: format!("http://127.0.0.1/verifikasi/{id}"),
        sha256: hex::encode(sha2::Sha256::digest(&bytes)),
        size_bytes: bytes.len() as i64,
        object_key: key,
        signed_at: app.clock.now(),
        consent: "{}".into(),
    };
    let mut tx = app.db.begin().await.expect("tx");
    signing::insert_document(&mut tx, &ctx(app), &row)
        .await
        .expect("document");
    tx.commit().await.expect("commit");
    id.to_string()
}

/// An open survey invitation for KTP-EL; its code (shown once) fills `:skm_code`.
async fn survey_code(app: &TestApp) -> String {
    let svc = services::get_by_code(&app.db, "KTP-EL")
        .await
        .expect("db")
        .expect("demo service");
    let mut tx = app.db.begin().await.expect("begin");
    let until = app.clock.now() + chrono::Duration::days(30);
    let inv = balai_store::survey::invite(
        &mut tx,
        &ctx(app),
        balai_store::survey::SourceKind::Manual,
        "permissions-fixture",
        svc.id,
        svc.organisation_id,
        until,
    )
    .await
    .expect("invitation");
    tx.commit().await.expect("commit");
    inv.code
}

/// A paper response with a suggestion for KTP-EL (DISDUKCAPIL); its id fills `:skm_response`.
async fn survey_response(app: &TestApp) -> String {
    use balai_core::survey::{Answers, Definition};
    let svc = services::get_by_code(&app.db, "KTP-EL")
        .await
        .expect("db")
        .expect("demo service");
    let def = Definition::permenpanrb_14_2017();
    let mut fields: std::collections::BTreeMap<String, String> = def
        .elements
        .iter()
        .map(|e| (e.code.as_str().to_owned(), "3".to_owned()))
        .collect();
    for (k, v) in [
        ("sex", "P"),
        ("age", "30"),
        ("education", "SMA"),
        ("occupation", "PNS"),
        ("suggestion", "Antrean rapi"),
    ] {
        fields.insert(k.to_owned(), v.to_owned());
    }
    let row = balai_store::survey::NewResponse {
        definition_version: def.version,
        service_id: svc.id,
        organisation_id: svc.organisation_id,
        responded_on: app.clock.now().date_naive(),
        answers: Answers::parse(&def, &fields).expect("answers"),
    };
    let mut tx = app.db.begin().await.expect("begin");
    balai_store::survey::ensure_default(&mut tx, &ctx(app))
        .await
        .expect("definition");
    balai_store::survey::record_paper(
        &mut tx,
        &ctx(app),
        balai_store::survey::PaperBatch::Console,
        &[row],
    )
    .await
    .expect("paper response");
    tx.commit().await.expect("commit");
    one_uuid(
        app,
        "SELECT id FROM skm_responses ORDER BY created_at DESC LIMIT 1",
    )
    .await
}

pub async fn prepare(app: &TestApp) -> Fixtures {
    draft(app, "PBG").await;
    draft(app, "KTP-EL").await;
    agreement(app).await;
    let (token_id, raw) = token(app).await;
    let mut values = HashMap::new();
    values.insert("token", token_id);
    values.insert("announcement", announcement(app).await);
    values.insert("user_putri", user_id(app, PUTRI).await);
    values.insert("user_siti", user_id(app, SITI).await);
    values.insert("user_warga", user_id(app, WARGA).await);
    let officer: Uuid = balai_store::on_db!(app.db.read(), p => sqlx::query_scalar("SELECT officer_id FROM users WHERE email = $1").bind(PUTRI).fetch_one(p).await)
        .expect("officer of the counter officer");
    values.insert("officer_putri", officer.to_string());
    values.insert(
        "holiday",
        one_uuid(app, "SELECT id FROM holidays ORDER BY day LIMIT 1").await,
    );
    values.insert(
        "comment",
        one_uuid(app, "SELECT id FROM consultation_comments WHERE status = 'pending' ORDER BY created_at LIMIT 1").await,
    );
    let rule: String = balai_store::on_db!(app.db.read(), p => sqlx::query_scalar("SELECT code FROM deadline_rules ORDER BY code LIMIT 1").fetch_one(p).await)
        .expect("a deadline rule");
    values.insert("rule", rule);
    notify_fixtures(app, &mut values).await;
    values.insert("document", issued_document(app).await);
    values.insert("skm_code", survey_code(app).await);
    values.insert("skm_response", survey_response(app).await);
    values.insert("application_warga", application(app).await);
    values.insert("ticket", ticket(app).await);
    Fixtures { values, token: raw }
}

/// How many audit events there are: every write adds one, so an unchanged count after a
/// refused request means nothing was written.
pub async fn audit_events(app: &TestApp) -> i64 {
    balai_store::on_db!(app.db.read(), p => sqlx::query_scalar("SELECT COUNT(*) FROM audit_events").fetch_one(p).await)
        .expect("count audit events")
}

/// Every audited record's state, sorted, to compare before and after the matrix.
pub async fn records(app: &TestApp) -> Vec<(String, String, String)> {
    let mut v: Vec<_> = balai_store::snapshots::all(&app.db)
        .await
        .expect("snapshots")
        .into_iter()
        .map(|s| {
            (
                s.subject_type.to_string(),
                s.subject_id,
                s.state.to_string(),
            )
        })
        .collect();
    v.sort();
    v
}
