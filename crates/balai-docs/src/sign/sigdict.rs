//! The signature dictionary in the PDF: written into an incremental update with room for the
//! signature, and read back (strictly, in exactly the layout written) by the verifier.

use std::ops::Range;

use chrono::{DateTime, Utc};
use sha2::{Digest, Sha256};
use uuid::Uuid;

use super::timestamp;
use crate::DocsError;
use crate::pdf::increment::{IncrementalUpdate, find, rfind};

/// Ed25519 signatures are 64 bytes: 128 lower-case hex digits between `<` and `>`.
const SLOT_HEX: usize = 128;
const HEAD: &[u8] = b"<< /Type /Sig ";
const FILTER: &[u8] = b"/Filter /Balai.Ed25519";
const END: &[u8] = b" >>\nendobj";
/// Width of each ByteRange number: fixed, so the numbers can be filled in after layout.
const RANGE_DIGITS: usize = 10;

/// What the dictionary states besides the byte range and the signature.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct SigFields {
    pub doc_id: Uuid,
    pub number: String,
    pub signer_name: String,
    pub signer_position: String,
    pub signed_at: DateTime<Utc>,
    pub key_id: String,
    /// Length and SHA-256 (hex) of the rendered document before the update.
    pub base_len: usize,
    pub base_sha256: String,
}

/// A PDF text string as UTF-16BE hex with a byte-order mark: any characters, no escaping.
fn text_string(s: &str) -> String {
    let mut out = String::from("<feff");
    for unit in s.encode_utf16() {
        out.push_str(&format!("{unit:04x}"));
    }
    out.push('>');
    out
}

fn parse_text_string(value: &[u8]) -> Option<String> {
    let hex_digits = value.strip_prefix(b"<feff")?.strip_suffix(b">")?;
    let bytes = hex::decode(hex_digits).ok()?;
    if bytes.len() % 2 != 0 {
        return None;
    }
    let units: Vec<u16> = bytes
        .chunks(2)
        .map(|c| u16::from_be_bytes([c[0], c[1]]))
        .collect();
    String::from_utf16(&units).ok()
}

/// A PDF date, e.g. `D:20261102020000+00'00'`.
fn pdf_date(at: DateTime<Utc>) -> String {
    format!("D:{}+00'00'", at.format("%Y%m%d%H%M%S"))
}

fn dictionary(f: &SigFields) -> String {
    let zeros = "0".repeat(RANGE_DIGITS);
    [
        "<< /Type /Sig /Filter /Balai.Ed25519 /SubFilter /Balai.Ed25519.v1".to_string(),
        format!("/ByteRange [0 {zeros} {zeros} {zeros}]"),
        format!("/Balai.DocId ({})", f.doc_id),
        format!("/Balai.Number {}", text_string(&f.number)),
        format!("/Name {}", text_string(&f.signer_name)),
        format!("/Balai.Position {}", text_string(&f.signer_position)),
        format!("/M ({})", pdf_date(f.signed_at)),
        format!("/Balai.SignedAt ({})", timestamp(f.signed_at)),
        format!("/Balai.KeyId ({})", f.key_id),
        format!("/Balai.BaseLength {}", f.base_len),
        format!("/Balai.BaseSHA256 ({})", f.base_sha256),
        format!("/Contents <{}> >>", "0".repeat(SLOT_HEX)),
    ]
    .join("\n")
}

fn unsupported(what: &str) -> DocsError {
    DocsError::UnsupportedPdf(what.to_string())
}

