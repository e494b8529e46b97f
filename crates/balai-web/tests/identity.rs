//! Identity and access end to end (issue 2): sign-in with lockout and rate limits, the TOTP
//! second factor for staff (RFC 6238), citizen registration (NIK per national-rules §5),
//! password changes, the administrator's user and API-token pages, CSRF, and the audit trail
//! of all of it — on SQLite, and on PostgreSQL when `BALAI_TEST_POSTGRES_URL` is set.

#![allow(non_snake_case, clippy::unwrap_used)]

use balai_store::audit::Problem;
use balai_store::identity as store;
use balai_testkit::{DEMO_PASSWORD, TestApp, backends};
use chrono::Duration;

/// The administrator's pages: users, API tokens, and the audit of accounts.
#[path = "identity/console.rs"]
mod console;

const ADMIN: &str = "admin@mesujikab.go.id";
const PETUGAS: &str = "putri.handayani@mesujikab.go.id";
const WARGA: &str = "warga@example.id";

fn loc(r: &reqwest::Response) -> String {
    r.headers()
        .get("location")
        .map(|v| v.to_str().unwrap().to_string())
        .unwrap_or_default()
}

async fn status_and_body(r: reqwest::Response) -> (u16, String) {
    let s = r.status().as_u16();
    (s, r.text().await.unwrap_or_default())
}

async fn get_on(app: &TestApp, client: &reqwest::Client, path: &str) -> reqwest::Response {
    client.get(app.at(path)).send().await.unwrap()
}

/// Problems of the chain itself or of this area's records (users, API tokens).
async fn identity_problems(app: &TestApp) -> Vec<Problem> {
    let report = balai_store::snapshots::verify(&app.db).await.unwrap();
    report
        .problems
        .into_iter()
        .filter(|p| match p {
            Problem::RecordAltered { subject_type, .. }
            | Problem::RecordRemoved { subject_type, .. }
            | Problem::RecordInserted { subject_type, .. } => {
                ["user", "api_token"].contains(&subject_type.as_str())
            }
            _ => true,
        })
        .collect()
}

async fn user_id(app: &TestApp, email: &str) -> uuid::Uuid {
    store::find_by_email(&app.db, email)
        .await
        .unwrap()
        .unwrap()
        .id
}

#[tokio::test]
async fn citizen_signs_in_and_a_failure_does_not_say_which_part_was_wrong() {
    for b in backends() {
        let app = TestApp::spawn_demo(b).await;
        let wrong = app
            .post_form(
                "/masuk",
                &[("email", WARGA), ("password", "salah-sekali-123")],
            )
            .await;
        let (s, body) = status_and_body(wrong).await;
        assert_eq!(s, 422);
        assert!(body.contains("E-mail atau kata sandi salah"));
        assert!(body.contains(WARGA), "the e-mail is kept in the form");
        let unknown = app
            .post_form(
                "/masuk",
                &[
                    ("email", "tidak.ada@example.id"),
                    ("password", "salah-sekali-123"),
                ],
            )
            .await;
        let (s2, body2) = status_and_body(unknown).await;
        assert_eq!(s2, 422);
        assert!(body2.contains("E-mail atau kata sandi salah"));
        let ok = app
            .post_form("/masuk", &[("email", WARGA), ("password", DEMO_PASSWORD)])
            .await;
        assert_eq!(ok.status().as_u16(), 303);
        assert_eq!(loc(&ok), "/akun");
        let (s, body) = app.get_text("/akun").await;
        assert_eq!(s, 200);
        assert!(body.contains("Rini Anggraini"));
        assert!(body.contains("1811********0001"), "own NIK shown masked");
        let out = app.post_form("/keluar", &[]).await;
        assert_eq!(loc(&out), "/");
        assert_eq!(app.get("/akun").await.status().as_u16(), 303);
        assert!(identity_problems(&app).await.is_empty());
    }
}

