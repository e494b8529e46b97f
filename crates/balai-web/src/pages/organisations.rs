//! The public list of the organisations taking part in the mall (Mesuji Pasal 9) and each
//! organisation's profile: its agreement, counters, officers' public profiles (Seluma Pasal
//! 46(2)), its service charter (Seluma Pasal 25) and its services.

use askama::Template;
use axum::Router;
use axum::body::Body;
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::http::{HeaderValue, header};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use balai_core::catalog::OrganisationKind;
use balai_core::files::{FileKind, header_file_name};
use balai_core::ids::Code;
use balai_core::text::truncate_chars;
use balai_store::organisations::{self as orgs, OrgFilter, OrganisationRow};
use balai_store::{charters, counters, files, officers};
use chrono::NaiveDate;
use object_store::ObjectStoreExt;

use crate::error::AppError;
use crate::i18n::Lang;
use crate::page::PageCtx;
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/instansi", get(list))
        .route("/instansi/{kode}", get(detail))
        .route("/instansi/{kode}/kesepakatan", get(agreement_file))
}

/// How many characters of the description the list shows.
const SHORT_DESCRIPTION: usize = 180;

/// A date as people read it: "3 Maret 2026" / "3 March 2026" (one formatter for the site).
pub(crate) fn long_date(lang: Lang, d: NaiveDate) -> String {
    crate::pages::content::format::long_date(lang, d)
}

/// The label of an organisation kind in the page's language.
pub(crate) fn kind_label(page: &PageCtx, kind: &str) -> String {
    match OrganisationKind::parse(kind) {
        Ok(k) if page.is_en() => k.label_en().to_string(),
        Ok(k) => k.label_id().to_string(),
        Err(_) => kind.to_string(),
    }
}

/// The agreements membership of the mall rests on (Mesuji Pasal 8(2–3)): a memorandum of
/// understanding followed by a work plan, or a cooperation agreement.
pub(crate) const AGREEMENT_KINDS: &[&str] = &["nota_kesepakatan", "perjanjian_kerja_sama"];

/// The label of an agreement kind; an unknown stored value is shown as stored.
pub(crate) fn agreement_label(page: &PageCtx, kind: &str) -> String {
    if AGREEMENT_KINDS.contains(&kind) {
        page.t(&format!("org-agreement-kind-{}", kind.replace('_', "-")))
    } else {
        kind.to_string()
    }
}

/// Finds an active organisation by the code in a URL; anything malformed or unknown is 404.
pub(crate) async fn public_org(
    st: &AppState,
    raw: Result<Path<String>, PathRejection>,
) -> Result<OrganisationRow, AppError> {
    let Path(raw) = raw.map_err(|_| AppError::NotFound)?;
    let code = Code::parse(&raw).map_err(|_| AppError::NotFound)?;
    match orgs::get_by_code(&st.db, code.as_str()).await? {
        Some(o) if o.active => Ok(o),
        _ => Err(AppError::NotFound),
    }
}

struct OrgCard {
    code: String,
    name: String,
    short: String,
    counters: i64,
}

struct KindGroup {
    label: String,
    items: Vec<OrgCard>,
}

#[derive(Template)]
#[template(path = "organisations/list.html")]
struct ListPage {
    page: PageCtx,
    groups: Vec<KindGroup>,
    total: usize,
}

fn shorten(text: &str) -> String {
    let t = truncate_chars(text.trim(), SHORT_DESCRIPTION);
    if t.len() < text.trim().len() {
        format!("{}…", t.trim_end())
    } else {
        t.to_string()
    }
}

async fn list(page: PageCtx, State(st): State<AppState>) -> Result<impl IntoResponse, AppError> {
    let f = OrgFilter {
        active_only: true,
        ..OrgFilter::default()
    };
    let all = orgs::list(&st.db, &f).await?.items;
    let total = all.len();
    let groups = OrganisationKind::ALL
        .iter()
        .map(|k| KindGroup {
            label: kind_label(&page, k.as_str()),
            items: all
                .iter()
                .filter(|s| s.org.kind == k.as_str())
                .map(|s| OrgCard {
                    code: s.org.code.clone(),
                    name: page.pick(&s.org.name, &s.org.name_en).to_string(),
                    short: shorten(&s.org.description),
                    counters: s.counter_count,
                })
                .collect(),
        })
        .filter(|g| !g.items.is_empty())
        .collect();
    Ok(Html(
        ListPage {
            page,
            groups,
            total,
        }
        .render()?,
    ))
}

