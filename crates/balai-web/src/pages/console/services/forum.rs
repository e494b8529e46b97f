//! Recording the public consultation forum of a draft (PermenPANRB 16/2017): when and where it
//! was held, participants by group, the agreed record, and follow-up items with owner and due
//! date. Adoption of the draft requires this record.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use balai_core::FieldErrors;
use balai_core::catalog::ParticipantGroup;
use balai_core::identity::Permission;
use balai_store::consultation::{
    self, ConsultationError, FollowUp, ForumInput, ForumRow, ParticipantCount,
};
use chrono::NaiveDate;

use super::rows::{Cell, EXTRA_ROWS, Pairs};
use super::{audit_ctx, load_service, load_version};
use crate::auth::Staff;
use crate::error::AppError;
use crate::forms::PageForm;
use crate::i18n::Lang;
use crate::page::PageCtx;
use crate::state::AppState;

/// The forum form as typed.
#[derive(Debug, Clone, Default)]
struct ForumForm {
    held_on: String,
    place: String,
    counts: Vec<(ParticipantGroup, String)>,
    agreed_record: String,
    follow_ups: Vec<(String, String, String)>,
    extra: usize,
}

impl ForumForm {
    fn empty() -> ForumForm {
        ForumForm {
            counts: ParticipantGroup::ALL
                .iter()
                .map(|g| (*g, "0".into()))
                .collect(),
            extra: EXTRA_ROWS,
            ..ForumForm::default()
        }
    }

    fn from_row(f: &ForumRow) -> Result<ForumForm, AppError> {
        let participants = f.participant_list()?;
        Ok(ForumForm {
            held_on: f.held_on.to_string(),
            place: f.place.clone(),
            counts: ParticipantGroup::ALL
                .iter()
                .map(|g| {
                    let n = participants
                        .iter()
                        .find(|p| p.group == *g)
                        .map(|p| p.count)
                        .unwrap_or(0);
                    (*g, n.to_string())
                })
                .collect(),
            agreed_record: f.agreed_record.clone(),
            follow_ups: f
                .follow_up_list()?
                .into_iter()
                .map(|x| (x.item, x.owner, x.due.to_string()))
                .collect(),
            extra: EXTRA_ROWS,
        })
    }

    fn from_pairs(p: &Pairs) -> ForumForm {
        let follow_ups = p
            .rows("fu")
            .into_iter()
            .map(|i| {
                let g = |f: &str| p.get(&format!("fu-{i}-{f}")).to_string();
                (g("item"), g("owner"), g("due"))
            })
            .filter(|(a, b, c)| {
                !(a.trim().is_empty() && b.trim().is_empty() && c.trim().is_empty())
            })
            .collect();
        ForumForm {
            held_on: p.get("held_on").to_string(),
            place: p.get("place").to_string(),
            counts: ParticipantGroup::ALL
                .iter()
                .map(|g| (*g, p.get(&format!("count-{}", g.as_str())).to_string()))
                .collect(),
            agreed_record: p.get("agreed_record").to_string(),
            follow_ups,
            extra: p.extra_rows(),
        }
    }

    /// Parses the form; field names are the form's own (`held_on`, `count-media`, `fu-0-due`).
    fn parse(&self) -> Result<ForumInput, FieldErrors> {
        let mut errs = FieldErrors::new();
        let date = |raw: &str, field: &str, errs: &mut FieldErrors| -> Option<NaiveDate> {
            let parsed = NaiveDate::parse_from_str(raw.trim(), "%Y-%m-%d").ok();
            if parsed.is_none() {
                errs.add(
                    field,
                    if raw.trim().is_empty() {
                        "err-required"
                    } else {
                        "err-invalid-date"
                    },
                );
            }
            parsed
        };
        let held_on = date(&self.held_on, "held_on", &mut errs);
        let mut participants = Vec::new();
        for (g, raw) in &self.counts {
            match raw.trim() {
                "" => {}
                n => match n.parse::<u32>() {
                    Ok(count) => participants.push(ParticipantCount { group: *g, count }),
                    Err(_) => errs.add(&format!("count-{}", g.as_str()), "err-invalid-number"),
                },
            }
        }
        let mut follow_ups = Vec::new();
        for (i, (item, owner, due)) in self.follow_ups.iter().enumerate() {
            if let Some(due) = date(due, &format!("fu-{i}-due"), &mut errs) {
                follow_ups.push(FollowUp {
                    item: item.trim().into(),
                    owner: owner.trim().into(),
                    due,
                });
            }
        }
        let input = ForumInput {
            held_on: held_on.unwrap_or_default(),
            place: self.place.trim().into(),
            participants,
            agreed_record: self.agreed_record.trim().into(),
            follow_ups,
        };
        if let Err(more) = input.validate() {
            for (f, k) in more.0 {
                errs.add(&forum_field(&f, &input), &k);
            }
        }
        errs.into_result().map(|()| input)
    }
}

