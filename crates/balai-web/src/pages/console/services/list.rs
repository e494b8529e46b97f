//! The console's service list and the form that creates or edits a service.

use std::collections::HashMap;

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use balai_core::FieldErrors;
use balai_core::catalog::{ServiceCategory, ServiceKind, ServiceMode};
use balai_core::identity::Permission;
use balai_core::ids::Code;
use balai_core::text::check_len;
use balai_store::StoreError;
use balai_store::services::{self, OrgChoice, ServiceFilter, ServiceInput, ServiceRow};
use uuid::Uuid;

use super::rows::Pairs;
use super::view::{Choice, completion_label};
use super::{audit_ctx, load_service, org_scope, require_console};
use crate::auth::{SignedIn, Staff};
use crate::error::AppError;
use crate::forms::PageForm;
use crate::i18n::Lang;
use crate::page::PageCtx;
use crate::state::AppState;

pub(super) struct Row {
    code: String,
    name: String,
    organisation: String,
    version: String,
    completion: String,
    active: bool,
}

#[derive(Template)]
#[template(path = "console/services/list.html")]
struct ListPage {
    page: PageCtx,
    q: String,
    rows: Vec<Row>,
    total: i64,
    can_create: bool,
    prev_url: Option<String>,
    next_url: Option<String>,
}

pub(super) async fn index(
    page: PageCtx,
    Staff(s): Staff,
    State(st): State<AppState>,
    Query(q): Query<HashMap<String, String>>,
) -> Result<Response, AppError> {
    require_console(&s)?;
    let text = q
        .get("q")
        .map(|v| balai_core::text::truncate_chars(v.trim(), 200).to_string())
        .unwrap_or_default();
    let page_no = q
        .get("halaman")
        .and_then(|v| v.parse::<u32>().ok())
        .filter(|p| (1..=10_000).contains(p))
        .unwrap_or(1);
    let f = ServiceFilter {
        q: (!text.is_empty()).then(|| text.clone()),
        organisation_id: org_scope(&s.actor),
        page: page_no,
        per_page: 50,
        ..ServiceFilter::default()
    };
    let result = services::list(&st.db, &f).await?;
    let url = |n: u32| {
        format!(
            "/konsol/layanan?q={}&halaman={n}",
            crate::error::urlencode(&text)
        )
    };
    let pages = result.pages();
    let view = ListPage {
        rows: result
            .items
            .iter()
            .map(|r| Row {
                code: r.code.clone(),
                name: page.pick(&r.name, &r.name_en).to_string(),
                organisation: page
                    .pick(&r.organisation_name, &r.organisation_name_en)
                    .to_string(),
                version: r.version_no.map(|v| v.to_string()).unwrap_or_default(),
                completion: match (r.completion_value, &r.completion_unit) {
                    (Some(v), Some(u)) => completion_label(page.lang, v, u),
                    _ => String::new(),
                },
                active: r.active,
            })
            .collect(),
        total: result.total,
        can_create: s.actor.has(Permission::CatalogManage),
        prev_url: (result.page > 1).then(|| url(result.page - 1)),
        next_url: (result.page < pages).then(|| url(result.page + 1)),
        q: text,
        page,
    };
    Ok(Html(view.render()?).into_response())
}

/// The service form's values as typed.
#[derive(Debug, Clone, Default)]
pub(super) struct ServiceForm {
    code: String,
    organisation: String,
    name: String,
    name_en: String,
    kind: String,
    category: String,
    modes: Vec<String>,
    keywords: String,
    ticket_prefix: String,
    active: bool,
    version: String,
}

impl ServiceForm {
    fn from_row(r: &ServiceRow) -> ServiceForm {
        ServiceForm {
            code: r.code.clone(),
            organisation: r.organisation_id.to_string(),
            name: r.name.clone(),
            name_en: r.name_en.clone(),
            kind: r.kind.clone(),
            category: r.category.clone(),
            modes: r
                .mode_list()
                .iter()
                .map(|m| m.as_str().to_string())
                .collect(),
            keywords: r.keywords.clone(),
            ticket_prefix: r.ticket_prefix.clone(),
            active: r.active,
            version: r.version.to_string(),
        }
    }