struct CounterView {
    code: String,
    name: String,
    building: String,
    floor: String,
    position: String,
    hours: String,
}

struct OfficerView {
    name: String,
    position: String,
    competence: String,
    profile: String,
    counter: String,
}

struct CharterView {
    body: String,
    adopted_on: String,
    signed_by: String,
    signer_position: String,
}

#[derive(Template)]
#[template(path = "organisations/detail.html")]
struct DetailPage {
    page: PageCtx,
    org: OrganisationRow,
    name: String,
    kind: String,
    parent: Option<(String, String)>,
    agreement_date: String,
    workplan_date: String,
    counters: Vec<CounterView>,
    officers: Vec<OfficerView>,
    charter: Option<CharterView>,
    services: Vec<(String, String)>,
    /// The size of the uploaded agreement ("240 KB"), when there is one.
    agreement_file: Option<String>,
}

/// Whether a stored link may be written into `href` (only web addresses, never `javascript:`).
pub(crate) fn is_web_link(s: &str) -> bool {
    let l = s.trim().to_ascii_lowercase();
    l.starts_with("https://") || l.starts_with("http://")
}

impl DetailPage {
    /// The phone number as people dial it (0…), from the stored E.164 form.
    fn phone_display(&self) -> String {
        balai_core::ids::Phone::parse(&self.org.phone)
            .map(|p| p.national())
            .unwrap_or_else(|_| self.org.phone.clone())
    }

    fn agreement_label(&self) -> String {
        if self.org.agreement_kind.is_empty() {
            self.page.t("org-agreement-number")
        } else {
            agreement_label(&self.page, &self.org.agreement_kind)
        }
    }

    fn website_is_link(&self) -> bool {
        is_web_link(&self.org.website)
    }

    fn document_is_link(&self) -> bool {
        self.org
            .agreement_document
            .as_deref()
            .is_some_and(is_web_link)
    }
}

async fn detail(
    page: PageCtx,
    State(st): State<AppState>,
    raw: Result<Path<String>, PathRejection>,
) -> Result<impl IntoResponse, AppError> {
    let org = public_org(&st, raw).await?;
    let parent = match org.parent_id {
        Some(pid) => orgs::get(&st.db, pid)
            .await?
            .filter(|p| p.active)
            .map(|p| (p.code.clone(), page.pick(&p.name, &p.name_en).to_string())),
        None => None,
    };
    let counters = counters::of_organisation(&st.db, org.id, true)
        .await?
        .into_iter()
        .map(|k| CounterView {
            hours: if page.is_en() {
                k.hours().display_en()
            } else {
                k.hours().display_id()
            },
            code: k.code,
            name: k.name,
            building: k.building,
            floor: k.floor,
            position: k.position,
        })
        .collect();
    let officers = officers::of_organisation(&st.db, org.id, true)
        .await?
        .into_iter()
        .map(|o| OfficerView {
            name: o.officer.name,
            position: o.officer.position,
            competence: o.officer.competence,
            profile: o.officer.public_profile,
            counter: o.counter_code.unwrap_or_default(),
        })
        .collect();
    let charter = charters::current(&st.db, org.id)
        .await?
        .map(|c| CharterView {
            body: c.body,
            adopted_on: long_date(page.lang, c.adopted_on),
            signed_by: c.signed_by,
            signer_position: c.signer_position,
        });
    let services = orgs::services_of(&st.db, org.id)
        .await?
        .into_iter()
        .map(|(code, name, name_en)| (code, page.pick(&name, &name_en).to_string()))
        .collect();
    let agreement_file = match org.agreement_file_id {
        Some(id) => files::get(&st.db, id)
            .await?
            .map(|f| file_size(page.lang, f.size_bytes)),
        None => None,
    };
    let t = DetailPage {
        agreement_file,
        name: page.pick(&org.name, &org.name_en).to_string(),
        kind: kind_label(&page, &org.kind),
        agreement_date: org
            .agreement_date
            .map(|d| long_date(page.lang, d))
            .unwrap_or_default(),
        workplan_date: org
            .workplan_date
            .map(|d| long_date(page.lang, d))
            .unwrap_or_default(),
        parent,
        counters,
        officers,
        charter,
        services,
        org,
        page,
    };
    Ok(Html(t.render()?))
}

