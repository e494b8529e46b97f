//! Uploaded files (architecture §4): the type is told by the file's first bytes (its "magic"),
//! never by its name or by the type the browser claims, and only PDF, JPEG and PNG are taken.
//! A renamed executable or web page is therefore refused whatever it is called.

mod scan;

pub use scan::check_content;

use crate::error::CoreError;

/// The form field name every upload error is reported under unless the page renames it.
const FIELD: &str = "file";

/// A kind of file Balai accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FileKind {
    Pdf,
    Jpeg,
    Png,
}

impl FileKind {
    pub const ALL: [FileKind; 3] = [FileKind::Pdf, FileKind::Jpeg, FileKind::Png];

    /// The bytes a file of this kind starts with.
    fn magic(self) -> &'static [u8] {
        match self {
            // "%PDF-": PDF 1.x and 2.0 (ISO 32000) begin with this header.
            FileKind::Pdf => b"%PDF-",
            // SOI marker followed by the first marker's 0xFF.
            FileKind::Jpeg => &[0xFF, 0xD8, 0xFF],
            // The PNG signature (RFC 2083 §3.1).
            FileKind::Png => &[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A],
        }
    }

    /// The media type to send the file with.
    pub fn content_type(self) -> &'static str {
        match self {
            FileKind::Pdf => "application/pdf",
            FileKind::Jpeg => "image/jpeg",
            FileKind::Png => "image/png",
        }
    }

    /// The file name extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            FileKind::Pdf => "pdf",
            FileKind::Jpeg => "jpg",
            FileKind::Png => "png",
        }
    }

    /// The kind whose media type is `ct` (as stored), if any.
    pub fn from_content_type(ct: &str) -> Option<FileKind> {
        FileKind::ALL
            .into_iter()
            .find(|k| k.content_type().eq_ignore_ascii_case(ct.trim()))
    }
}

/// The kind of file `bytes` is, told by its first bytes; `None` for anything else.
pub fn sniff(bytes: &[u8]) -> Option<FileKind> {
    FileKind::ALL
        .into_iter()
        .find(|k| bytes.starts_with(k.magic()))
}

/// Checks an uploaded file: not empty (`err-file-empty`), at most `max_bytes`
/// (`err-file-too-large`), of one of the `allowed` kinds by its content (`err-file-type`), and
/// free of active or foreign content ([`check_content`], `err-file-unsafe`). Errors are reported
/// under the field `file`.
pub fn check_upload(
    bytes: &[u8],
    allowed: &[FileKind],
    max_bytes: usize,
) -> Result<FileKind, CoreError> {
    if bytes.is_empty() {
        return Err(CoreError::invalid(FIELD, "err-file-empty"));
    }
    if bytes.len() > max_bytes {
        return Err(CoreError::invalid(FIELD, "err-file-too-large"));
    }
    match sniff(bytes) {
        Some(kind) if allowed.contains(&kind) => check_content(bytes, kind).map(|()| kind),
        _ => Err(CoreError::invalid(FIELD, "err-file-type")),
    }
}

/// The longest file name kept, in characters.
const MAX_NAME: usize = 120;

/// The name a file is recorded under: the last part of what the browser sent (some send a whole
/// path), without control characters, at most 120 characters, and ending in the extension of
/// the kind the content showed. An empty name becomes `dokumen.<ext>`.
pub fn clean_file_name(raw: &str, kind: FileKind) -> String {
    let last = raw.rsplit(['/', '\\']).next().unwrap_or_default();
    let cleaned: String = last.chars().filter(|c| !c.is_control()).collect();
    let stem = match cleaned.rsplit_once('.') {
        Some((stem, ext)) if ext.eq_ignore_ascii_case(kind.extension()) => stem,
        Some((stem, ext)) if kind == FileKind::Jpeg && ext.eq_ignore_ascii_case("jpeg") => stem,
        _ => cleaned.as_str(),
    };
    let stem = stem.trim().trim_matches('.');
    let stem = if stem.is_empty() { "dokumen" } else { stem };
    let room = MAX_NAME - kind.extension().len() - 1;
    let stem: String = stem.chars().take(room).collect();
    format!("{}.{}", stem.trim_end(), kind.extension())
}

