//! Incremental updates (ISO 32000-1 §7.5.6): new or changed objects appended after the
//! original bytes, with their own cross-reference section and a trailer whose `/Prev` points at
//! the previous one. The original bytes stay untouched, which is what lets a signature cover a
//! document exactly as it was rendered.
//!
//! Only files with classic cross-reference tables are understood (what krilla and most signing
//! services write); a cross-reference stream is refused with [`DocsError::UnsupportedPdf`].

use std::collections::BTreeMap;

use crate::DocsError;

/// How many `/Prev` links are followed looking up an object before giving up.
const MAX_SECTIONS: usize = 64;

fn unsupported(what: &str) -> DocsError {
    DocsError::UnsupportedPdf(what.to_string())
}

/// The last trailer of a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Trailer {
    /// One more than the highest object number in use.
    pub size: u32,
    /// The document catalog, `(number, generation)`.
    pub root: (u32, u16),
    pub info: Option<(u32, u16)>,
    /// The `/ID` array exactly as written, e.g. `[<ab…> <cd…>]`.
    pub id: Option<String>,
    /// Offset of the last cross-reference section.
    pub startxref: usize,
}

/// New and replaced objects to append to `base`.
pub struct IncrementalUpdate<'a> {
    base: &'a [u8],
    trailer: Trailer,
    objects: BTreeMap<u32, (u16, Vec<u8>)>,
    next: u32,
}

impl<'a> IncrementalUpdate<'a> {
    /// Reads the last trailer of `base`.
    pub fn new(base: &'a [u8]) -> Result<Self, DocsError> {
        let trailer = read_trailer(base)?;
        let next = trailer.size;
        Ok(IncrementalUpdate {
            base,
            trailer,
            objects: BTreeMap::new(),
            next,
        })
    }

    pub fn trailer(&self) -> &Trailer {
        &self.trailer
    }

    /// The text of object `number` between `obj` and `endobj`, trimmed (its latest version,
    /// following `/Prev` links).
    pub fn object(&self, number: u32) -> Result<&'a [u8], DocsError> {
        object_text(self.base, self.trailer.startxref, number)
    }

    /// Adds a new object; returns its number.
    pub fn add(&mut self, body: Vec<u8>) -> u32 {
        let number = self.next;
        self.next += 1;
        self.objects.insert(number, (0, body));
        number
    }

    /// Writes a new version of an existing object.
    pub fn replace(&mut self, number: u32, generation: u16, body: Vec<u8>) {
        self.objects.insert(number, (generation, body));
    }

    /// The updated file, and where each appended object's body starts in it.
    pub fn finish(self) -> (Vec<u8>, BTreeMap<u32, usize>) {
        let mut out = self.base.to_vec();
        if !matches!(out.last(), Some(b'\n' | b'\r')) {
            out.push(b'\n');
        }
        let mut offsets = BTreeMap::new();
        let mut entries = Vec::new();
        for (number, (generation, body)) in &self.objects {
            entries.push((*number, *generation, out.len()));
            out.extend_from_slice(format!("{number} {generation} obj\n").as_bytes());
            offsets.insert(*number, out.len());
            out.extend_from_slice(body);
            out.extend_from_slice(b"\nendobj\n");
        }
        let xref = out.len();
        out.extend_from_slice(b"xref\n");
        for run in contiguous(&entries) {
            out.extend_from_slice(format!("{} {}\n", run[0].0, run.len()).as_bytes());
            for (_, generation, offset) in run {
                // Each entry is exactly 20 bytes (§7.5.4).
                out.extend_from_slice(format!("{offset:010} {generation:05} n \n").as_bytes());
            }
        }
        let t = &self.trailer;
        let size = self.next.max(t.size);
        let mut dict = format!("<< /Size {size} /Root {} {} R", t.root.0, t.root.1);
        if let Some((n, g)) = t.info {
            dict.push_str(&format!(" /Info {n} {g} R"));
        }
        if let Some(id) = &t.id {
            dict.push_str(&format!(" /ID {id}"));
        }
        dict.push_str(&format!(" /Prev {} >>", t.startxref));
        out.extend_from_slice(format!("trailer\n{dict}\nstartxref\n{xref}\n%%EOF\n").as_bytes());
        (out, offsets)
    }
}

/// Splits sorted entries into runs of consecutive object numbers (xref subsections).
fn contiguous(entries: &[(u32, u16, usize)]) -> Vec<&[(u32, u16, usize)]> {
    let mut runs = Vec::new();
    let mut start = 0;
    for i in 1..=entries.len() {
        if i == entries.len() || entries[i].0 != entries[i - 1].0 + 1 {
            if start < i {
                runs.push(&entries[start..i]);
            }
            start = i;
        }
    }
    runs
}