/// A file size as people read it: "240 KB", "1,5 MB" ("1.5 MB" in English); KB rounded up.
pub(crate) fn file_size(lang: Lang, bytes: i64) -> String {
    const KIB: i64 = 1024;
    if bytes < KIB * KIB {
        return format!("{} KB", (bytes.max(0) + KIB - 1) / KIB);
    }
    let tenths = (bytes * 10 + KIB * KIB / 2) / (KIB * KIB);
    let sep = match lang {
        Lang::Id => ',',
        Lang::En => '.',
    };
    format!("{}{sep}{} MB", tenths / 10, tenths % 10)
}

/// `GET /instansi/{kode}/kesepakatan`: the organisation's signed agreement, streamed from the
/// object store; 404 when it has none. Never kept in the response cache (see `cache.rs`).
async fn agreement_file(
    State(st): State<AppState>,
    raw: Result<Path<String>, PathRejection>,
) -> Result<Response, AppError> {
    let org = public_org(&st, raw).await?;
    let id = org.agreement_file_id.ok_or(AppError::NotFound)?;
    let file = files::get(&st.db, id).await?.ok_or(AppError::NotFound)?;
    let key = object_store::path::Path::from(file.object_key.as_str());
    let got = match st.files.get(&key).await {
        Ok(g) => g,
        Err(e) => {
            tracing::error!(error = %e, key = %file.object_key, "stored file unreadable");
            return Err(match e {
                object_store::Error::NotFound { .. } => AppError::NotFound,
                other => AppError::Internal(other.to_string()),
            });
        }
    };
    let size = got.meta.size;
    // Only the kinds Balai accepts are sent as themselves; anything else as opaque bytes.
    let content_type = FileKind::from_content_type(&file.content_type)
        .map_or("application/octet-stream", |k| k.content_type());
    let fallback = format!("kesepakatan-{}.pdf", org.code);
    let name = match header_file_name(&file.file_name) {
        n if n.trim().is_empty() => fallback,
        n => n,
    };
    let disposition = HeaderValue::from_str(&format!("inline; filename=\"{name}\""))
        .map_err(|e| AppError::Internal(e.to_string()))?;
    let mut res = Body::from_stream(got.into_stream()).into_response();
    let h = res.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    h.insert(header::CONTENT_DISPOSITION, disposition);
    h.insert(header::CONTENT_LENGTH, HeaderValue::from(size));
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    Ok(res)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_read_as_words_in_both_languages() {
        let d = NaiveDate::from_ymd_opt(2026, 3, 3).unwrap_or_default();
        assert_eq!(long_date(Lang::Id, d), "3 Maret 2026");
        assert_eq!(long_date(Lang::En, d), "3 March 2026");
    }

    #[test]
    fn file_sizes_read_in_kilobytes_or_megabytes() {
        assert_eq!(file_size(Lang::Id, 0), "0 KB");
        assert_eq!(file_size(Lang::Id, 1), "1 KB");
        assert_eq!(file_size(Lang::Id, 240 * 1024), "240 KB");
        assert_eq!(file_size(Lang::Id, 240 * 1024 + 1), "241 KB");
        assert_eq!(file_size(Lang::Id, 3 * 512 * 1024), "1,5 MB");
        assert_eq!(file_size(Lang::En, 3 * 512 * 1024), "1.5 MB");
        assert_eq!(file_size(Lang::En, 10 * 1024 * 1024), "10.0 MB");
    }

    #[test]
    fn long_descriptions_are_cut_at_a_character_boundary() {
        let long = "é".repeat(400);
        let s = shorten(&long);
        assert!(s.ends_with('…'));
        assert_eq!(s.chars().count(), SHORT_DESCRIPTION + 1);
        assert_eq!(shorten(" pendek "), "pendek");
    }
}
