//! Helpers shared by the services tests: the demo accounts, message lookup, HTML escaping,
//! API calls, form posts and the audit check limited to this area.

use balai_store::audit::Problem;
use balai_testkit::TestApp;
use balai_web::i18n::{I18n, Lang};
use serde_json::Value;

pub(crate) const ADMIN: &str = "admin@mesujikab.go.id";
pub(crate) const PEJABAT_DPMPTSP: &str = "ahmad.syarifudin@mesujikab.go.id";

/// The fifteen components' headings (a–o; g has its vulnerable-groups part beside it).
pub(crate) const COMPONENT_KEYS: [&str; 15] = [
    "std-legal-basis",
    "std-requirements",
    "std-procedure",
    "std-completion-time",
    "std-fees",
    "std-product",
    "std-facilities",
    "std-officer-competence",
    "std-internal-supervision",
    "std-complaint-handling",
    "std-officer-count",
    "std-service-guarantee",
    "std-security-guarantee",
    "std-compensation",
    "std-performance-evaluation",
];

pub(crate) fn t(lang: Lang, key: &str) -> String {
    I18n::global().t(lang, key)
}

/// Text as askama writes it into HTML.
pub(crate) fn html(s: &str) -> String {
    s.replace('&', "&#38;")
        .replace('<', "&#60;")
        .replace('>', "&#62;")
        .replace('"', "&#34;")
        .replace('\'', "&#39;")
}

pub(crate) fn contains_text(body: &str, s: &str) -> bool {
    body.contains(s) || body.contains(&html(s)) || body.contains(&html(s).replace('/', "&#x2f;"))
}

pub(crate) async fn api(app: &TestApp, path: &str) -> (u16, String, Value) {
    let r = app.get(path).await;
    let status = r.status().as_u16();
    let ct = r
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    (status, ct, r.json().await.unwrap_or_default())
}

pub(crate) fn codes(v: &Value) -> Vec<String> {
    v["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["code"].as_str().unwrap().to_string())
        .collect()
}

pub(crate) fn location(r: &reqwest::Response) -> String {
    r.headers()
        .get("location")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string()
}

/// Only problems of the chain itself or of this area's records (other areas test theirs).
pub(crate) async fn area_problems(app: &TestApp) -> Vec<Problem> {
    let mine = [
        "service",
        "standard_version",
        "consultation_comment",
        "consultation_forum",
    ];
    balai_store::snapshots::verify(&app.db)
        .await
        .unwrap()
        .problems
        .into_iter()
        .filter(|p| match p {
            Problem::RecordAltered { subject_type, .. }
            | Problem::RecordRemoved { subject_type, .. }
            | Problem::RecordInserted { subject_type, .. } => mine.contains(&subject_type.as_str()),
            _ => true,
        })
        .collect()
}

pub(crate) async fn post_on(
    app: &TestApp,
    client: &reqwest::Client,
    path: &str,
    fields: &[(String, String)],
) -> reqwest::Response {
    let refs: Vec<(&str, &str)> = fields
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    app.post_form_on(client, path, &refs).await
}

pub(crate) fn owned(v: &[(&str, &str)]) -> Vec<(String, String)> {
    v.iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}