    fn from_pairs(p: &Pairs) -> ServiceForm {
        ServiceForm {
            code: p.get("code").to_string(),
            organisation: p.get("organisation").to_string(),
            name: p.get("name").to_string(),
            name_en: p.get("name_en").to_string(),
            kind: p.get("kind").to_string(),
            category: p.get("category").to_string(),
            modes: p.all("modes").into_iter().map(str::to_string).collect(),
            keywords: p.get("keywords").to_string(),
            ticket_prefix: p.get("ticket_prefix").to_string(),
            active: p.checked("active"),
            version: p.get("version").to_string(),
        }
    }

    /// Parses the form into a [`ServiceInput`], reporting every problem by field.
    fn parse(&self, orgs: &[OrgChoice], s: &SignedIn) -> Result<ServiceInput, FieldErrors> {
        let mut errs = FieldErrors::new();
        let code = errs.take("code", Code::parse(&self.code));
        let org = Uuid::parse_str(self.organisation.trim())
            .ok()
            .filter(|id| orgs.iter().any(|o| o.id == *id) && s.actor.can_touch_org(*id));
        if org.is_none() {
            errs.add("organisation", "err-invalid-choice");
        }
        check_len("name", &self.name, 1, 200, &mut errs);
        check_len("name_en", &self.name_en, 0, 200, &mut errs);
        let kind = errs.take("kind", ServiceKind::parse(&self.kind));
        let category = errs.take("category", ServiceCategory::parse(&self.category));
        let modes: Vec<ServiceMode> = ServiceMode::ALL
            .iter()
            .copied()
            .filter(|m| self.modes.iter().any(|v| v == m.as_str()))
            .collect();
        if modes.is_empty() {
            errs.add("modes", "err-modes-empty");
        }
        check_len("keywords", &self.keywords, 0, 500, &mut errs);
        let prefix = self.ticket_prefix.trim();
        if prefix.is_empty() || prefix.len() > 3 || !prefix.chars().all(|c| c.is_ascii_uppercase())
        {
            errs.add("ticket_prefix", "err-ticket-prefix");
        }
        match (code, org, kind, category) {
            (Some(code), Some(organisation_id), Some(kind), Some(category)) if errs.is_empty() => {
                Ok(ServiceInput {
                    organisation_id,
                    code,
                    name: self.name.trim().to_string(),
                    name_en: self.name_en.trim().to_string(),
                    kind,
                    category,
                    modes,
                    keywords: self.keywords.trim().to_string(),
                    ticket_prefix: prefix.to_string(),
                    active: self.active,
                })
            }
            _ => Err(errs),
        }
    }
}

#[derive(Template)]
#[template(path = "console/services/service_form.html")]
struct FormPage {
    page: PageCtx,
    editing: Option<String>,
    form: ServiceForm,
    errors: FieldErrors,
    message: String,
    orgs: Vec<Choice>,
    kinds: Vec<Choice>,
    categories: Vec<Choice>,
    modes: Vec<Choice>,
}

impl FormPage {
    fn new(
        page: PageCtx,
        editing: Option<String>,
        form: ServiceForm,
        orgs: &[OrgChoice],
        s: &SignedIn,
    ) -> FormPage {
        let en = page.lang == Lang::En;
        let choice = |value: &str, label: &str, selected: bool| Choice {
            value: value.into(),
            label: label.into(),
            selected,
        };
        FormPage {
            orgs: orgs
                .iter()
                .filter(|o| s.actor.can_touch_org(o.id))
                .map(|o| {
                    choice(
                        &o.id.to_string(),
                        page.pick(&o.name, &o.name_en),
                        o.id.to_string() == form.organisation,
                    )
                })
                .collect(),
            kinds: ServiceKind::ALL
                .iter()
                .map(|k| {
                    choice(
                        k.as_str(),
                        if en { k.label_en() } else { k.label_id() },
                        form.kind == k.as_str(),
                    )
                })
                .collect(),
            categories: ServiceCategory::ALL
                .iter()
                .map(|c| {
                    choice(
                        c.as_str(),
                        if en { c.label_en() } else { c.label_id() },
                        form.category == c.as_str(),
                    )
                })
                .collect(),
            modes: ServiceMode::ALL
                .iter()
                .map(|m| {
                    choice(
                        m.as_str(),
                        if en { m.label_en() } else { m.label_id() },
                        form.modes.iter().any(|v| v == m.as_str()),
                    )
                })
                .collect(),
            page,
            editing,
            form,
            errors: FieldErrors::new(),
            message: String::new(),
        }
    }

