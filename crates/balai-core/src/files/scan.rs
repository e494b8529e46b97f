//! Content checks for uploads: files with "virus-like content" are refused (issue 3, "Bad
//! input"). Not an antivirus: a set of structural rules that catch the usual ways a PDF or an
//! image is turned into a carrier.
//!
//! - The EICAR test string anywhere (so the check itself can be tested end to end).
//! - PDFs with active content: the names `/JavaScript`, `/JS`, `/Launch`, `/EmbeddedFile(s)`,
//!   `/RichMedia…`, `/XFA`, or an `/OpenAction` that is an action rather than a page to open
//!   at — also when the name is written with `#xx` escapes or sits inside a compressed object
//!   stream (object streams are inflated, up to 64 MiB; one that cannot be read is refused).
//!   Other stream data (page content, images) is skipped.
//! - A JPEG that does not end with its end-of-image marker, or a PNG whose last chunk is not
//!   `IEND`: truncated, or with something appended (a polyglot). The trailer some Samsung
//!   cameras append after the JPEG end marker (ending in `SEFT`) is allowed.
//! - Inside an image: web page or script markup (`<script`, `<html`, `<iframe`, `<?php`, …), an
//!   ELF or Windows (PE) executable, or a ZIP archive.

use crate::error::CoreError;
use crate::files::FileKind;

/// The EICAR anti-virus test file (eicar.org), which scanners treat as a virus.
const EICAR: &[u8] = br"X5O!P%@AP[4\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*";
/// PDF names that run code, launch programs or carry files.
const ACTIVE_NAMES: [&[u8]; 6] = [
    b"JavaScript",
    b"JS",
    b"Launch",
    b"EmbeddedFile",
    b"EmbeddedFiles",
    b"XFA",
];
/// Upper bound of inflated object-stream data per file (a larger one is a decompression bomb).
const MAX_INFLATED: usize = 64 * 1024 * 1024;
/// Markup that has no business inside a photo, compared case-insensitively.
const MARKUP: [&[u8]; 9] = [
    b"<script",
    b"<html",
    b"<iframe",
    b"<body",
    b"<svg",
    b"<?php",
    b"<?=",
    b"<%@",
    b"javascript:",
];

fn unsafe_file() -> CoreError {
    CoreError::invalid("file", "err-file-unsafe")
}

/// Refuses `bytes` (already known to be of `kind`) when it carries active or foreign content
/// (module docs). Error: `Invalid { field: "file", message_key: "err-file-unsafe" }`.
pub fn check_content(bytes: &[u8], kind: FileKind) -> Result<(), CoreError> {
    if contains(bytes, EICAR) {
        return Err(unsafe_file());
    }
    let safe = match kind {
        FileKind::Pdf => pdf_is_safe(bytes),
        FileKind::Jpeg => jpeg_ends_properly(bytes) && image_is_clean(bytes),
        FileKind::Png => bytes.ends_with(PNG_END) && image_is_clean(bytes),
    };
    if safe { Ok(()) } else { Err(unsafe_file()) }
}

fn find(hay: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    if needle.is_empty() || from >= hay.len() {
        return None;
    }
    hay[from..]
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|i| i + from)
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    find(hay, needle, 0).is_some()
}

// ---- PDF ----

fn is_white(b: u8) -> bool {
    matches!(b, b' ' | b'\n' | b'\r' | b'\t' | b'\x0c' | b'\0')
}

fn is_delimiter(b: u8) -> bool {
    is_white(b)
        || matches!(
            b,
            b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%'
        )
}

/// The name starting after the `/` at `start`, with `#xx` escapes decoded, and where it ends.
fn read_name(bytes: &[u8], start: usize) -> (Vec<u8>, usize) {
    let mut name = Vec::new();
    let mut i = start;
    while i < bytes.len() && !is_delimiter(bytes[i]) {
        let escaped = (bytes[i] == b'#')
            .then(|| bytes.get(i + 1..i + 3))
            .flatten()
            .filter(|h| h.iter().all(u8::is_ascii_hexdigit))
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match escaped {
            Some(b) => {
                name.push(b);
                i += 3;
            }
            None => {
                name.push(bytes[i]);
                i += 1;
            }
        }
    }
    (name, i)
}

