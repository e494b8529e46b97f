//! The administrator's side of identity: creating, resetting and disabling accounts
//! (`/konsol/pengguna`), API tokens (`/konsol/token`), and `audit verify` over accounts.

use balai_store::audit::Problem;
use balai_store::identity as store;
use balai_testkit::{TestApp, backends};

use super::{ADMIN, PETUGAS, WARGA, get_on, identity_problems, loc, status_and_body, user_id};

/// Creates a staff user through the console; returns its id.
async fn create_staff(app: &TestApp, email: &str, password: &str) -> String {
    let org = store::organisation_choices(&app.db)
        .await
        .unwrap()
        .into_iter()
        .find(|o| o.code == "DISDUKCAPIL")
        .unwrap();
    let org_id = org.id.to_string();
    let fields = [
        ("name", "Dewi Lestari"),
        ("email", email),
        ("role", "petugas"),
        ("organisation", org_id.as_str()),
        ("password", password),
    ];
    let r = app.post_form("/konsol/pengguna/baru", &fields).await;
    assert_eq!(r.status().as_u16(), 303);
    let to = loc(&r);
    to.trim_start_matches("/konsol/pengguna/")
        .split('?')
        .next()
        .unwrap()
        .to_string()
}

/// Signs `client` in with a password and enrols TOTP from the page; returns where it lands.
async fn sign_in_and_enrol(
    app: &TestApp,
    client: &reqwest::Client,
    email: &str,
    password: &str,
) -> String {
    app.password_step(client, email, password).await;
    let page = get_on(app, client, "/masuk/totp/daftar")
        .await
        .text()
        .await
        .unwrap();
    let secret = page
        .split("data-secret=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .to_string();
    let code = app.fresh_totp_code(email, &secret).await;
    let r = app
        .post_form_on(client, "/masuk/totp/daftar", &[("code", &code)])
        .await;
    loc(&r)
}

const DEWI: &str = "dewi@mesujikab.go.id";

#[tokio::test]
async fn administrator_creates_a_user_who_must_choose_a_password_first() {
    for b in backends() {
        let app = TestApp::spawn_demo(b).await;
        app.login_staff(ADMIN).await;
        let (s, list) = app.get_text("/konsol/pengguna?peran=petugas").await;
        assert_eq!(s, 200);
        assert!(list.contains(PETUGAS) && !list.contains(WARGA));
        create_staff(&app, DEWI, "Sandi-Awal-2026").await;
        let dup = [
            ("name", "Dewi"),
            ("email", DEWI),
            ("role", "auditor"),
            ("password", "Sandi-Awal-2026"),
        ];
        let (s, body) = status_and_body(app.post_form("/konsol/pengguna/baru", &dup).await).await;
        assert_eq!(s, 422);
        assert!(
            body.contains("id=\"err-email\""),
            "duplicate e-mail is a field error"
        );
        let dewi = app.new_client();
        assert_eq!(
            sign_in_and_enrol(&app, &dewi, DEWI, "Sandi-Awal-2026").await,
            "/akun/sandi"
        );
        assert_eq!(
            loc(&get_on(&app, &dewi, "/konsol/pengguna").await),
            "/akun/sandi"
        );
        let change = [
            ("current", "Sandi-Awal-2026"),
            ("password", "Sandi-Dewi-2026"),
            ("password2", "Sandi-Dewi-2026"),
        ];
        app.post_form_on(&dewi, "/akun/sandi", &change).await;
        assert_eq!(get_on(&app, &dewi, "/konsol").await.status().as_u16(), 200);
        assert_eq!(
            app.get("/konsol/pengguna/bukan-id").await.status().as_u16(),
            404
        );
        let unknown = format!("/konsol/pengguna/{}", uuid::Uuid::now_v7());
        assert_eq!(app.get(&unknown).await.status().as_u16(), 404);
        assert!(identity_problems(&app).await.is_empty());
    }
}

#[tokio::test]
async fn administrator_resets_and_disables_an_account_ending_its_sessions() {
    for b in backends() {
        let app = TestApp::spawn_demo(b).await;
        app.login_staff(ADMIN).await;
        let id = create_staff(&app, DEWI, "Sandi-Awal-2026").await;
        let dewi = app.new_client();
        sign_in_and_enrol(&app, &dewi, DEWI, "Sandi-Awal-2026").await;
        let reset = format!("/konsol/pengguna/{id}/sandi");
        let r = app
            .post_form(&reset, &[("password", "Sandi-Reset-2026")])
            .await;
        assert_eq!(loc(&r), format!("/konsol/pengguna/{id}?ok=sandi"));
        assert_eq!(
            get_on(&app, &dewi, "/akun/sandi").await.status().as_u16(),
            303,
            "session ended"
        );
        let u = store::find_by_email(&app.db, DEWI).await.unwrap().unwrap();
        assert!(u.must_change_password);
        app.password_step(&dewi, DEWI, "Sandi-Reset-2026").await;
        app.post_form(&format!("/konsol/pengguna/{id}/nonaktif"), &[])
            .await;
        assert_eq!(
            loc(&get_on(&app, &dewi, "/masuk/totp").await),
            "/masuk",
            "session ended"
        );
        let again = [("email", DEWI), ("password", "Sandi-Reset-2026")];
        let (s, body) = status_and_body(app.post_form_on(&dewi, "/masuk", &again).await).await;
        assert_eq!(s, 422);
        assert!(body.contains("dinonaktifkan"));
        let me = user_id(&app, ADMIN).await;
        let (s, body) = status_and_body(
            app.post_form(&format!("/konsol/pengguna/{me}/nonaktif"), &[])
                .await,
        )
        .await;
        assert_eq!(s, 422);
        assert!(body.contains("akun Anda sendiri"));
        app.post_form(&format!("/konsol/pengguna/{id}/aktif"), &[])
            .await;
        app.password_step(&dewi, DEWI, "Sandi-Reset-2026").await;
        assert!(identity_problems(&app).await.is_empty());
    }
}

#[tokio::test]
async fn api_token_is_shown_once_stored_hashed_and_revocable() {
    for b in backends() {
        let app = TestApp::spawn_demo(b).await;
        app.login_staff(ADMIN).await;
        let too_much = [("name", "Audit"), ("permission", "audit_read")];
        let (s, body) = status_and_body(app.post_form("/konsol/token", &too_much).await).await;
        assert_eq!(s, 422, "a token never exceeds its maker's permissions");
        assert!(body.contains("id=\"err-permissions\""));
        let form = [
            ("name", "Sinkronisasi SIAK"),
            ("permission", "catalog_read"),
            ("permission", "reports_read"),
        ];
        let (s, body) = status_and_body(app.post_form("/konsol/token", &form).await).await;
        assert_eq!(s, 200);
        let token = body
            .split("id=\"api-token\">")
            .nth(1)
            .unwrap()
            .split('<')
            .next()
            .unwrap()
            .to_string();
        assert!(token.starts_with("balai_") && token.len() > 40);
        let row = store::token_by_hash(&app.db, &balai_web::auth::hash_token(&token))
            .await
            .unwrap()
            .unwrap();
        assert_eq!(row.name, "Sinkronisasi SIAK");
        assert_eq!(row.organisation_id, None);
        assert_eq!(row.permission_list().len(), 2);
        let raw: i64 = balai_store::on_db!(app.db.read(), p => sqlx::query_scalar("SELECT COUNT(*) FROM api_tokens WHERE token_hash = $1").bind(&token).fetch_one(p).await).unwrap();
        assert_eq!(raw, 0, "only the hash is stored");
        let (_, list) = app.get_text("/konsol/token").await;
        assert!(
            list.contains("Sinkronisasi SIAK") && !list.contains(&token),
            "never shown again"
        );
        let r = app
            .post_form(&format!("/konsol/token/{}/cabut", row.id), &[])
            .await;
        assert_eq!(loc(&r), "/konsol/token?dicabut=1");
        assert!(
            store::token_by_hash(&app.db, &balai_web::auth::hash_token(&token))
                .await
                .unwrap()
                .is_none()
        );
        let again = app
            .post_form(&format!("/konsol/token/{}/cabut", row.id), &[])
            .await;
        assert_eq!(again.status().as_u16(), 409);
        assert_eq!(
            app.post_form("/konsol/token/bukan-id/cabut", &[])
                .await
                .status()
                .as_u16(),
            404
        );
        assert!(identity_problems(&app).await.is_empty());
    }
}

#[tokio::test]
async fn audit_verify_names_a_user_row_changed_behind_the_applications_back() {
    for b in backends() {
        let app = TestApp::spawn_demo(b).await;
        app.login_staff(ADMIN).await;
        assert!(identity_problems(&app).await.is_empty());
        // Lockout counters are volatile and not part of the audited state.
        balai_store::on_db!(app.db.write(), p => sqlx::query("UPDATE users SET failed_logins = 3").execute(p).await.map(|_| ())).unwrap();
        assert!(identity_problems(&app).await.is_empty());
        balai_store::on_db!(app.db.write(), p => sqlx::query("UPDATE users SET role = 'admin_mpp' WHERE email = $1").bind(WARGA).execute(p).await.map(|_| ())).unwrap();
        let id = user_id(&app, WARGA).await.to_string();
        let problems = identity_problems(&app).await;
        assert_eq!(
            problems,
            vec![Problem::RecordAltered {
                subject_type: "user".into(),
                subject_id: id
            }]
        );
        // A password hash swapped in directly is caught through its digest.
        let admin = user_id(&app, ADMIN).await.to_string();
        let hash = store::hash_password("Sandi-Penyusup-1").await.unwrap();
        balai_store::on_db!(app.db.write(), p => sqlx::query("UPDATE users SET password_hash = $1 WHERE email = $2").bind(&hash).bind(ADMIN).execute(p).await.map(|_| ())).unwrap();
        let problems = identity_problems(&app).await;
        assert!(problems.contains(&Problem::RecordAltered {
            subject_type: "user".into(),
            subject_id: admin
        }));
    }
}
