//! The two faces documents are set in (Noto Sans Regular and Bold, from the `notosans` crate,
//! SIL Open Font License), how wide a string is in them, and line breaking.
//!
//! There is no shaping engine: Indonesian is written in Latin script, so one character maps to
//! one glyph with the font's advance width. Text is normalised to NFC first (so "e" + combining
//! acute becomes the precomposed "é" the font has), control characters become spaces, and any
//! character the font lacks (emoji, other scripts) becomes U+FFFD or "?" — PDF/A forbids the
//! `.notdef` glyph, and a document must never fail because of one odd character.

use std::sync::LazyLock;

use krilla::text::{Font, GlyphId, KrillaGlyph};
use skrifa::MetadataProvider;
use skrifa::charmap::Charmap;
use skrifa::instance::{LocationRef, Size};
use skrifa::metrics::GlyphMetrics;
use unicode_normalization::UnicodeNormalization;

/// Regular or bold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Weight {
    Regular,
    Bold,
}

/// One font: the krilla handle that embeds it, and the tables used to measure text.
pub(crate) struct Face {
    pub font: Font,
    charmap: Charmap<'static>,
    metrics: GlyphMetrics<'static>,
    units_per_em: f32,
    /// Glyph and advance of the character that stands in for missing ones.
    replacement: (char, GlyphId, f32),
}

/// The faces, parsed once per process.
pub(crate) struct Faces {
    pub regular: Face,
    pub bold: Face,
}

static FACES: LazyLock<Option<Faces>> = LazyLock::new(|| {
    Some(Faces {
        regular: Face::load(notosans::REGULAR_TTF)?,
        bold: Face::load(notosans::BOLD_TTF)?,
    })
});

/// The document faces, or `None` if the bundled fonts cannot be read (never with the pinned
/// `notosans` crate; reported as an error rather than a panic all the same).
pub(crate) fn faces() -> Option<&'static Faces> {
    FACES.as_ref()
}

impl Faces {
    pub fn get(&self, weight: Weight) -> &Face {
        match weight {
            Weight::Regular => &self.regular,
            Weight::Bold => &self.bold,
        }
    }
}

impl Face {
    fn load(data: &'static [u8]) -> Option<Face> {
        let font = Font::new(data.into(), 0)?;
        let font_ref = skrifa::FontRef::new(data).ok()?;
        let charmap = font_ref.charmap();
        let metrics = font_ref.glyph_metrics(Size::unscaled(), LocationRef::default());
        let units_per_em = f32::from(
            font_ref
                .metrics(Size::unscaled(), LocationRef::default())
                .units_per_em,
        );
        let replacement = ['\u{FFFD}', '?'].into_iter().find_map(|c| {
            let gid = charmap.map(c)?;
            Some((c, GlyphId::new(gid.to_u32()), metrics.advance_width(gid)?))
        })?;
        Some(Face {
            font,
            charmap,
            metrics,
            units_per_em,
            replacement,
        })
    }

    /// The character actually drawn for `c`, its glyph and its advance in font units.
    fn glyph(&self, c: char) -> (char, GlyphId, f32) {
        match self.charmap.map(c) {
            Some(gid) if gid.to_u32() != 0 => {
                let advance = self.metrics.advance_width(gid).unwrap_or(0.0);
                (c, GlyphId::new(gid.to_u32()), advance)
            }
            _ => self.replacement,
        }
    }

    /// Width of `text` at `size` points (text already passed through [`clean`]).
    pub fn width(&self, text: &str, size: f32) -> f32 {
        let units: f32 = text.chars().map(|c| self.glyph(c).2).sum();
        units / self.units_per_em * size
    }

    /// The glyphs of one line, and the text they stand for (with replacements applied, so a
    /// copied or extracted line says what is printed).
    pub fn glyphs(&self, text: &str) -> (Vec<KrillaGlyph>, String) {
        let mut shown = String::with_capacity(text.len());
        let mut glyphs = Vec::with_capacity(text.len());
        for c in text.chars() {
            let (drawn, gid, advance) = self.glyph(c);
            let start = shown.len();
            shown.push(drawn);
            glyphs.push(KrillaGlyph::new(
                gid,
                advance / self.units_per_em,
                0.0,
                0.0,
                0.0,
                start..shown.len(),
                None,
            ));
        }
        (glyphs, shown)
    }
}

/// Text as it will be set: NFC, tabs and other controls as spaces (line feeds kept), and the
/// code points PDF/A forbids in a text mapping (U+0000, U+FEFF, U+FFFE) removed.
pub(crate) fn clean(text: &str) -> String {
    text.nfc()
        .filter(|c| !matches!(c, '\u{0}' | '\u{FEFF}' | '\u{FFFE}'))
        .map(|c| match c {
            '\n' => '\n',
            '\r' => ' ',
            c if c.is_control() => ' ',
            c => c,
        })
        .collect()
}

