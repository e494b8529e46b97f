//! The receipt of a complaint (Seluma Pasal 53), rendered as PDF on demand — never inside the
//! filing transaction: the complainant's identity or "dirahasiakan", what was complained of,
//! where and when it was received, and the receiving officer or "sistem".

use axum::extract::State;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use balai_core::complaints::{Channel, Privacy};
use balai_docs::pdf::{Block, DocumentSpec, Letterhead, render_pdf};
use balai_store::complaints::ComplaintRow;
use chrono::FixedOffset;

use super::status::{Lookup, find};
use crate::auth::RequestCtx;
use crate::error::AppError;
use crate::forms::PageForm;
use crate::state::AppState;

pub(super) async fn download(
    ctx: RequestCtx,
    State(st): State<AppState>,
    PageForm(f): PageForm<Lookup>,
) -> Result<Response, AppError> {
    let c = find(&st, &ctx, &f.number, &f.code)
        .await?
        .ok_or(AppError::NotFound)?;
    let spec = receipt_spec(&st, &c);
    let pdf = tokio::task::spawn_blocking(move || render_pdf(&spec))
        .await
        .map_err(|e| AppError::Internal(e.to_string()))?
        .map_err(|e| AppError::Internal(e.to_string()))?;
    let name = format!("attachment; filename=\"tanda-terima-{}.pdf\"", c.number);
    let mut res = pdf.into_response();
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/pdf"),
    );
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    if let Ok(v) = HeaderValue::from_str(&name) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    Ok(res)
}

/// The receipt's content, in Indonesian (the language of the region's documents).
pub(crate) fn receipt_spec(st: &AppState, c: &ComplaintRow) -> DocumentSpec {
    let s = &st.settings;
    let anonymous = Privacy::parse(&c.privacy).is_ok_and(|p| p.is_anonymous());
    let hidden = || "dirahasiakan".to_owned();
    let identity = if anonymous || c.complainant_name.is_empty() {
        vec![
            ("Nama".to_owned(), hidden()),
            ("Alamat".to_owned(), hidden()),
        ]
    } else {
        vec![
            ("Nama".to_owned(), c.complainant_name.clone()),
            ("Alamat".to_owned(), or_dash(&c.complainant_address)),
        ]
    };
    let offset: i32 = s.get("utc_offset_hours").parse().unwrap_or(7);
    let local = FixedOffset::east_opt(offset * 3600)
        .map(|tz| {
            c.received_at
                .with_timezone(&tz)
                .format("%d-%m-%Y %H:%M")
                .to_string()
        })
        .unwrap_or_default();
    let zone = match offset {
        8 => "WITA",
        9 => "WIT",
        _ => "WIB",
    };
    let channel = Channel::parse(&c.channel)
        .map(|ch| ch.label_id())
        .unwrap_or("");
    let mut fields = vec![("Nomor pengaduan".to_owned(), c.number.clone())];
    fields.extend(identity);
    fields.extend([
        ("Hal yang diadukan".to_owned(), c.subject.clone()),
        ("Uraian".to_owned(), c.description.clone()),
        ("Kerugian".to_owned(), or_dash(&c.loss)),
        ("Penyelesaian yang diminta".to_owned(), c.resolution.clone()),
        (
            "Tempat diterima".to_owned(),
            format!("{} ({channel})", st.mall_name()),
        ),
        ("Waktu diterima".to_owned(), format!("{local} {zone}")),
        ("Petugas penerima".to_owned(), c.received_by_name.clone()),
    ]);
    DocumentSpec {
        title: format!("Tanda Terima Pengaduan {}", c.number),
        subject: "Tanda terima pengaduan".into(),
        author: st.mall_name(),
        keywords: vec!["pengaduan".into(), c.number.clone()],
        lang: "id".into(),
        created_at: c.received_at,
        letterhead: Some(Letterhead {
            region_name: format!("PEMERINTAH {}", s.get("name").to_uppercase()),
            agency_name: st.mall_name().to_uppercase(),
            address: s.get("address"),
            contact: format!("{} · {}", s.get("phone"), s.get("email")),
        }),
        blocks: vec![
            Block::Title("TANDA TERIMA PENGADUAN".into()),
            Block::Fields(fields),
            Block::Small(
                "Simpan nomor pengaduan dan kode pelacakan Anda. Kode pelacakan tidak dicetak \
                 pada tanda terima ini demi kerahasiaan; gunakan keduanya di halaman \
                 /pengaduan/status. Dasar: Perda Seluma Pasal 53; tenggat tanggapan 14 hari \
                 (Luwu Pasal 43(3))."
                    .into(),
            ),
        ],
        footer: Some(format!("Tanda terima pengaduan {}", c.number)),
    }
}

fn or_dash(s: &str) -> String {
    if s.trim().is_empty() {
        "-".to_owned()
    } else {
        s.to_owned()
    }
}