fn is_ws(b: u8) -> bool {
    matches!(b, b' ' | b'\n' | b'\r' | b'\t' | b'\x0c' | b'\0')
}

fn skip_ws(b: &[u8], mut i: usize) -> usize {
    while i < b.len() && is_ws(b[i]) {
        i += 1;
    }
    i
}

/// An unsigned decimal at `i` (after white space), and the index after it.
fn read_uint(b: &[u8], i: usize) -> Option<(u64, usize)> {
    let start = skip_ws(b, i);
    let mut end = start;
    let mut value: u64 = 0;
    while end < b.len() && b[end].is_ascii_digit() && end - start < 18 {
        value = value * 10 + u64::from(b[end] - b'0');
        end += 1;
    }
    (end > start).then_some((value, end))
}

pub(crate) fn find(hay: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    if from > hay.len() || needle.is_empty() {
        return None;
    }
    hay[from..]
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| p + from)
}

pub(crate) fn rfind(hay: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() || hay.len() < needle.len() {
        return None;
    }
    hay.windows(needle.len()).rposition(|w| w == needle)
}

/// The value after `key` in a dictionary's text, as a reference `n g R`.
fn reference_after(dict: &[u8], key: &[u8]) -> Option<(u32, u16)> {
    let at = find(dict, key, 0)? + key.len();
    let (n, i) = read_uint(dict, at)?;
    let (g, i) = read_uint(dict, i)?;
    let i = skip_ws(dict, i);
    (dict.get(i) == Some(&b'R')).then_some((u32::try_from(n).ok()?, u16::try_from(g).ok()?))
}

/// The trailer dictionary that follows the cross-reference section at `xref`.
fn trailer_dict(pdf: &[u8], xref: usize) -> Result<&[u8], DocsError> {
    if !pdf
        .get(xref..)
        .is_some_and(|rest| rest.starts_with(b"xref"))
    {
        return Err(unsupported("no classic cross-reference table"));
    }
    let at = find(pdf, b"trailer", xref).ok_or_else(|| unsupported("no trailer"))?;
    let open = find(pdf, b"<<", at).ok_or_else(|| unsupported("no trailer dictionary"))?;
    let close = find(pdf, b"startxref", open).unwrap_or(pdf.len());
    Ok(&pdf[open..close])
}

/// Reads the last trailer of `pdf`.
pub fn read_trailer(pdf: &[u8]) -> Result<Trailer, DocsError> {
    let at = rfind(pdf, b"startxref").ok_or_else(|| unsupported("no startxref"))?;
    let (xref, _) =
        read_uint(pdf, at + b"startxref".len()).ok_or_else(|| unsupported("bad startxref"))?;
    let startxref = usize::try_from(xref).map_err(|_| unsupported("bad startxref"))?;
    let dict = trailer_dict(pdf, startxref)?;
    let size_at = find(dict, b"/Size", 0).ok_or_else(|| unsupported("no /Size"))?;
    let (size, _) = read_uint(dict, size_at + 5).ok_or_else(|| unsupported("bad /Size"))?;
    let root = reference_after(dict, b"/Root").ok_or_else(|| unsupported("no /Root"))?;
    let id = find(dict, b"/ID", 0).and_then(|i| {
        let open = find(dict, b"[", i)?;
        let close = find(dict, b"]", open)?;
        String::from_utf8(dict[open..=close].to_vec()).ok()
    });
    Ok(Trailer {
        size: u32::try_from(size).map_err(|_| unsupported("bad /Size"))?,
        root,
        info: reference_after(dict, b"/Info"),
        id,
        startxref,
    })
}

/// Offset of object `number` in the cross-reference section at `xref`, if listed there.
fn xref_lookup(pdf: &[u8], xref: usize, number: u32) -> Option<usize> {
    let mut i = xref + 4;
    loop {
        let (first, after_first) = read_uint(pdf, i)?;
        let (count, after_count) = read_uint(pdf, after_first)?;
        let entries = skip_ws(pdf, after_count);
        let (first, count) = (u32::try_from(first).ok()?, u32::try_from(count).ok()?);
        if number >= first && number < first.checked_add(count)? {
            let entry = entries + 20 * (number - first) as usize;
            let (offset, _) = read_uint(pdf, entry)?;
            let kind = *pdf.get(entry + 17)?;
            return (kind == b'n').then_some(usize::try_from(offset).ok()?);
        }
        i = entries.checked_add(20 * count as usize)?;
        if pdf.get(skip_ws(pdf, i)..)?.starts_with(b"trailer") {
            return None;
        }
    }
}

