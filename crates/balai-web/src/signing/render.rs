//! The PDF/A layout of an issued document: the regional letterhead, title, number, the
//! holder's fields, what is permitted, conditions, validity, paragraphs, the signature block
//! and the QR code that opens the verification page. Documents are in Bahasa Indonesia.

use balai_docs::pdf::{Block, DocumentSpec, Letterhead};
use balai_docs::sign::SignedFields;
use chrono::{DateTime, Duration, NaiveDateTime, Utc};

use super::DocumentContent;
use crate::i18n::Lang;
use crate::pages::content::format::long_date;
use crate::state::AppState;

/// `at` on the office's wall clock (WIB, WITA or WIT from the region setting).
pub(super) fn local(st: &AppState, at: DateTime<Utc>) -> NaiveDateTime {
    let hours = match st.settings.get("utc_offset_hours").trim() {
        "8" => 8,
        "9" => 9,
        _ => 7,
    };
    (at + Duration::hours(hours)).naive_utc()
}

/// Everything but the QR code, which holds the signature and so comes last.
pub(super) struct Spec {
    base: DocumentSpec,
    /// Index in `base.blocks` before which the QR code goes.
    qr_at: usize,
}

impl Spec {
    pub(super) fn new(st: &AppState, c: &DocumentContent, f: &SignedFields) -> Spec {
        let region = st.settings.get("name");
        let letterhead = Letterhead {
            region_name: format!("PEMERINTAH {}", region.to_uppercase()),
            agency_name: c.agency_name.to_uppercase(),
            address: st.settings.get("address"),
            contact: [st.settings.get("phone"), st.settings.get("email")]
                .into_iter()
                .filter(|s| !s.trim().is_empty())
                .collect::<Vec<_>>()
                .join(" · "),
        };
        let mut blocks = vec![
            Block::Title(c.title.to_uppercase()),
            Block::Paragraph(format!("Nomor: {}", f.number)),
            Block::Spacer(4.0),
        ];
        let mut rows = vec![("Nama".to_string(), f.holder.clone())];
        rows.extend(c.fields.iter().cloned());
        blocks.push(Block::Fields(rows));
        if !c.permitted.is_empty() {
            blocks.push(Block::Heading("Diberikan izin untuk".into()));
            blocks.push(Block::Bullets(c.permitted.clone()));
        }
        if !c.conditions.is_empty() {
            blocks.push(Block::Heading("Dengan ketentuan".into()));
            blocks.push(Block::Bullets(c.conditions.clone()));
        }
        if let Some(validity) = validity(c) {
            blocks.push(Block::Paragraph(validity));
        }
        blocks.extend(c.paragraphs.iter().cloned().map(Block::Paragraph));
        blocks.push(Block::Spacer(6.0));
        let signed_on = long_date(Lang::Id, local(st, f.signed_at).date());
        let place = if c.place.trim().is_empty() {
            region.clone()
        } else {
            c.place.clone()
        };
        blocks.push(Block::SignatureBlock {
            place_date: format!("{place}, {signed_on}"),
            position: f.signer_position.clone(),
            name: f.signer_name.clone(),
            id_line: "Ditandatangani secara elektronik".into(),
        });
        let qr_at = blocks.len();
        blocks.push(Block::Small(
            "Dokumen ini ditandatangani secara elektronik (Pasal 14–15 Perda). Keasliannya dapat \
             diperiksa dengan memindai kode QR atau mengunggah berkas PDF di halaman verifikasi."
                .into(),
        ));
        let base = DocumentSpec {
            title: format!("{} {}", c.title, f.number),
            subject: c.title.clone(),
            author: f.signer_name.clone(),
            keywords: vec![f.number.clone()],
            lang: "id".into(),
            created_at: f.signed_at,
            letterhead: Some(letterhead),
            blocks,
            footer: Some(format!("{} · {}", c.title, f.number)),
        };
        Spec { base, qr_at }
    }

    /// The document with `qr_text` as its QR code.
    pub(super) fn with_qr(&self, qr_text: &str) -> DocumentSpec {
        let mut spec = self.base.clone();
        spec.blocks.insert(
            self.qr_at,
            Block::Qr {
                payload: qr_text.to_string(),
                caption: "Pindai untuk memeriksa keaslian dokumen ini.".into(),
            },
        );
        spec
    }
}

fn validity(c: &DocumentContent) -> Option<String> {
    match (c.valid_from, c.valid_until) {
        (Some(from), Some(until)) => Some(format!(
            "Berlaku sejak {} sampai dengan {}.",
            long_date(Lang::Id, from),
            long_date(Lang::Id, until)
        )),
        (Some(from), None) => Some(format!("Berlaku sejak {}.", long_date(Lang::Id, from))),
        (None, Some(until)) => Some(format!(
            "Berlaku sampai dengan {}.",
            long_date(Lang::Id, until)
        )),
        (None, None) => None,
    }
}