/// The form's name for a field of [`ForumInput::validate`].
fn forum_field(core: &str, input: &ForumInput) -> String {
    if core == "participants" {
        return "count-pengguna_layanan".into();
    }
    if let Some(rest) = core.strip_prefix("participants[") {
        let i: usize = rest.trim_end_matches(']').parse().unwrap_or(0);
        let group = input
            .participants
            .get(i)
            .map(|p| p.group.as_str())
            .unwrap_or("pengguna_layanan");
        return format!("count-{group}");
    }
    if let Some(rest) = core.strip_prefix("follow_ups[") {
        if let Some((i, sub)) = rest.split_once("].") {
            return format!("fu-{i}-{sub}");
        }
        return "fu-0-item".into();
    }
    if core == "follow_ups" {
        return "fu-0-item".into();
    }
    core.to_string()
}

#[derive(Template)]
#[template(path = "console/services/forum.html")]
struct ForumPage {
    page: PageCtx,
    code: String,
    name: String,
    no: i32,
    form: ForumForm,
    counts: Vec<(Cell, String)>,
    follow_ups: Vec<(usize, Cell, Cell, Cell)>,
    errors: FieldErrors,
}

impl ForumPage {
    fn new(
        page: PageCtx,
        code: &str,
        name: &str,
        no: i32,
        form: ForumForm,
        errors: FieldErrors,
    ) -> ForumPage {
        let e = |f: &str| errors.get(f).map(|k| page.t(k)).unwrap_or_default();
        let en = page.lang == Lang::En;
        let counts = form
            .counts
            .iter()
            .map(|(g, v)| {
                let name = format!("count-{}", g.as_str());
                let err = e(&name);
                (
                    Cell::new(name, v, err),
                    if en { g.label_en() } else { g.label_id() }.to_string(),
                )
            })
            .collect();
        let follow_ups = (0..form.follow_ups.len() + form.extra)
            .map(|i| {
                let (a, b, c) = form.follow_ups.get(i).cloned().unwrap_or_default();
                let cell = |f: &str, v: &str| {
                    Cell::new(format!("fu-{i}-{f}"), v, e(&format!("fu-{i}-{f}")))
                };
                (i, cell("item", &a), cell("owner", &b), cell("due", &c))
            })
            .collect();
        ForumPage {
            code: code.into(),
            name: name.into(),
            no,
            form,
            counts,
            follow_ups,
            errors,
            page,
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
}

pub(super) async fn form(
    page: PageCtx,
    Staff(s): Staff,
    State(st): State<AppState>,
    Path((code, no)): Path<(String, String)>,
) -> Result<Response, AppError> {
    let svc = load_service(&st, &s, &code).await?;
    s.actor
        .require_org(Permission::StandardDraft, svc.organisation_id)?;
    let v = load_version(&st, &svc, &no).await?;
    let form = match consultation::forum_for_version(&st.db, v.id).await? {
        Some(f) => ForumForm::from_row(&f)?,
        None => ForumForm::empty(),
    };
    let name = page.pick(&svc.name, &svc.name_en).to_string();
    let view = ForumPage::new(
        page,
        &svc.code,
        &name,
        v.version_no,
        form,
        FieldErrors::new(),
    );
    Ok(Html(view.render()?).into_response())
}

pub(super) async fn save(
    page: PageCtx,
    Staff(s): Staff,
    State(st): State<AppState>,
    Path((code, no)): Path<(String, String)>,
    PageForm(p): PageForm<Pairs>,
) -> Result<Response, AppError> {
    let svc = load_service(&st, &s, &code).await?;
    s.actor
        .require_org(Permission::StandardDraft, svc.organisation_id)?;
    let v = load_version(&st, &svc, &no).await?;
    let form = ForumForm::from_pairs(&p);
    let name = page.pick(&svc.name, &svc.name_en).to_string();
    let again = |page, form, errs, status| -> Result<Response, AppError> {
        let view = ForumPage::new(page, &svc.code, &name, v.version_no, form, errs);
        Ok((status, Html(view.render()?)).into_response())
    };
    if p.get("action") == "add_rows" {
        return again(page, form, FieldErrors::new(), StatusCode::OK);
    }
    let input = match form.parse() {
        Ok(i) => i,
        Err(errs) => return again(page, form, errs, StatusCode::UNPROCESSABLE_ENTITY),
    };
    let ctx = audit_ctx(&s, &st);
    let mut tx = st.db.begin().await?;
    match consultation::record_forum(&mut tx, &ctx, v.id, &input).await {
        Ok(_) => tx.commit().await?,
        Err(ConsultationError::Store(e)) => return Err(e.into()),
        Err(ConsultationError::Invalid(errs)) => {
            return again(page, form, errs, StatusCode::UNPROCESSABLE_ENTITY);
        }
        Err(other) => return Err(AppError::Conflict(other.to_string())),
    }
    Ok(Redirect::to(&format!(
        "/konsol/layanan/{}/versi/{}#forum",
        svc.code, v.version_no
    ))
    .into_response())
}