    fn err(&self, field: &str) -> String {
        self.errors
            .get(field)
            .map(|k| self.page.t(k))
            .unwrap_or_default()
    }

    fn summary(&self) -> Vec<(String, String)> {
        self.errors
            .0
            .iter()
            .map(|(f, k)| (f.clone(), self.page.t(k)))
            .collect()
    }

    fn respond(self, status: StatusCode) -> Result<Response, AppError> {
        Ok((status, Html(self.render()?)).into_response())
    }
}

pub(super) async fn new_form(
    page: PageCtx,
    Staff(s): Staff,
    State(st): State<AppState>,
) -> Result<Response, AppError> {
    s.require(Permission::CatalogManage)?;
    let orgs = services::organisation_choices(&st.db).await?;
    let form = ServiceForm {
        active: true,
        ..ServiceForm::default()
    };
    FormPage::new(page, None, form, &orgs, &s).respond(StatusCode::OK)
}

pub(super) async fn create(
    page: PageCtx,
    Staff(s): Staff,
    State(st): State<AppState>,
    PageForm(p): PageForm<Pairs>,
) -> Result<Response, AppError> {
    s.require(Permission::CatalogManage)?;
    let orgs = services::organisation_choices(&st.db).await?;
    let mut form = ServiceForm::from_pairs(&p);
    form.active = true;
    let input = match form.parse(&orgs, &s) {
        Ok(i) => i,
        Err(errors) => {
            let mut view = FormPage::new(page, None, form, &orgs, &s);
            view.errors = errors;
            return view.respond(StatusCode::UNPROCESSABLE_ENTITY);
        }
    };
    let ctx = audit_ctx(&s, &st);
    let mut tx = st.db.begin().await?;
    match services::create(&mut tx, &ctx, &input).await {
        Ok(row) => {
            tx.commit().await?;
            Ok(Redirect::to(&format!("/konsol/layanan/{}", row.code)).into_response())
        }
        Err(StoreError::Duplicate(_)) => {
            let mut view = FormPage::new(page, None, form, &orgs, &s);
            view.errors.add("code", "err-service-code-taken");
            view.respond(StatusCode::UNPROCESSABLE_ENTITY)
        }
        Err(e) => Err(e.into()),
    }
}

pub(super) async fn edit_form(
    page: PageCtx,
    Staff(s): Staff,
    State(st): State<AppState>,
    Path(code): Path<String>,
) -> Result<Response, AppError> {
    let svc = load_service(&st, &s, &code).await?;
    s.actor
        .require_org(Permission::CatalogManage, svc.organisation_id)?;
    let orgs = services::organisation_choices(&st.db).await?;
    FormPage::new(
        page,
        Some(svc.code.clone()),
        ServiceForm::from_row(&svc),
        &orgs,
        &s,
    )
    .respond(StatusCode::OK)
}

pub(super) async fn update(
    page: PageCtx,
    Staff(s): Staff,
    State(st): State<AppState>,
    Path(code): Path<String>,
    PageForm(p): PageForm<Pairs>,
) -> Result<Response, AppError> {
    let svc = load_service(&st, &s, &code).await?;
    s.actor
        .require_org(Permission::CatalogManage, svc.organisation_id)?;
    let orgs = services::organisation_choices(&st.db).await?;
    let mut form = ServiceForm::from_pairs(&p);
    form.code = svc.code.clone();
    let editing = Some(svc.code.clone());
    let input = match form.parse(&orgs, &s) {
        Ok(i) => i,
        Err(errors) => {
            let mut view = FormPage::new(page, editing, form, &orgs, &s);
            view.errors = errors;
            return view.respond(StatusCode::UNPROCESSABLE_ENTITY);
        }
    };
    let expected: i32 = form.version.trim().parse().unwrap_or(-1);
    let ctx = audit_ctx(&s, &st);
    let mut tx = st.db.begin().await?;
    match services::update(&mut tx, &ctx, svc.id, expected, &input).await {
        Ok(row) => {
            tx.commit().await?;
            Ok(Redirect::to(&format!("/konsol/layanan/{}", row.code)).into_response())
        }
        Err(StoreError::Conflict(_)) => {
            let mut view = FormPage::new(page, editing, form, &orgs, &s);
            view.message = view.page.t("svc-conflict");
            view.respond(StatusCode::CONFLICT)
        }
        Err(e) => Err(e.into()),
    }
}
