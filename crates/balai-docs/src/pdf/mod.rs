//! PDF/A-2b documents from a small document model (licences, letters, receipts, inspection
//! reports): A4 portrait, 20 mm margins, Noto Sans embedded and subset, wrapped lines and page
//! breaks, an optional letterhead, and a footer with "Halaman n dari m" on every page.
//!
//! Output is deterministic: the same [`DocumentSpec`] gives the same bytes. No clock is read
//! (the creation date is `created_at`) and krilla derives the file identifier from the content.
//!
//! Every string renders: characters the font lacks print as a replacement mark, very long words
//! are cut, and over-long metadata is shortened. What can fail is an undecodable image, a QR
//! payload too large for a QR code, or a runaway document of more than 500 pages.

mod blocks;
mod draw;
pub mod increment;
mod layout;
mod text;

use chrono::{DateTime, Utc};

use crate::DocsError;
use layout::Flow;

/// The regional letterhead (kop surat) printed at the top of the first page.
#[derive(Debug, Clone, PartialEq)]
pub struct Letterhead {
    /// e.g. "PEMERINTAH KABUPATEN BATANG"
    pub region_name: String,
    /// e.g. "DINAS PENANAMAN MODAL DAN PELAYANAN TERPADU SATU PINTU"
    pub agency_name: String,
    pub address: String,
    /// Telephone, e-mail, web site.
    pub contact: String,
}

/// A piece of content, laid out top to bottom.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// Centred bold title (e.g. "SURAT IZIN USAHA").
    Title(String),
    Heading(String),
    Paragraph(String),
    /// Small grey print (notes, legal basis).
    Small(String),
    /// `label : value` rows; both columns wrap.
    Fields(Vec<(String, String)>),
    Bullets(Vec<String>),
    /// A ruled table; `widths` are fractions of the content width, one per column (otherwise
    /// the columns are equal). Rows split across pages and the header repeats.
    Table {
        header: Vec<String>,
        rows: Vec<Vec<String>>,
        widths: Vec<f32>,
    },
    /// Vertical space in millimetres (clamped to 0–300).
    Spacer(f32),
    /// The signatory's block, right half of the page: place and date, position, room for the
    /// signature, name (bold, underlined), identity line (e.g. "NIP. 19700101 199003 1 001").
    SignatureBlock {
        place_date: String,
        position: String,
        name: String,
        id_line: String,
    },
    /// A QR code drawn as vector squares (35 mm, error correction M, quiet zone), with the
    /// caption beside it.
    Qr {
        payload: String,
        caption: String,
    },
    /// A photo (PNG or JPEG bytes, whatever the field name says) `width_mm` wide, scaled down
    /// to fit the page, with a caption under it.
    Image {
        png: Vec<u8>,
        width_mm: f32,
        caption: String,
    },
}

/// What to render, and the document's metadata.
#[derive(Debug, Clone, PartialEq)]
pub struct DocumentSpec {
    pub title: String,
    pub subject: String,
    pub author: String,
    pub keywords: Vec<String>,
    /// BCP 47 language tag of the content, e.g. "id".
    pub lang: String,
    pub created_at: DateTime<Utc>,
    pub letterhead: Option<Letterhead>,
    pub blocks: Vec<Block>,
    /// Printed at the bottom of every page, with "Halaman n dari m".
    pub footer: Option<String>,
}

/// Renders `spec` as a PDF/A-2b file.
pub fn render_pdf(spec: &DocumentSpec) -> Result<Vec<u8>, DocsError> {
    let faces = text::faces().ok_or(DocsError::Font)?;
    let mut flow = Flow::new(faces, spec.footer.is_some());
    if let Some(head) = &spec.letterhead {
        blocks::letterhead(&mut flow, head);
    }
    for block in &spec.blocks {
        blocks::block(&mut flow, block)?;
        if flow.overflowed {
            return Err(DocsError::TooLong(layout::MAX_PAGES));
        }
    }
    draw::document(spec, flow)
}

#[cfg(test)]
pub(crate) mod tests;