#[tokio::test]
async fn five_failures_lock_the_account_until_the_lock_time_passes() {
    for b in backends() {
        let app = TestApp::spawn_demo(b).await;
        for i in 1..=5 {
            let r = app
                .post_form(
                    "/masuk",
                    &[("email", WARGA), ("password", "tebakan-keliru-1")],
                )
                .await;
            let (_, body) = status_and_body(r).await;
            assert_eq!(body.contains("dikunci sementara"), i == 5, "attempt {i}");
        }
        // Locked: even the right password is refused, and the message says until when.
        let r = app
            .post_form("/masuk", &[("email", WARGA), ("password", DEMO_PASSWORD)])
            .await;
        let (s, body) = status_and_body(r).await;
        assert_eq!(s, 422);
        assert!(body.contains("09.15 WIB"), "unlock time in WIB: {body}");
        app.clock.advance(Duration::minutes(15));
        let r = app
            .post_form("/masuk", &[("email", WARGA), ("password", DEMO_PASSWORD)])
            .await;
        assert_eq!(r.status().as_u16(), 303);
        let u = store::find_by_email(&app.db, WARGA).await.unwrap().unwrap();
        assert_eq!(
            (u.failed_logins, u.locked_until),
            (0, None),
            "success resets the counters"
        );
        let f = balai_store::audit::Filter {
            subject_id: Some(u.id.to_string()),
            limit: 50,
            ..Default::default()
        };
        let events = balai_store::audit::list(&app.db, &f).await.unwrap();
        let count = |a: &str| events.iter().filter(|e| e.action == a).count();
        assert_eq!(
            (count("login_failed"), count("lockout"), count("login")),
            (5, 1, 1)
        );
        let sign_in = ["login", "login_failed", "lockout"];
        assert!(
            events
                .iter()
                .filter(|e| sign_in.contains(&e.action.as_str()))
                .all(|e| e.after_json.is_none()),
            "sign-in events carry no record state"
        );
        assert!(identity_problems(&app).await.is_empty());
    }
}

#[tokio::test]
async fn sign_in_is_rate_limited_per_email_and_per_address() {
    for b in backends() {
        let app = TestApp::spawn_demo(b).await;
        let csrf = app.csrf().await;
        let attempt = |email: String, ip: &'static str| {
            let form = vec![
                ("email", email),
                ("password", "x-tebakan-99".to_string()),
                ("csrf", csrf.clone()),
            ];
            app.client
                .post(app.at("/masuk"))
                .header("x-forwarded-for", ip)
                .form(&form)
                .send()
        };
        for _ in 0..10 {
            assert_eq!(
                attempt("orang.asing@example.id".into(), "10.0.0.1")
                    .await
                    .unwrap()
                    .status()
                    .as_u16(),
                422
            );
        }
        let r = attempt("orang.asing@example.id".into(), "10.0.0.2")
            .await
            .unwrap();
        let (s, body) = status_and_body(r).await;
        assert_eq!(s, 429);
        assert!(body.contains("Terlalu banyak percobaan"));
        for i in 0..30 {
            attempt(format!("orang{i}@example.id"), "10.0.0.3")
                .await
                .unwrap();
        }
        let r = attempt("lain@example.id".into(), "10.0.0.3").await.unwrap();
        assert_eq!(
            r.status().as_u16(),
            429,
            "31st attempt from one address in a minute"
        );
        app.clock.advance(Duration::minutes(1));
        let r = attempt("lain@example.id".into(), "10.0.0.3").await.unwrap();
        assert_eq!(r.status().as_u16(), 422, "the window has passed");
    }
}

#[tokio::test]
async fn staff_enrol_totp_at_first_sign_in_then_give_a_code_each_time__rfc6238() {
    for b in backends() {
        let app = TestApp::spawn_demo(b).await;
        let r = app.password_step(&app.client, ADMIN, DEMO_PASSWORD).await;
        assert_eq!(loc(&r), "/masuk/totp/daftar");
        let (s, page) = app.get_text("/masuk/totp/daftar").await;
        assert_eq!(s, 200);
        assert!(
            page.contains("<svg") && page.contains("otpauth://totp/"),
            "QR code and URI shown"
        );
        let wrong = app
            .post_form("/masuk/totp/daftar", &[("code", "000000")])
            .await;
        assert_eq!(wrong.status().as_u16(), 422);
        let secret = store::totp_secret(&app.db, user_id(&app, ADMIN).await)
            .await
            .unwrap()
            .unwrap();
        let code = app.fresh_totp_code(ADMIN, &secret).await;
        let ok = app
            .post_form("/masuk/totp/daftar", &[("code", &code)])
            .await;
        assert_eq!(
            (ok.status().as_u16(), loc(&ok)),
            (303, "/konsol".to_string())
        );
        assert_eq!(app.get("/konsol").await.status().as_u16(), 200);
        // Next time: the code page, and a follow-on target that must stay on this site.
        app.post_form("/keluar", &[]).await;
        let r = app
            .post_form(
                "/masuk",
                &[
                    ("email", ADMIN),
                    ("password", DEMO_PASSWORD),
                    ("lanjut", "/konsol/pengguna"),
                ],
            )
            .await;
        assert_eq!(loc(&r), "/masuk/totp?lanjut=/konsol/pengguna");
        assert_eq!(
            loc(&app.get("/konsol").await),
            "/masuk/totp",
            "no console before the code"
        );
        app.clock.advance(Duration::seconds(60));
        let code = app.fresh_totp_code(ADMIN, &secret).await;
        let r = app
            .post_form(
                "/masuk/totp",
                &[("code", &code), ("lanjut", "/konsol/pengguna")],
            )
            .await;
        assert_eq!(loc(&r), "/konsol/pengguna");
        app.post_form("/keluar", &[]).await;
        let r = app
            .post_form(
                "/masuk",
                &[
                    ("email", ADMIN),
                    ("password", DEMO_PASSWORD),
                    ("lanjut", "//evil.example/"),
                ],
            )
            .await;
        assert_eq!(loc(&r), "/masuk/totp");
        assert!(identity_problems(&app).await.is_empty());
    }
}