/// A file name safe inside a quoted `Content-Disposition` parameter: every character other
/// than ASCII letters, digits, `.`, `-`, `_`, space and parentheses becomes `_`.
pub fn header_file_name(name: &str) -> String {
    name.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_' | ' ' | '(' | ')') {
                c
            } else {
                '_'
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const PDF: &[u8] = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n";
    const JPEG: &[u8] = &[
        0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, b'J', b'F', b'I', b'F', 0xFF, 0xD9,
    ];
    const PNG: &[u8] = &[
        0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0, b'I', b'E', b'N', b'D', 0xAE,
        0x42, 0x60, 0x82,
    ];
    const MB: usize = 1024 * 1024;

    fn key(r: Result<FileKind, CoreError>) -> String {
        r.err()
            .and_then(|e| e.message_key().map(str::to_string))
            .unwrap_or_default()
    }

    #[test]
    fn kinds_are_told_by_their_first_bytes() {
        assert_eq!(sniff(PDF), Some(FileKind::Pdf));
        assert_eq!(sniff(JPEG), Some(FileKind::Jpeg));
        assert_eq!(sniff(PNG), Some(FileKind::Png));
        assert_eq!(sniff(b"%PDF-"), Some(FileKind::Pdf), "the header alone");
    }

    #[test]
    fn empty_one_byte_and_truncated_magic_are_no_kind() {
        assert_eq!(sniff(b""), None);
        assert_eq!(sniff(b"%"), None);
        assert_eq!(sniff(&[0xFF]), None);
        assert_eq!(sniff(b"%PDF"), None, "truncated PDF header");
        assert_eq!(sniff(&[0xFF, 0xD8]), None, "truncated JPEG marker");
        assert_eq!(sniff(&PNG[..7]), None, "truncated PNG signature");
        assert_eq!(sniff(b" %PDF-1.4"), None, "a leading space is not a PDF");
        assert_eq!(sniff(b"%pdf-1.4"), None, "the header is case-sensitive");
    }

    #[test]
    fn web_pages_scripts_and_executables_are_no_kind() {
        for bytes in [
            &b"<!DOCTYPE html><html><script>alert(1)</script>"[..],
            b"<html>%PDF-1.4",
            b"<?xml version=\"1.0\"?><svg/>",
            b"MZ\x90\x00\x03\x00\x00\x00%PDF-1.4",
            b"\x7fELF\x02\x01\x01",
            b"#!/bin/sh\nrm -rf /",
            b"PK\x03\x04",
        ] {
            assert_eq!(sniff(bytes), None, "{:?}", String::from_utf8_lossy(bytes));
        }
    }

    #[test]
    fn an_upload_must_not_be_empty() {
        assert_eq!(
            key(check_upload(b"", &[FileKind::Pdf], MB)),
            "err-file-empty"
        );
    }

    #[test]
    fn an_upload_over_the_limit_is_refused_and_one_at_the_limit_taken() {
        let mut big = PDF.to_vec();
        big.resize(MB, b' ');
        assert_eq!(check_upload(&big, &[FileKind::Pdf], MB), Ok(FileKind::Pdf));
        big.push(b' ');
        assert_eq!(
            key(check_upload(&big, &[FileKind::Pdf], MB)),
            "err-file-too-large"
        );
    }

    #[test]
    fn an_executable_named_pdf_is_refused() {
        // The name plays no part: what counts is that the bytes start with "MZ".
        let exe = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00";
        assert_eq!(
            key(check_upload(exe, &[FileKind::Pdf], MB)),
            "err-file-type"
        );
    }

    #[test]
    fn a_jpeg_or_png_is_refused_where_only_pdf_is_allowed() {
        assert_eq!(
            key(check_upload(JPEG, &[FileKind::Pdf], MB)),
            "err-file-type"
        );
        assert_eq!(
            key(check_upload(PNG, &[FileKind::Pdf], MB)),
            "err-file-type"
        );
        assert_eq!(
            check_upload(JPEG, &FileKind::ALL, MB),
            Ok(FileKind::Jpeg),
            "taken where images are allowed"
        );
    }

    #[test]
    fn one_byte_and_html_are_refused() {
        assert_eq!(key(check_upload(b"%", &FileKind::ALL, MB)), "err-file-type");
        assert_eq!(
            key(check_upload(
                b"<html><body>x</body></html>",
                &FileKind::ALL,
                MB
            )),
            "err-file-type"
        );
    }

    #[test]
    fn an_upload_with_active_content_is_refused() {
        let pdf = b"%PDF-1.4\n1 0 obj\n<< /OpenAction << /S /JavaScript /JS (x) >> >>\nendobj\n";
        assert_eq!(
            key(check_upload(pdf, &[FileKind::Pdf], MB)),
            "err-file-unsafe"
        );
        assert_eq!(
            key(check_upload(&JPEG[..JPEG.len() - 2], &FileKind::ALL, MB)),
            "err-file-unsafe",
            "a truncated photo"
        );
    }

    #[test]
    fn errors_name_the_file_field() {
        match check_upload(b"", &[FileKind::Pdf], MB) {
            Err(CoreError::Invalid { field, .. }) => assert_eq!(field, "file"),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn kinds_have_their_media_type_and_extension() {
        for k in FileKind::ALL {
            assert_eq!(FileKind::from_content_type(k.content_type()), Some(k));
        }
        assert_eq!(FileKind::Pdf.content_type(), "application/pdf");
        assert_eq!(FileKind::Jpeg.extension(), "jpg");
        assert_eq!(FileKind::from_content_type("text/html"), None);
    }

    #[test]
    fn file_names_keep_only_the_last_part_and_the_true_extension() {
        let pdf = FileKind::Pdf;
        assert_eq!(clean_file_name("PKS Dukcapil.pdf", pdf), "PKS Dukcapil.pdf");
        assert_eq!(clean_file_name("C:\\Users\\a\\nota.PDF", pdf), "nota.pdf");
        assert_eq!(clean_file_name("../../etc/passwd", pdf), "passwd.pdf");
        assert_eq!(clean_file_name("scan.exe", pdf), "scan.exe.pdf");
        assert_eq!(clean_file_name("", pdf), "dokumen.pdf");
        assert_eq!(clean_file_name("a\u{0}b\nc.pdf", pdf), "abc.pdf");
        assert_eq!(clean_file_name("foto.jpeg", FileKind::Jpeg), "foto.jpg");
        let long = clean_file_name(&"é".repeat(500), pdf);
        assert_eq!(long.chars().count(), MAX_NAME);
        assert!(long.ends_with(".pdf"));
    }

    #[test]
    fn header_names_hold_no_quote_or_line_break() {
        assert_eq!(
            header_file_name("a\"b\r\nSet-Cookie: x.pdf"),
            "a_b__Set-Cookie_ x.pdf"
        );
        assert_eq!(header_file_name("Nota (2026).pdf"), "Nota (2026).pdf");
        assert_eq!(header_file_name("perjanjian é.pdf"), "perjanjian _.pdf");
    }
}
