//! `GET /akun/permohonan/{id}/tanda-terima`: the registration receipt (Batang Pasal 8) as
//! PDF/A — number, service, applicant, time received, the tracking PIN and a QR code to
//! `/lacak` with the number filled in.

use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::http::header::{CACHE_CONTROL, CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::response::{IntoResponse, Response};
use balai_core::files::header_file_name;
use balai_docs::pdf::{Block, DocumentSpec, Letterhead, render_pdf};

use super::{PermitService, own_application};
use crate::auth::SignedIn;
use crate::error::AppError;
use crate::page::PageCtx;
use crate::pages::notify::when;
use crate::state::AppState;

pub(super) async fn download(
    page: PageCtx,
    State(st): State<AppState>,
    s: SignedIn,
    raw: Result<Path<String>, PathRejection>,
) -> Result<Response, AppError> {
    let app = own_application(&st, &s, raw).await?;
    let (Some(number), Some(submitted)) = (app.registration_number.clone(), app.submitted_at)
    else {
        return Err(AppError::NotFound);
    };
    let ps = PermitService::of(&st, &app).await?;
    let track = format!(
        "{}/lacak?nomor={}",
        st.config.public_url.trim_end_matches('/'),
        percent_encoding::utf8_percent_encode(&number, percent_encoding::NON_ALPHANUMERIC)
    );
    let channel = balai_core::permits::Channel::parse(&app.channel)
        .map(|c| page.pick(c.label_id(), c.label_en()).to_owned())
        .unwrap_or_default();
    let spec = DocumentSpec {
        title: page.t("permit-receipt-title"),
        subject: format!("{} {number}", page.t("permit-receipt-title")),
        author: st.mall_name(),
        keywords: vec![number.clone()],
        lang: page.lang_code().to_owned(),
        created_at: submitted,
        letterhead: Some(Letterhead {
            region_name: st.mall_name().to_uppercase(),
            agency_name: page
                .pick(&ps.svc.organisation_name, &ps.svc.organisation_name_en)
                .to_uppercase(),
            address: String::new(),
            contact: st.config.public_url.clone(),
        }),
        blocks: vec![
            Block::Title(page.t("permit-receipt-title").to_uppercase()),
            Block::Fields(vec![
                (page.t("permit-number"), number.clone()),
                (page.t("permit-service"), ps.name(&page)),
                (page.t("permit-applicant"), app.applicant_name.clone()),
                (page.t("permit-received"), when(&st, &page, submitted)),
                (page.t("permit-channel"), channel),
                (
                    page.t("permit-pin"),
                    app.tracking_pin.clone().unwrap_or_default(),
                ),
            ]),
            Block::Paragraph(page.t("permit-receipt-body")),
            Block::Qr {
                payload: track.clone(),
                caption: format!("{} {track}", page.t("permit-receipt-qr")),
            },
            Block::Small(page.t("permit-receipt-note")),
        ],
        footer: Some(number.clone()),
    };
    let pdf = tokio::task::spawn_blocking(move || render_pdf(&spec))
        .await
        .map_err(|e| AppError::Internal(e.to_string()))?
        .map_err(|e| AppError::Internal(e.to_string()))?;
    let name = header_file_name(&format!("tanda-terima-{number}.pdf"));
    Ok((
        [
            (CONTENT_TYPE, "application/pdf".to_owned()),
            (
                CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
            (CACHE_CONTROL, "private, no-store".to_owned()),
        ],
        pdf,
    )
        .into_response())
}
