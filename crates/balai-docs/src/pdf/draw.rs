//! Turns the laid-out pages into a PDF/A-2b file with krilla.

use chrono::{Datelike, Timelike};
use krilla::configure::{Archival, ConfigurationBuilder};
use krilla::geom::{PathBuilder, Point, Rect, Size, Transform};
use krilla::metadata::{DateTime, Metadata};
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke};
use krilla::surface::Surface;
use krilla::{Document, SerializeSettings};

use super::DocumentSpec;
use super::layout::{CONTENT_W, Flow, Ink, MARGIN, MM, Op, PAGE_H, PAGE_W, Style};
use super::text::{Faces, Weight, clamp_lines, wrap};
use crate::DocsError;

/// Metadata strings are cut to this many characters (PDF strings stop at 32,767 bytes).
const MAX_META: usize = 2_000;

fn gray(level: u8) -> krilla::paint::Paint {
    krilla::color::luma::Color::new(level).into()
}

/// Writes every page of `flow`, with the footer, and the document metadata.
pub(crate) fn document(spec: &DocumentSpec, flow: Flow) -> Result<Vec<u8>, DocsError> {
    let configuration = ConfigurationBuilder::new()
        .with_archival_validator(Archival::A2_B)
        .finish()
        .map_err(|e| DocsError::Pdf(format!("{e:?}")))?;
    let settings = SerializeSettings {
        configuration,
        ..SerializeSettings::default()
    };
    let mut document = Document::new_with(settings);
    document.set_metadata(metadata(spec));
    let total = flow.pages.len();
    for (index, ops) in flow.pages.iter().enumerate() {
        let Some(page_settings) = PageSettings::from_wh(PAGE_W, PAGE_H) else {
            return Err(DocsError::Pdf("page size".into()));
        };
        let mut page = document.start_page_with(page_settings);
        let mut surface = page.surface();
        for op in ops {
            draw(&mut surface, flow.faces, op);
        }
        if let Some(footer) = &spec.footer {
            for op in footer_ops(&flow, footer, index + 1, total) {
                draw(&mut surface, flow.faces, &op);
            }
        }
        surface.finish();
        page.finish();
    }
    document
        .finish()
        .map_err(|e| DocsError::Pdf(format!("{e:?}")))
}

fn shorten(s: &str) -> String {
    s.chars().take(MAX_META).collect()
}

fn metadata(spec: &DocumentSpec) -> Metadata {
    let lang = if spec.lang.trim().is_empty() {
        "id"
    } else {
        spec.lang.trim()
    };
    let at = spec.created_at;
    let date = DateTime::new(u16::try_from(at.year()).unwrap_or(2000))
        .month(at.month() as u8)
        .day(at.day() as u8)
        .hour(at.hour() as u8)
        .minute(at.minute() as u8)
        .second(at.second() as u8)
        .utc_offset_hour(0)
        .utc_offset_minute(0);
    Metadata::new()
        .title(shorten(&spec.title))
        .description(shorten(&spec.subject))
        .authors(vec![shorten(&spec.author)])
        .keywords(spec.keywords.iter().take(50).map(|k| shorten(k)).collect())
        .language(shorten(lang))
        .creator("Balai".to_string())
        .creation_date(date)
}

/// The footer of page `n` of `total`: the text on the left (at most two lines), the page
/// number on the right.
fn footer_ops(flow: &Flow, footer: &str, n: usize, total: usize) -> Vec<Op> {
    let style = Style::new(7.5, Weight::Regular).gray();
    let number = format!("Halaman {n} dari {total}");
    let number_w = flow.face(Weight::Regular).width(&number, style.size);
    let text_w = CONTENT_W - number_w - 6.0 * MM;
    let lines = clamp_lines(
        wrap(flow.face(Weight::Regular), footer, style.size, text_w),
        2,
    );
    let top = PAGE_H - MARGIN - 7.0 * MM;
    let mut ops = vec![
        Op::Line {
            from: (MARGIN, top - 1.5 * MM),
            to: (MARGIN + CONTENT_W, top - 1.5 * MM),
            width: 0.3,
        },
        flow.line_op(MARGIN + CONTENT_W - number_w, top, number, style),
    ];
    for (i, line) in lines.into_iter().enumerate() {
        ops.push(flow.line_op(MARGIN, top + i as f32 * style.line_height(), line, style));
    }
    ops
}

fn draw(surface: &mut Surface<'_>, faces: &Faces, op: &Op) {
    match op {
        Op::Text {
            x,
            baseline,
            size,
            weight,
            ink,
            text,
        } => {
            let face = faces.get(*weight);
            let (glyphs, shown) = face.glyphs(text);
            if glyphs.is_empty() {
                return;
            }
            surface.set_stroke(None);
            surface.set_fill(Some(Fill {
                paint: gray(ink.level()),
                ..Fill::default()
            }));
            surface.draw_glyphs(
                Point::from_xy(*x, *baseline),
                &glyphs,
                face.font.clone(),
                &shown,
                *size,
                false,
            );
        }
        Op::Rects { rects, level } => {
            let mut builder = PathBuilder::new();
            for [x, y, w, h] in rects {
                if let Some(rect) = Rect::from_xywh(*x, *y, *w, *h) {
                    builder.push_rect(rect);
                }
            }
            if let Some(path) = builder.finish() {
                surface.set_stroke(None);
                surface.set_fill(Some(Fill {
                    paint: gray(*level),
                    ..Fill::default()
                }));
                surface.draw_path(&path);
            }
        }
        Op::Line { from, to, width } => {
            let mut builder = PathBuilder::new();
            builder.move_to(from.0, from.1);
            builder.line_to(to.0, to.1);
            if let Some(path) = builder.finish() {
                surface.set_fill(None);
                surface.set_stroke(Some(Stroke {
                    paint: gray(Ink::Black.level()),
                    width: *width,
                    ..Stroke::default()
                }));
                surface.draw_path(&path);
            }
        }
        Op::Image { x, y, w, h, image } => {
            if let Some(size) = Size::from_wh(*w, *h) {
                surface.push_transform(&Transform::from_translate(*x, *y));
                surface.draw_image(image.clone(), size);
                surface.pop();
            }
        }
    }
}