/// Appends the signature field and dictionary to `base`; returns the file and the slot (from
/// `<` to `>` inclusive) the signature goes in. The byte range is already filled in.
pub(crate) fn append(
    base: &[u8],
    fields: &SigFields,
) -> Result<(Vec<u8>, Range<usize>), DocsError> {
    let mut update = IncrementalUpdate::new(base)?;
    let (root, root_gen) = update.trailer().root;
    let catalog = update.object(root)?;
    let Some(open_catalog) = catalog.strip_suffix(b">>").filter(|c| c.starts_with(b"<<")) else {
        return Err(unsupported("the catalog is not a dictionary"));
    };
    if find(catalog, b"/AcroForm", 0).is_some() {
        return Err(unsupported(
            "the document already has a form or a signature",
        ));
    }
    let dict = dictionary(fields);
    let sig = update.add(dict.clone().into_bytes());
    // An invisible signature field (zero-size widget, printable as PDF/A wants).
    let field = update.add(
        format!("<< /Type /Annot /Subtype /Widget /FT /Sig /T (Balai {sig}) /V {sig} 0 R /Rect [0 0 0 0] /F 132 >>")
            .into_bytes(),
    );
    let mut new_catalog = open_catalog.to_vec();
    new_catalog.extend_from_slice(
        format!(" /AcroForm << /Fields [{field} 0 R] /SigFlags 3 >> >>").as_bytes(),
    );
    update.replace(root, root_gen, new_catalog);
    let (mut out, offsets) = update.finish();
    let body = offsets
        .get(&sig)
        .copied()
        .ok_or_else(|| unsupported("signature object"))?;
    let locate = |needle: &str| dict.find(needle).map(|i| body + i + needle.len());
    let slot_start = locate("/Contents ").ok_or_else(|| unsupported("slot"))?;
    let range_at = locate("/ByteRange [0 ").ok_or_else(|| unsupported("byte range"))?;
    let slot = slot_start..slot_start + SLOT_HEX + 2;
    let numbers = format!(
        "{:010} {:010} {:010}",
        slot.start,
        slot.end,
        out.len() - slot.end
    );
    out[range_at..range_at + numbers.len()].copy_from_slice(numbers.as_bytes());
    Ok((out, slot))
}

/// SHA-256 of every byte of `bytes` except the slot.
pub(crate) fn covered_digest(bytes: &[u8], slot: &Range<usize>) -> [u8; 32] {
    let mut hasher = Sha256::new();
    hasher.update(&bytes[..slot.start]);
    hasher.update(&bytes[slot.end..]);
    hasher.finalize().into()
}

/// Writes the signature into its slot.
pub(crate) fn fill_slot(bytes: &mut [u8], slot: &Range<usize>, signature: &[u8; 64]) {
    let hex_sig = hex::encode(signature);
    bytes[slot.start + 1..slot.end - 1].copy_from_slice(hex_sig.as_bytes());
}

/// A signature dictionary read from a file.
pub(crate) struct Found {
    pub fields: SigFields,
    pub signature: [u8; 64],
    pub slot: Range<usize>,
    /// Whether `/ByteRange` is exactly `[0 slot.start slot.end rest-of-file]`: false when bytes
    /// were inserted, removed or appended after signing.
    pub range_matches: bool,
}

/// The outcome of looking for a Balai signature.
pub(crate) enum Lookup {
    NotSigned,
    Malformed,
    Found(Box<Found>),
}

/// The value of the entry `/key` on its own line of `dict` (up to the end of the line).
fn entry<'a>(dict: &'a [u8], key: &[u8]) -> Option<&'a [u8]> {
    let mut needle = b"\n".to_vec();
    needle.extend_from_slice(key);
    needle.push(b' ');
    let start = find(dict, &needle, 0)? + needle.len();
    let end = find(dict, b"\n", start).unwrap_or(dict.len());
    Some(&dict[start..end])
}

fn literal(value: &[u8]) -> Option<&str> {
    std::str::from_utf8(value.strip_prefix(b"(")?.strip_suffix(b")")?).ok()
}

fn is_lower_hex(s: &[u8]) -> bool {
    s.iter()
        .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(b))
}

fn parse_range(value: &[u8]) -> Option<[usize; 4]> {
    let inner = value.strip_prefix(b"[")?.strip_suffix(b"]")?;
    let parts: Vec<&[u8]> = inner.split(|b| *b == b' ').collect();
    let [first, a, b, c] = parts[..] else {
        return None;
    };
    if first != b"0" {
        return None;
    }
    let mut out = [0usize; 4];
    for (slot, part) in out[1..].iter_mut().zip([a, b, c]) {
        if part.len() != RANGE_DIGITS || !part.iter().all(u8::is_ascii_digit) {
            return None;
        }
        *slot = std::str::from_utf8(part).ok()?.parse().ok()?;
    }
    Some(out)
}