#[tokio::test]
async fn a_totp_code_cannot_be_used_twice__rfc6238_5_2() {
    for b in backends() {
        let app = TestApp::spawn_demo(b).await;
        app.login_staff(PETUGAS).await;
        app.post_form("/keluar", &[]).await;
        let id = user_id(&app, PETUGAS).await;
        let secret = store::totp_secret(&app.db, id).await.unwrap().unwrap();
        let last = store::last_totp_step(&app.db, id).await.unwrap().unwrap();
        let used = balai_testkit::totp_code(
            &secret,
            chrono::DateTime::from_timestamp(last * 30, 0).unwrap(),
        );
        app.password_step(&app.client, PETUGAS, DEMO_PASSWORD).await;
        let r = app.post_form("/masuk/totp", &[("code", &used)]).await;
        let (s, body) = status_and_body(r).await;
        assert_eq!(s, 422);
        assert!(body.contains("sudah dipakai"));
        assert_eq!(loc(&app.get("/konsol").await), "/masuk/totp");
    }
}

#[tokio::test]
async fn the_console_needs_the_second_factor_and_a_staff_role() {
    for b in backends() {
        let app = TestApp::spawn_demo(b).await;
        let r = app.get("/konsol/pengguna").await;
        assert_eq!(loc(&r), "/masuk?lanjut=/konsol/pengguna");
        app.password_step(&app.client, ADMIN, DEMO_PASSWORD).await;
        assert_eq!(loc(&app.get("/konsol").await), "/masuk/totp");
        assert_eq!(loc(&app.get("/akun").await), "/masuk/totp");
        let citizen = app.new_client();
        app.login_citizen_on(&citizen, WARGA).await;
        for path in ["/konsol", "/konsol/pengguna", "/konsol/token"] {
            assert_eq!(
                get_on(&app, &citizen, path).await.status().as_u16(),
                403,
                "{path}"
            );
        }
        // Staff without UsersManage / TokensManage.
        let officer = app.new_client();
        app.login_staff_on(&officer, PETUGAS).await;
        assert_eq!(
            get_on(&app, &officer, "/konsol").await.status().as_u16(),
            200
        );
        for path in ["/konsol/pengguna", "/konsol/pengguna/baru", "/konsol/token"] {
            assert_eq!(
                get_on(&app, &officer, path).await.status().as_u16(),
                403,
                "{path}"
            );
        }
        let r = app
            .post_form_on(
                &officer,
                "/konsol/token",
                &[("name", "x"), ("permission", "catalog_read")],
            )
            .await;
        assert_eq!(r.status().as_u16(), 403);
    }
}

