//! The people the matrix asks as: a visitor without a session, every demo account (the citizen
//! and each staff role of `demo/users.json`), and a staff member who gave the password but not
//! yet the TOTP code. Each has a browser (cookie jar) of its own and signs in once.

use balai_core::identity::{Role, role_permissions};
use balai_testkit::{DEMO_PASSWORD, TestApp};

use super::table::{Method, Route, Scope, Who};

/// How far a person got through signing in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    Anonymous,
    /// Staff who gave the password, not the code (their authenticator is enrolled).
    PendingTotp,
    SignedIn,
}

pub struct Person {
    pub label: String,
    /// The account's e-mail ("" for the anonymous visitor).
    pub email: String,
    pub role: Option<Role>,
    /// The code of the person's organisation.
    pub org: Option<String>,
    pub stage: Stage,
    pub client: reqwest::Client,
    /// The CSRF token of this person's browser, sent with every probe.
    pub csrf: String,
}

#[derive(serde::Deserialize)]
struct DemoUser {
    email: String,
    role: String,
    organisation: Option<String>,
}

fn demo_users() -> Vec<DemoUser> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../balai-store/demo/users.json"
    );
    let text = std::fs::read_to_string(path).expect("demo/users.json");
    serde_json::from_str(&text).expect("users.json")
}

/// Signs everyone in on `app`: the anonymous visitor, each demo account, and the first
/// mall-wide staff account a second time, stopping before the TOTP code.
pub async fn everyone(app: &TestApp) -> Vec<Person> {
    let mut people = vec![Person::new(
        "anonymous".into(),
        String::new(),
        None,
        None,
        Stage::Anonymous,
        app,
    )];
    let users = demo_users();
    for u in &users {
        let role = Role::parse(&u.role).expect("demo role");
        let p = Person::new(
            format!("{} ({})", u.role, u.email),
            u.email.clone(),
            Some(role),
            u.organisation.clone(),
            Stage::SignedIn,
            app,
        );
        if role.is_staff() {
            app.login_staff_on(&p.client, &u.email).await;
        } else {
            app.login_citizen_on(&p.client, &u.email).await;
        }
        people.push(p);
    }
    let admin = users
        .iter()
        .find(|u| Role::parse(&u.role).is_ok_and(|r| r.is_staff() && r.is_mall_wide()))
        .expect("a mall-wide staff account in the demo");
    let label = format!("{} before TOTP ({})", admin.role, admin.email);
    let role = Role::parse(&admin.role).ok();
    let pending = Person::new(
        label,
        admin.email.clone(),
        role,
        admin.organisation.clone(),
        Stage::PendingTotp,
        app,
    );
    app.password_step(&pending.client, &admin.email, DEMO_PASSWORD)
        .await;
    people.push(pending);
    for p in &mut people {
        p.csrf = app.csrf_on(&p.client).await;
        assert!(!p.csrf.is_empty(), "no CSRF token for {}", p.label);
    }
    people
}

impl Person {
    /// A person with a browser of their own, not signed in yet.
    fn new(
        label: String,
        email: String,
        role: Option<Role>,
        org: Option<String>,
        stage: Stage,
        app: &TestApp,
    ) -> Person {
        let client = app.new_client();
        Person {
            label,
            email,
            role,
            org,
            stage,
            client,
            csrf: String::new(),
        }
    }

    /// The staff role of a fully signed-in staff member.
    fn staff_role(&self) -> Option<Role> {
        self.role
            .filter(|r| r.is_staff() && self.stage == Stage::SignedIn)
    }

    fn has(&self, p: balai_core::identity::Permission) -> bool {
        self.staff_role()
            .is_some_and(|r| role_permissions(r).contains(&p))
    }

    fn reaches(&self, scope: Scope) -> bool {
        let Some(role) = self.staff_role() else {
            return false;
        };
        match scope {
            Scope::Org(code) => role.is_mall_wide() || self.org.as_deref() == Some(code),
            Scope::MallWide => role.is_mall_wide(),
        }
    }

    /// Whether core's permissions let this (fully signed-in) person use a protected route.
    fn permitted(&self, who: Who) -> bool {
        match who {
            Who::SignedIn => self.stage == Stage::SignedIn,
            Who::Staff => self.staff_role().is_some(),
            Who::Perm(p) => self.has(p),
            Who::AnyOf(ps) => ps.iter().any(|p| self.has(*p)),
            Who::PermIn(p, s) => self.has(p) && self.reaches(s),
            Who::AnyOfIn(ps, s) => ps.iter().any(|p| self.has(*p)) && self.reaches(s),
            _ => true,
        }
    }
}

/// Where a redirect should lead.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Goes {
    /// `/masuk`, with `?lanjut=` after a GET.
    SignIn,
    /// `/masuk/totp…`
    Totp,
    /// `/`
    Home,
    /// Anywhere but the sign-in pages (the landing page of someone already signed in).
    Elsewhere,
}

/// The answer a person must get.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expect {
    Status(u16),
    Redirect(Goes),
    /// A POST the person may make: not sent, so the matrix changes nothing.
    NotProbed,
}

/// What `p` must get from `route`, from the table's `who` and core's role permissions.
pub fn expect(route: &Route, p: &Person) -> Expect {
    let get = route.method == Method::Get;
    let ok = if get {
        Expect::Status(200)
    } else {
        Expect::NotProbed
    };
    match (route.who, p.stage) {
        (Who::Public, _) => Expect::Status(if get { 200 } else { 422 }),
        (Who::Token, _) => Expect::Status(401),
        (Who::SignOut, Stage::Anonymous) => Expect::Redirect(Goes::Home),
        (Who::SignOut, _) => Expect::NotProbed,
        (Who::TotpCode | Who::TotpEnrol, Stage::Anonymous) => Expect::Redirect(Goes::SignIn),
        (Who::TotpCode | Who::TotpEnrol, Stage::SignedIn) => Expect::Redirect(Goes::Elsewhere),
        (Who::TotpCode, Stage::PendingTotp) => ok,
        (Who::TotpEnrol, Stage::PendingTotp) => Expect::Redirect(Goes::Totp),
        (_, Stage::Anonymous) => Expect::Redirect(Goes::SignIn),
        (_, Stage::PendingTotp) => Expect::Redirect(Goes::Totp),
        (Who::Recipient(email), Stage::SignedIn) if p.email == email => ok,
        (Who::Recipient(_), Stage::SignedIn) => Expect::Status(404),
        (who, Stage::SignedIn) if p.permitted(who) => ok,
        (_, Stage::SignedIn) => Expect::Status(403),
    }
}

/// Compares an answer with the expectation; `Err` says how it differs.
pub fn check(expect: Expect, status: u16, location: &str) -> Result<(), String> {
    let fits = match expect {
        Expect::Status(s) => status == s,
        Expect::Redirect(goes) => {
            status == 303
                && match goes {
                    Goes::SignIn => location == "/masuk" || location.starts_with("/masuk?"),
                    Goes::Totp => location.starts_with("/masuk/totp"),
                    Goes::Home => location == "/",
                    Goes::Elsewhere => !location.is_empty() && !location.starts_with("/masuk"),
                }
        }
        Expect::NotProbed => true,
    };
    if fits {
        Ok(())
    } else if location.is_empty() {
        Err(format!("got {status}, expected {expect:?}"))
    } else {
        Err(format!("got {status} to {location}, expected {expect:?}"))
    }
}