/// Reads the last Balai signature dictionary in `bytes`.
pub(crate) fn lookup(bytes: &[u8]) -> Lookup {
    let Some(filter) = rfind(bytes, FILTER) else {
        return Lookup::NotSigned;
    };
    match parse_at(bytes, filter) {
        Some(found) => Lookup::Found(Box::new(found)),
        None => Lookup::Malformed,
    }
}

fn parse_at(bytes: &[u8], filter: usize) -> Option<Found> {
    let start = filter.checked_sub(HEAD.len())?;
    if &bytes[start..filter] != HEAD {
        return None;
    }
    let end = find(bytes, END, filter)? + 3;
    let dict = &bytes[start..end];
    let contents = entry(dict, b"/Contents")?.strip_suffix(b" >>")?;
    let hex_sig = contents.strip_prefix(b"<")?.strip_suffix(b">")?;
    if hex_sig.len() != SLOT_HEX || !is_lower_hex(hex_sig) {
        return None;
    }
    let signature: [u8; 64] = hex::decode(hex_sig).ok()?.try_into().ok()?;
    let slot_start = start + find(dict, b"\n/Contents <", 0)? + b"\n/Contents ".len();
    let slot = slot_start..slot_start + SLOT_HEX + 2;
    let range = parse_range(entry(dict, b"/ByteRange")?)?;
    let range_matches = range[1] == slot.start
        && range[2] == slot.end
        && range[2].checked_add(range[3]) == Some(bytes.len());
    let key_id = literal(entry(dict, b"/Balai.KeyId")?)?;
    let base_sha256 = literal(entry(dict, b"/Balai.BaseSHA256")?)?;
    let hex_ok = |s: &str, n: usize| s.len() == n && is_lower_hex(s.as_bytes());
    if !hex_ok(key_id, 16) || !hex_ok(base_sha256, 64) {
        return None;
    }
    let fields = SigFields {
        doc_id: literal(entry(dict, b"/Balai.DocId")?)?.parse().ok()?,
        number: parse_text_string(entry(dict, b"/Balai.Number")?)?,
        signer_name: parse_text_string(entry(dict, b"/Name")?)?,
        signer_position: parse_text_string(entry(dict, b"/Balai.Position")?)?,
        signed_at: DateTime::parse_from_rfc3339(literal(entry(dict, b"/Balai.SignedAt")?)?)
            .ok()?
            .with_timezone(&Utc),
        key_id: key_id.to_string(),
        base_len: std::str::from_utf8(entry(dict, b"/Balai.BaseLength")?)
            .ok()?
            .parse()
            .ok()?,
        base_sha256: base_sha256.to_string(),
    };
    Some(Found {
        fields,
        signature,
        slot,
        range_matches,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_strings_round_trip_any_characters() {
        for s in [
            "",
            "Drs. Bambang Sutrisno, M.Si.",
            "Kepala (Dinas) \\ ) >> 😀 é",
        ] {
            let encoded = text_string(s);
            assert!(is_lower_hex(&encoded.as_bytes()[1..encoded.len() - 1]));
            assert_eq!(parse_text_string(encoded.as_bytes()).as_deref(), Some(s));
        }
        assert_eq!(
            parse_text_string(b"<FEFF0041>"),
            None,
            "upper case is not what we write"
        );
        assert_eq!(parse_text_string(b"<feff00>"), None);
    }

    #[test]
    fn byte_ranges_are_fixed_width() {
        assert_eq!(
            parse_range(b"[0 0000000100 0000000230 0000000050]"),
            Some([0, 100, 230, 50])
        );
        assert_eq!(parse_range(b"[0 100 230 50]"), None);
        assert_eq!(parse_range(b"[1 0000000100 0000000230 0000000050]"), None);
        assert_eq!(parse_range(b"[0 0000000100 0000000230]"), None);
    }
}