fn is_active(name: &[u8]) -> bool {
    ACTIVE_NAMES.contains(&name) || name.starts_with(b"RichMedia")
}

/// Whether the PDF text `segment` (no stream data) names active content. `whole` is the whole
/// file, to follow an `/OpenAction` given as a reference.
fn names_active_content(segment: &[u8], whole: &[u8]) -> bool {
    let mut i = 0;
    while let Some(slash) = find(segment, b"/", i) {
        let (name, end) = read_name(segment, slash + 1);
        if is_active(&name) || (name == b"OpenAction" && open_action_is_action(segment, end, whole))
        {
            return true;
        }
        i = end.max(slash + 1);
    }
    false
}

/// `/OpenAction` is either a destination (an array: which page to show) or an action (a
/// dictionary). A reference is followed to see which.
fn open_action_is_action(segment: &[u8], at: usize, whole: &[u8]) -> bool {
    let mut i = at;
    while i < segment.len() && is_white(segment[i]) {
        i += 1;
    }
    match segment.get(i) {
        Some(b'[') => false,
        Some(b'<') => true,
        Some(b) if b.is_ascii_digit() => {
            let digits: Vec<u8> = segment[i..]
                .iter()
                .take_while(|b| b.is_ascii_digit())
                .copied()
                .collect();
            let mut header = digits.clone();
            header.extend_from_slice(b" 0 obj");
            match find(whole, &header, 0) {
                Some(obj) => {
                    let mut j = obj + header.len();
                    while j < whole.len() && is_white(whole[j]) {
                        j += 1;
                    }
                    whole.get(j) != Some(&b'[')
                }
                // Not found in the plain text: it lives in an object stream, which is scanned
                // for active names anyway; its dictionary form cannot be told apart here, so
                // err on the side of caution.
                None => true,
            }
        }
        _ => true,
    }
}

/// Splits a PDF into text and streams: scans the text, inflates object streams and scans them,
/// skips other stream data.
fn pdf_is_safe(bytes: &[u8]) -> bool {
    let mut inflated_total = 0usize;
    let mut pos = 0;
    while pos < bytes.len() {
        let Some(stream) = find_stream_keyword(bytes, pos) else {
            return !names_active_content(&bytes[pos..], bytes);
        };
        let dict_start = pos.max(stream.saturating_sub(4096));
        let dict = &bytes[dict_start..stream];
        if names_active_content(&bytes[pos..stream], bytes) {
            return false;
        }
        let data_start = stream
            + 6
            + if bytes.get(stream + 6) == Some(&b'\r') {
                2
            } else {
                1
            };
        let data_end = find(bytes, b"endstream", data_start).unwrap_or(bytes.len());
        if is_object_stream(dict) {
            let data = bytes.get(data_start..data_end).unwrap_or_default();
            let limit = MAX_INFLATED.saturating_sub(inflated_total);
            match miniz_oxide::inflate::decompress_to_vec_zlib_with_limit(data, limit) {
                Ok(text) => {
                    inflated_total += text.len();
                    if names_active_content(&text, bytes) {
                        return false;
                    }
                }
                Err(_) => return false,
            }
        }
        pos = data_end + b"endstream".len();
    }
    true
}

/// The next `stream` keyword that starts stream data (`>>` before it, end of line after it).
fn find_stream_keyword(bytes: &[u8], from: usize) -> Option<usize> {
    let mut i = from;
    while let Some(at) = find(bytes, b"stream", i) {
        let before = bytes[..at].iter().rev().find(|b| !is_white(**b));
        let after = bytes.get(at + 6);
        let is_keyword = before == Some(&b'>') && matches!(after, Some(b'\n' | b'\r'));
        if is_keyword && !bytes[..at].ends_with(b"end") {
            return Some(at);
        }
        i = at + 6;
    }
    None
}