/// Breaks `text` into lines no wider than `width` points at `size`: at line feeds, between
/// words, and inside a word only when the word alone is wider than the line. Lines keep no
/// trailing spaces. An empty text gives one empty line.
pub(crate) fn wrap(face: &Face, text: &str, size: f32, width: f32) -> Vec<String> {
    let text = clean(text);
    let mut lines = Vec::new();
    for hard_line in text.split('\n') {
        wrap_line(face, hard_line, size, width, &mut lines);
    }
    lines
}

fn wrap_line(face: &Face, text: &str, size: f32, width: f32, lines: &mut Vec<String>) {
    let space = face.width(" ", size);
    let mut current = String::new();
    let mut current_width = 0.0;
    for word in text.split(' ').filter(|w| !w.is_empty()) {
        let word_width = face.width(word, size);
        let needed = if current.is_empty() {
            word_width
        } else {
            current_width + space + word_width
        };
        if needed <= width {
            if !current.is_empty() {
                current.push(' ');
            }
            current.push_str(word);
            current_width = needed;
            continue;
        }
        if !current.is_empty() {
            lines.push(std::mem::take(&mut current));
        }
        if word_width <= width {
            current.push_str(word);
            current_width = word_width;
        } else {
            let mut pieces = break_word(face, word, size, width);
            let last = pieces.pop().unwrap_or_default();
            lines.extend(pieces);
            current_width = face.width(&last, size);
            current = last;
        }
    }
    lines.push(current);
}

/// Cuts a word wider than a line into pieces that fit (at least one character per piece).
fn break_word(face: &Face, word: &str, size: f32, width: f32) -> Vec<String> {
    let mut pieces = Vec::new();
    let mut piece = String::new();
    let mut piece_width = 0.0;
    for c in word.chars() {
        let w = face.width(c.encode_utf8(&mut [0; 4]), size);
        if piece_width + w > width && !piece.is_empty() {
            pieces.push(std::mem::take(&mut piece));
            piece_width = 0.0;
        }
        piece.push(c);
        piece_width += w;
    }
    pieces.push(piece);
    pieces
}

/// At most `max` lines; when more were needed the last kept line ends with "…".
pub(crate) fn clamp_lines(mut lines: Vec<String>, max: usize) -> Vec<String> {
    if lines.len() > max && max > 0 {
        lines.truncate(max);
        if let Some(last) = lines.last_mut() {
            let kept: String = last
                .chars()
                .take(last.chars().count().saturating_sub(1))
                .collect();
            *last = format!("{kept}…");
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    fn regular() -> &'static Face {
        &faces().unwrap().regular
    }

    #[test]
    fn indonesian_text_and_symbols_have_glyphs() {
        let face = regular();
        for c in "Rp ± é ü – “ ” • …".chars() {
            assert_ne!(face.glyph(c).0, face.replacement.0, "{c}");
        }
    }

    #[test]
    fn missing_characters_are_replaced_not_dropped() {
        let face = regular();
        let (glyphs, shown) = face.glyphs("a😀b");
        assert_eq!(glyphs.len(), 3);
        assert!(glyphs.iter().all(|g| g.glyph_id.to_u32() != 0));
        assert_eq!(shown.chars().nth(1), Some(face.replacement.0));
    }

    #[test]
    fn combining_marks_are_composed() {
        assert_eq!(clean("e\u{301}"), "é");
        assert_eq!(clean("a\tb\r\nc\u{0}\u{FEFF}"), "a b \nc");
    }

    #[test]
    fn lines_fit_the_width_and_keep_every_word() {
        let face = regular();
        let text = "Izin Mendirikan Bangunan untuk rumah tinggal dua lantai di Desa Kalisalak";
        let lines = wrap(face, text, 10.0, 120.0);
        assert!(lines.len() > 1);
        for line in &lines {
            assert!(face.width(line, 10.0) <= 120.0, "{line}");
        }
        assert_eq!(lines.join(" "), text);
    }

    #[test]
    fn a_word_longer_than_the_line_is_cut() {
        let face = regular();
        let word = "x".repeat(500);
        let lines = wrap(face, &word, 10.0, 100.0);
        assert!(lines.len() > 5);
        assert_eq!(lines.concat(), word);
        assert!(lines.iter().all(|l| face.width(l, 10.0) <= 100.0));
    }

    #[test]
    fn empty_text_and_line_feeds() {
        let face = regular();
        assert_eq!(wrap(face, "", 10.0, 100.0), vec![String::new()]);
        assert_eq!(wrap(face, "a\n\nb", 10.0, 100.0), vec!["a", "", "b"]);
    }

    #[test]
    fn clamped_lines_end_with_an_ellipsis() {
        let lines = vec!["satu".to_string(), "dua".into(), "tiga".into()];
        assert_eq!(clamp_lines(lines.clone(), 2), vec!["satu", "du…"]);
        assert_eq!(clamp_lines(lines, 5).len(), 3);
    }
}
