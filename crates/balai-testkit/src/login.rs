//! Signing in through the real pages: the password step at `/masuk`, then for staff the TOTP
//! enrolment (`/masuk/totp/daftar`, secret read from the page) or the code step
//! (`/masuk/totp`, secret read from the database). Codes come from the application's clock;
//! when the current step's code was already used (two sign-ins of one account within 30 s
//! of test time), the next step's code is used, and failing that the clock moves on 30 s.

use balai_store::identity as store;
use chrono::{DateTime, Duration, Utc};

use crate::{DEMO_PASSWORD, TestApp, extract_csrf, totp_code};

/// The value of `data-secret="…"` on the enrolment page.
fn enrolment_secret(html: &str) -> Option<String> {
    let i = html.find("data-secret=\"")? + "data-secret=\"".len();
    let end = html[i..].find('"')?;
    Some(html[i..i + end].to_string())
}

fn location(r: &reqwest::Response) -> String {
    r.headers()
        .get(reqwest::header::LOCATION)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string()
}

impl TestApp {
    /// The CSRF token the site set for `client` (read from the sign-in page).
    pub async fn csrf_on(&self, client: &reqwest::Client) -> String {
        let r = client
            .get(self.at("/masuk"))
            .send()
            .await
            .expect("GET /masuk");
        extract_csrf(&r.text().await.unwrap_or_default()).unwrap_or_default()
    }

    /// POSTs a form with `client`, adding its CSRF token.
    pub async fn post_form_on(
        &self,
        client: &reqwest::Client,
        path: &str,
        fields: &[(&str, &str)],
    ) -> reqwest::Response {
        let csrf = self.csrf_on(client).await;
        let mut all: Vec<(&str, &str)> = fields.to_vec();
        all.push(("csrf", &csrf));
        client
            .post(self.at(path))
            .form(&all)
            .send()
            .await
            .expect("POST")
    }

    /// Signs this app's client in as the staff member `email` (demo password), passing TOTP.
    pub async fn login_staff(&self, email: &str) {
        self.login_staff_on(&self.client, email).await;
    }

    /// Signs this app's client in as the citizen `email` (demo password).
    pub async fn login_citizen(&self, email: &str) {
        self.login_citizen_on(&self.client, email).await;
    }

    /// Signs `client` in as the citizen `email` with the demo password.
    pub async fn login_citizen_on(&self, client: &reqwest::Client, email: &str) {
        let r = self.password_step(client, email, DEMO_PASSWORD).await;
        let to = location(&r);
        assert!(
            !to.starts_with("/masuk"),
            "citizen {email} was sent to {to} after the password"
        );
    }

    /// Signs `client` (another person's browser) in as the staff member `email`.
    pub async fn login_staff_on(&self, client: &reqwest::Client, email: &str) {
        let r = self.password_step(client, email, DEMO_PASSWORD).await;
        let to = location(&r);
        let secret = if to.starts_with("/masuk/totp/daftar") {
            let page = client
                .get(self.at(&to))
                .send()
                .await
                .expect("GET enrolment");
            enrolment_secret(&page.text().await.unwrap_or_default())
                .expect("secret on the enrolment page")
        } else {
            assert!(
                to.starts_with("/masuk/totp"),
                "staff {email} was sent to {to} after the password"
            );
            let user = store::find_by_email(&self.db, email)
                .await
                .expect("db")
                .expect("user");
            store::totp_secret(&self.db, user.id)
                .await
                .expect("db")
                .expect("TOTP secret")
        };
        let code = self.fresh_totp_code(email, &secret).await;
        let path = if to.starts_with("/masuk/totp/daftar") {
            "/masuk/totp/daftar"
        } else {
            "/masuk/totp"
        };
        let r = self.post_form_on(client, path, &[("code", &code)]).await;
        assert_eq!(r.status().as_u16(), 303, "TOTP step for {email} refused");
        let done = location(&r);
        assert!(
            !done.starts_with("/masuk"),
            "staff {email} was sent to {done} after TOTP"
        );
    }

    /// Posts the sign-in form and returns the (303) answer.
    pub async fn password_step(
        &self,
        client: &reqwest::Client,
        email: &str,
        password: &str,
    ) -> reqwest::Response {
        let r = self
            .post_form_on(
                client,
                "/masuk",
                &[("email", email), ("password", password)],
            )
            .await;
        assert_eq!(r.status().as_u16(), 303, "sign-in of {email} refused");
        r
    }

    /// A code for `secret` that the account has not used yet, at the app's current time.
    pub async fn fresh_totp_code(&self, email: &str, secret: &str) -> String {
        let user = store::find_by_email(&self.db, email)
            .await
            .expect("db")
            .expect("user");
        loop {
            let now = balai_core::Clock::now(self.clock.as_ref());
            let current = now.timestamp().div_euclid(30);
            let last = store::last_totp_step(&self.db, user.id)
                .await
                .expect("db")
                .unwrap_or(i64::MIN);
            if let Some(step) = [current, current + 1].into_iter().find(|s| *s > last) {
                let at = DateTime::<Utc>::from_timestamp(step * 30, 0).expect("time");
                return totp_code(secret, at);
            }
            self.clock.advance(Duration::seconds(30));
        }
    }
}