/// Whether the dictionary text just before a stream declares an object stream (`/Type /ObjStm`).
fn is_object_stream(dict_tail: &[u8]) -> bool {
    let start = dict_tail
        .windows(3)
        .rposition(|w| w == b"obj")
        .map_or(0, |i| i + 3);
    let mut i = start;
    while let Some(slash) = find(dict_tail, b"/", i) {
        let (name, end) = read_name(dict_tail, slash + 1);
        if name == b"ObjStm" {
            return true;
        }
        i = end.max(slash + 1);
    }
    false
}

// ---- Images ----

/// The last chunk of every complete PNG: length 0, `IEND`, CRC (RFC 2083 §4.1.4).
const PNG_END: &[u8] = &[0, 0, 0, 0, b'I', b'E', b'N', b'D', 0xAE, 0x42, 0x60, 0x82];

fn jpeg_ends_properly(bytes: &[u8]) -> bool {
    if bytes.ends_with(&[0xFF, 0xD9]) {
        return true;
    }
    // Samsung's trailer (SEFH…SEFT) after the end marker.
    bytes.ends_with(b"SEFT") && contains(bytes, &[0xFF, 0xD9])
}

/// A Windows executable: `MZ` whose header points (e_lfanew at 0x3C) at a `PE\0\0` signature.
fn has_pe(bytes: &[u8]) -> bool {
    let mut i = 0;
    while let Some(mz) = find(bytes, b"MZ", i) {
        let pointer = bytes
            .get(mz + 0x3C..mz + 0x40)
            .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize);
        if let Some(offset) = pointer.filter(|o| (0x40..4096).contains(o))
            && bytes.get(mz + offset..mz + offset + 4) == Some(b"PE\0\0")
        {
            return true;
        }
        i = mz + 2;
    }
    false
}

/// An ELF executable: magic, then a valid class (32/64-bit) and byte order.
fn has_elf(bytes: &[u8]) -> bool {
    let mut i = 0;
    while let Some(at) = find(bytes, b"\x7fELF", i) {
        let class = bytes.get(at + 4);
        let order = bytes.get(at + 5);
        if matches!(class, Some(1 | 2)) && matches!(order, Some(1 | 2)) {
            return true;
        }
        i = at + 4;
    }
    false
}

/// A ZIP archive (also JAR, DOCX, APK): a local file header, a central directory entry and the
/// end-of-central-directory record all present.
fn has_zip(bytes: &[u8]) -> bool {
    contains(bytes, b"PK\x03\x04")
        && contains(bytes, b"PK\x01\x02")
        && contains(bytes, b"PK\x05\x06")
}