#[tokio::test]
async fn registration_keeps_the_input_and_marks_each_bad_field__national_rules_5() {
    for b in backends() {
        let app = TestApp::spawn_demo(b).await;
        let bad = [
            ("name", "<b>Sari</b> O'Neil; DROP TABLE users"),
            ("email", "sari-at-example"),
            ("password", "Sandi-Sari-2026"),
            ("password2", "Sandi-Sari-2026"),
            ("nik", "1811015203920000"),
            ("phone", ""),
        ];
        let (s, body) = status_and_body(app.post_form("/daftar", &bad).await).await;
        assert_eq!(s, 422);
        assert!(body.contains("id=\"err-email\"") && body.contains("id=\"err-nik\""));
        assert!(
            body.contains("value=\"sari-at-example\"")
                && body.contains("value=\"1811015203920000\"")
        );
        assert!(
            body.contains("&#60;b&#62;Sari&#60;/b&#62;"),
            "text shown literally, escaped"
        );
        assert!(
            !body.contains("Sandi-Sari-2026"),
            "passwords are never written back"
        );
        let dup = [
            ("name", "Rini"),
            ("email", "WARGA@example.id"),
            ("password", "Sandi-Sari-2026"),
            ("password2", "Sandi-Sari-2026"),
        ];
        let (s, body) = status_and_body(app.post_form("/daftar", &dup).await).await;
        assert_eq!(s, 422);
        assert!(body.contains("id=\"err-email\"") && body.contains("sudah terdaftar"));
        let good = [
            ("name", bad[0].1),
            ("email", "sari@example.id"),
            ("password", "Sandi-Sari-2026"),
            ("password2", "Sandi-Sari-2026"),
            ("nik", "1811015203920002"),
            ("phone", "0812 7945 0399"),
        ];
        let r = app.post_form("/daftar", &good).await;
        assert_eq!(
            (r.status().as_u16(), loc(&r)),
            (303, "/akun?baru=1".to_string())
        );
        let (s, body) = app.get_text("/akun").await;
        assert_eq!(s, 200);
        assert!(body.contains("sari@example.id") && body.contains("&#60;b&#62;Sari&#60;/b&#62;"));
        let u = store::find_by_email(&app.db, "sari@example.id")
            .await
            .unwrap()
            .unwrap();
        assert_eq!(u.role, "warga");
        assert_eq!(u.nik.as_deref(), Some("1811015203920002"));
        assert!(identity_problems(&app).await.is_empty());
    }
}

#[tokio::test]
async fn changing_the_password_ends_every_other_session() {
    for b in backends() {
        let app = TestApp::spawn_demo(b).await;
        let other = app.new_client();
        app.login_citizen(WARGA).await;
        app.login_citizen_on(&other, WARGA).await;
        let wrong = [
            ("current", "bukan-sandinya"),
            ("password", "Sandi-Baru-2026"),
            ("password2", "Sandi-Baru-2026"),
        ];
        let (s, body) = status_and_body(app.post_form("/akun/sandi", &wrong).await).await;
        assert_eq!(s, 422);
        assert!(body.contains("id=\"err-current\""));
        let ok = [
            ("current", DEMO_PASSWORD),
            ("password", "Sandi-Baru-2026"),
            ("password2", "Sandi-Baru-2026"),
        ];
        let r = app.post_form("/akun/sandi", &ok).await;
        assert_eq!(loc(&r), "/akun?sandi=diubah");
        assert_eq!(
            app.get("/akun").await.status().as_u16(),
            200,
            "this session goes on"
        );
        assert_eq!(
            get_on(&app, &other, "/akun").await.status().as_u16(),
            303,
            "the other one ended"
        );
        let third = app.new_client();
        let old = app
            .post_form_on(
                &third,
                "/masuk",
                &[("email", WARGA), ("password", DEMO_PASSWORD)],
            )
            .await;
        assert_eq!(old.status().as_u16(), 422);
        app.password_step(&third, WARGA, "Sandi-Baru-2026").await;
        assert!(identity_problems(&app).await.is_empty());
    }
}

#[tokio::test]
async fn forms_without_the_csrf_token_are_refused() {
    for b in backends() {
        let app = TestApp::spawn_demo(b).await;
        app.csrf().await;
        let forms: [(&str, &[(&str, &str)]); 3] = [
            ("/masuk", &[("email", WARGA), ("password", DEMO_PASSWORD)]),
            ("/daftar", &[("name", "X"), ("email", "x@example.id")]),
            ("/keluar", &[]),
        ];
        for (path, fields) in forms {
            let r = app
                .client
                .post(app.at(path))
                .form(fields)
                .send()
                .await
                .unwrap();
            assert_eq!(r.status().as_u16(), 403, "{path}");
        }
        let r = app
            .client
            .post(app.at("/masuk"))
            .form(&[
                ("email", WARGA),
                ("password", DEMO_PASSWORD),
                ("csrf", "x".repeat(43).as_str()),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status().as_u16(), 403, "a wrong token is no token");
    }
}