/// The text of object `number` between `obj` and `endobj`, trimmed, found through the
/// cross-reference sections starting at `startxref`.
pub fn object_text(pdf: &[u8], startxref: usize, number: u32) -> Result<&[u8], DocsError> {
    let mut xref = startxref;
    for _ in 0..MAX_SECTIONS {
        if let Some(offset) = xref_lookup(pdf, xref, number) {
            let obj = find(pdf, b"obj", offset).ok_or_else(|| unsupported("object not found"))?;
            let start = obj + 3;
            let end = find(pdf, b"endobj", start).ok_or_else(|| unsupported("no endobj"))?;
            let mut body = &pdf[start..end];
            while body.first().is_some_and(|b| is_ws(*b)) {
                body = &body[1..];
            }
            while body.last().is_some_and(|b| is_ws(*b)) {
                body = &body[..body.len() - 1];
            }
            return Ok(body);
        }
        let dict = trailer_dict(pdf, xref)?;
        let prev = find(dict, b"/Prev", 0)
            .and_then(|i| read_uint(dict, i + 5))
            .ok_or_else(|| unsupported("object not in any cross-reference section"))?;
        xref = usize::try_from(prev.0).map_err(|_| unsupported("bad /Prev"))?;
    }
    Err(unsupported("too many cross-reference sections"))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A tiny hand-written PDF with a classic xref table.
    fn base() -> Vec<u8> {
        let mut pdf = b"%PDF-1.7\n".to_vec();
        let mut offsets = Vec::new();
        for body in [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 100 100] >>",
        ] {
            offsets.push(pdf.len());
            let n = offsets.len();
            pdf.extend_from_slice(format!("{n} 0 obj\n{body}\nendobj\n").as_bytes());
        }
        let xref = pdf.len();
        pdf.extend_from_slice(b"xref\n0 4\n0000000000 65535 f \n");
        for o in offsets {
            pdf.extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
        }
        pdf.extend_from_slice(
            format!(
                "trailer\n<< /Size 4 /Root 1 0 R /ID [<aa> <bb>] >>\nstartxref\n{xref}\n%%EOF\n"
            )
            .as_bytes(),
        );
        pdf
    }

    #[test]
    fn the_trailer_is_read() {
        let t = read_trailer(&base()).unwrap();
        assert_eq!(t.size, 4);
        assert_eq!(t.root, (1, 0));
        assert_eq!(t.id.as_deref(), Some("[<aa> <bb>]"));
        assert_eq!(t.info, None);
    }

    #[test]
    fn objects_are_found_through_the_xref_table() {
        let pdf = base();
        let t = read_trailer(&pdf).unwrap();
        assert_eq!(
            object_text(&pdf, t.startxref, 2).unwrap(),
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>"
        );
        assert!(object_text(&pdf, t.startxref, 9).is_err());
    }

    #[test]
    fn an_update_keeps_the_original_bytes_and_chains_to_it() {
        let pdf = base();
        let mut update = IncrementalUpdate::new(&pdf).unwrap();
        let added = update.add(b"<< /Hello (world) >>".to_vec());
        update.replace(
            1,
            0,
            b"<< /Type /Catalog /Pages 2 0 R /Extra true >>".to_vec(),
        );
        let (out, offsets) = update.finish();
        assert_eq!(added, 4);
        assert!(out.starts_with(&pdf));
        let t = read_trailer(&out).unwrap();
        assert_eq!(t.size, 5);
        assert_eq!(t.id.as_deref(), Some("[<aa> <bb>]"));
        // The new catalog shadows the old; untouched objects come from the first section.
        assert!(
            object_text(&out, t.startxref, 1)
                .unwrap()
                .ends_with(b"/Extra true >>")
        );
        assert!(
            object_text(&out, t.startxref, 3)
                .unwrap()
                .starts_with(b"<< /Type /Page ")
        );
        assert_eq!(
            object_text(&out, t.startxref, 4).unwrap(),
            b"<< /Hello (world) >>"
        );
        assert!(out[offsets[&4]..].starts_with(b"<< /Hello"));
        assert!(
            String::from_utf8_lossy(&out)
                .contains(&format!("/Prev {}", read_trailer(&pdf).unwrap().startxref))
        );
    }

    #[test]
    fn garbage_is_an_error_not_a_panic() {
        for bad in [
            &b""[..],
            b"%PDF-1.7",
            b"startxref\n999999\n%%EOF",
            b"xref\ntrailer<<>>startxref 0",
        ] {
            assert!(read_trailer(bad).is_err());
        }
    }
}