fn image_is_clean(bytes: &[u8]) -> bool {
    let lower = bytes.to_ascii_lowercase();
    !MARKUP.iter().any(|m| contains(&lower, m))
        && !has_pe(bytes)
        && !has_elf(bytes)
        && !has_zip(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn refused(bytes: &[u8], kind: FileKind) -> bool {
        match check_content(bytes, kind) {
            Ok(()) => false,
            Err(e) => {
                assert_eq!(e.message_key(), Some("err-file-unsafe"));
                true
            }
        }
    }

    /// A small PDF whose catalog gets `extra` entries, with one page content stream holding
    /// `content` (which is never scanned for names).
    fn pdf(extra: &str, content: &[u8]) -> Vec<u8> {
        let mut out = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n".to_vec();
        out.extend_from_slice(
            format!("1 0 obj\n<< /Type /Catalog /Pages 2 0 R {extra} >>\nendobj\n").as_bytes(),
        );
        out.extend_from_slice(b"2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n");
        out.extend_from_slice(
            b"3 0 obj\n<< /Type /Page /Parent 2 0 R /Contents 4 0 R >>\nendobj\n",
        );
        out.extend_from_slice(
            format!("4 0 obj\n<< /Length {} >>\nstream\n", content.len()).as_bytes(),
        );
        out.extend_from_slice(content);
        out.extend_from_slice(b"\nendstream\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n");
        out
    }

    fn with_object_stream(objects: &str) -> Vec<u8> {
        let data = miniz_oxide::deflate::compress_to_vec_zlib(objects.as_bytes(), 6);
        let mut out = pdf("", b"BT ET");
        out.extend_from_slice(
            format!("5 0 obj\n<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length {} >>\nstream\n", data.len())
                .as_bytes(),
        );
        out.extend_from_slice(&data);
        out.extend_from_slice(b"\nendstream\nendobj\n%%EOF\n");
        out
    }

    fn jpeg(body: &[u8]) -> Vec<u8> {
        [
            &[0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10][..],
            b"JFIF\0",
            body,
            &[0xFF, 0xD9],
        ]
        .concat()
    }

    fn png(body: &[u8]) -> Vec<u8> {
        [
            &[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A][..],
            body,
            PNG_END,
        ]
        .concat()
    }

    #[test]
    fn ordinary_files_pass() {
        assert!(!refused(
            &pdf("/Lang (id)", b"BT /F1 12 Tf (Izin) Tj ET"),
            FileKind::Pdf
        ));
        assert!(!refused(&jpeg(b"\x00\x01 foto lokasi"), FileKind::Jpeg));
        assert!(!refused(&png(b"\0\0\0\rIHDR"), FileKind::Png));
    }

    #[test]
    fn the_eicar_test_string_is_refused_anywhere() {
        assert!(refused(&pdf("", EICAR), FileKind::Pdf));
        assert!(refused(&jpeg(EICAR), FileKind::Jpeg));
        assert!(refused(&png(EICAR), FileKind::Png));
    }

    #[test]
    fn pdfs_with_active_content_are_refused() {
        for extra in [
            "/OpenAction << /S /JavaScript /JS (app.alert(1)) >>",
            "/Names << /JavaScript 9 0 R >>",
            "/AA << /O << /S /Launch /F (cmd.exe) >> >>",
            "/Names << /EmbeddedFiles 8 0 R >>",
            "/X << /Type /EmbeddedFile >>",
            "/X << /Subtype /RichMedia >>",
            "/X /RichMediaContent",
            "/AcroForm << /XFA 7 0 R >>",
            "/OpenAction << /S /GoTo /D [3 0 R /Fit] >>",
        ] {
            assert!(refused(&pdf(extra, b""), FileKind::Pdf), "{extra}");
        }
    }

    #[test]
    fn escaped_names_are_decoded() {
        assert!(refused(
            &pdf("/OpenAction << /S /J#61vaScript /J#53 (x) >>", b""),
            FileKind::Pdf
        ));
        assert!(refused(&pdf("/X /#4C#61unch", b""), FileKind::Pdf));
        assert!(
            !refused(&pdf("/X /JS#ZZ /J#+1", b""), FileKind::Pdf),
            "invalid escapes decode to other names"
        );
    }

    #[test]
    fn similar_names_and_page_destinations_pass() {
        assert!(!refused(
            &pdf(
                "/JSON (x) /JavaScripts 1 /Launcher 2 /OpenAction [3 0 R /Fit]",
                b""
            ),
            FileKind::Pdf
        ));
    }

    #[test]
    fn an_open_action_reference_is_followed() {
        let to_array = [
            pdf("/OpenAction 6 0 R", b""),
            b"6 0 obj\n[3 0 R /Fit]\nendobj\n".to_vec(),
        ]
        .concat();
        assert!(!refused(&to_array, FileKind::Pdf));
        let to_action = [
            pdf("/OpenAction 6 0 R", b""),
            b"6 0 obj\n<< /S /URI /URI (http://x) >>\nendobj\n".to_vec(),
        ]
        .concat();
        assert!(refused(&to_action, FileKind::Pdf));
    }

    #[test]
    fn names_inside_page_content_are_not_mistaken_for_actions() {
        assert!(!refused(
            &pdf("", b"q /JS gs /Launch Do Q \xff\x00/JavaScript"),
            FileKind::Pdf
        ));
    }

    #[test]
    fn active_content_hidden_in_an_object_stream_is_found() {
        assert!(!refused(
            &with_object_stream("9 0 << /Type /Font /Subtype /Type1 >>"),
            FileKind::Pdf
        ));
        assert!(refused(
            &with_object_stream("9 0 << /S /JavaScript /JS (app.alert(1)) >>"),
            FileKind::Pdf
        ));
        let mut corrupt = with_object_stream("9 0 << >>");
        let objstm = find(&corrupt, b"/ObjStm", 0).unwrap();
        // The first byte of the zlib header.
        let at = find(&corrupt, b"stream\n", objstm).unwrap() + 7;
        corrupt[at] = 0;
        assert!(
            refused(&corrupt, FileKind::Pdf),
            "an object stream that cannot be read is refused"
        );
    }

    #[test]
    fn truncated_or_extended_images_are_refused() {
        let good = jpeg(b"data");
        assert!(
            refused(&good[..good.len() - 1], FileKind::Jpeg),
            "no end marker"
        );
        assert!(refused(
            &[good.clone(), b"<?php system($_GET[1]); ?>".to_vec()].concat(),
            FileKind::Jpeg
        ));
        assert!(refused(
            &[good.clone(), b"trailing".to_vec()].concat(),
            FileKind::Jpeg
        ));
        let samsung = [good, b"\0\0SEFHxxxx\0\0SEFT".to_vec()].concat();
        assert!(!refused(&samsung, FileKind::Jpeg), "Samsung camera trailer");
        let p = png(b"\0\0\0\rIHDR");
        assert!(refused(&p[..p.len() - 4], FileKind::Png), "no IEND");
        assert!(
            refused(&[p, b"PK".to_vec()].concat(), FileKind::Png),
            "data after IEND"
        );
    }

    #[test]
    fn markup_and_executables_inside_images_are_refused() {
        let mut pe = vec![0u8; 0x100];
        pe[..2].copy_from_slice(b"MZ");
        pe[0x3C] = 0x80;
        pe[0x80..0x84].copy_from_slice(b"PE\0\0");
        let zip = b"PK\x03\x04\x14\0 data PK\x01\x02\x14\0 PK\x05\x06\0\0".to_vec();
        let elf = b"\x7fELF\x02\x01\x01\0".to_vec();
        for inside in [
            b"<ScRiPt>alert(1)</script>".to_vec(),
            b"<HTML><body>".to_vec(),
            b"<?php echo 1; ?>".to_vec(),
            b"<iframe src=x>".to_vec(),
            b"<svg onload=x>".to_vec(),
            pe,
            zip,
            elf,
        ] {
            assert!(
                refused(&jpeg(&inside), FileKind::Jpeg),
                "{:?}",
                String::from_utf8_lossy(&inside)
            );
            assert!(
                refused(&png(&inside), FileKind::Png),
                "{:?}",
                String::from_utf8_lossy(&inside)
            );
        }
    }

    #[test]
    fn short_magic_by_chance_is_not_an_executable() {
        for inside in [
            &b"MZ\0\0 random"[..],
            b"PK\x03\x04 only",
            b"\x7fELF\0\0",
            b"< script",
        ] {
            assert!(
                !refused(&jpeg(inside), FileKind::Jpeg),
                "{:?}",
                String::from_utf8_lossy(inside)
            );
        }
    }

    proptest! {
        #[test]
        fn random_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..4_000)) {
            for kind in FileKind::ALL {
                let _ = check_content(&bytes, kind);
            }
            let mut as_pdf = b"%PDF-1.7\n".to_vec();
            as_pdf.extend_from_slice(&bytes);
            as_pdf.extend_from_slice(b"\n1 0 obj << /Type /ObjStm >>\nstream\n");
            as_pdf.extend_from_slice(&bytes);
            let _ = check_content(&as_pdf, FileKind::Pdf);
        }

        #[test]
        fn pdf_structure_fragments_never_panic(parts in prop::collection::vec(
            prop::sample::select(vec!["/", "#", "#4", "stream\n", "\nendstream", ">>", "<<", "/OpenAction", " 12", " 0 obj", "[", "/ObjStm", "x"]),
            0..60,
        )) {
            let text: String = parts.concat();
            let _ = check_content(text.as_bytes(), FileKind::Pdf);
        }
    }
}
