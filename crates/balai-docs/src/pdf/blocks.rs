//! How each kind of [`Block`] is laid out.

use krilla::image::Image;

use super::layout::{Align, CONTENT_W, Flow, MARGIN, MM, Op, Style};
use super::text::{Weight, clamp_lines, wrap};
use super::{Block, Letterhead};
use crate::DocsError;
use crate::qr::qr_modules;

const BODY: Style = Style::new(10.5, Weight::Regular);
const SMALL: Style = Style::new(8.5, Weight::Regular).gray();
const TITLE: Style = Style::new(13.0, Weight::Bold);
const HEADING: Style = Style::new(11.0, Weight::Bold);
const CELL: Style = Style::new(9.0, Weight::Regular);
const CELL_HEAD: Style = Style::new(9.0, Weight::Bold);
/// Padding inside table cells.
const PAD: f32 = 1.5 * MM;
/// Side of a printed QR code, quiet zone included: about 0.5 mm per module for a 300-character
/// payload, which phone cameras read from paper.
const QR_SIDE: f32 = 35.0 * MM;
/// The largest photo accepted, in pixels per side and in total (a bigger one is a mistake or an
/// attack on memory, not an inspection photo).
const MAX_IMAGE_SIDE: u32 = 12_000;
const MAX_IMAGE_PIXELS: u64 = 60_000_000;

pub(crate) fn letterhead(flow: &mut Flow, head: &Letterhead) {
    let center = Align::Center;
    flow.paragraph(&head.region_name, Style::new(12.0, Weight::Bold), center);
    flow.paragraph(&head.agency_name, Style::new(15.0, Weight::Bold), center);
    flow.paragraph(&head.address, Style::new(9.0, Weight::Regular), center);
    flow.paragraph(&head.contact, Style::new(9.0, Weight::Regular), center);
    // The double rule under an Indonesian letterhead (kop surat): thick, then thin.
    flow.advance(1.5 * MM);
    flow.rule(1.6);
    flow.advance(0.8 * MM);
    flow.rule(0.5);
    flow.advance(6.0 * MM);
}

/// Lays out one block; an image that cannot be decoded is an error.
pub(crate) fn block(flow: &mut Flow, block: &Block) -> Result<(), DocsError> {
    match block {
        Block::Title(text) => {
            flow.advance(2.0 * MM);
            flow.paragraph(text, TITLE, Align::Center);
            flow.advance(4.0 * MM);
        }
        Block::Heading(text) => {
            flow.advance(3.0 * MM);
            // Keep a heading with the first two lines of what follows.
            flow.keep(HEADING.line_height() + 2.0 * BODY.line_height());
            flow.paragraph(text, HEADING, Align::Left);
            flow.advance(1.5 * MM);
        }
        Block::Paragraph(text) => {
            flow.paragraph(text, BODY, Align::Left);
            flow.advance(2.5 * MM);
        }
        Block::Small(text) => {
            flow.paragraph(text, SMALL, Align::Left);
            flow.advance(2.0 * MM);
        }
        Block::Fields(rows) => fields(flow, rows),
        Block::Bullets(items) => bullets(flow, items),
        Block::Table {
            header,
            rows,
            widths,
        } => table(flow, header, rows, widths),
        Block::Spacer(mm) => {
            let mm = if mm.is_finite() {
                mm.clamp(0.0, 300.0)
            } else {
                0.0
            };
            flow.advance(mm * MM);
        }
        Block::SignatureBlock {
            place_date,
            position,
            name,
            id_line,
        } => signature(flow, place_date, position, name, id_line),
        Block::Qr { payload, caption } => qr(flow, payload, caption)?,
        Block::Image {
            png,
            width_mm,
            caption,
        } => image(flow, png, *width_mm, caption)?,
    }
    Ok(())
}

fn fields(flow: &mut Flow, rows: &[(String, String)]) {
    let label_w = CONTENT_W * 0.36;
    let colon_w = 4.0 * MM;
    let value_x = MARGIN + label_w + colon_w;
    let value_w = CONTENT_W - label_w - colon_w;
    let lh = BODY.line_height();
    for (label, value) in rows {
        let labels = wrap(
            flow.face(Weight::Regular),
            label,
            BODY.size,
            label_w - 2.0 * MM,
        );
        let values = wrap(flow.face(Weight::Regular), value, BODY.size, value_w);
        let n = labels.len().max(values.len());
        flow.keep(lh * n.min(3) as f32);
        for i in 0..n {
            if lh > flow.room() {
                flow.new_page();
            }
            let top = flow.y;
            if let Some(line) = labels.get(i) {
                let op = flow.line_op(MARGIN, top, line.clone(), BODY);
                flow.push(op);
            }
            if i == 0 {
                let op = flow.line_op(MARGIN + label_w, top, ":".into(), BODY);
                flow.push(op);
            }
            if let Some(line) = values.get(i) {
                let op = flow.line_op(value_x, top, line.clone(), BODY);
                flow.push(op);
            }
            flow.y += lh;
        }
        flow.advance(1.0 * MM);
    }
    flow.advance(2.0 * MM);
}

fn bullets(flow: &mut Flow, items: &[String]) {
    let indent = 5.0 * MM;
    for item in items {
        let lines = wrap(
            flow.face(Weight::Regular),
            item,
            BODY.size,
            CONTENT_W - indent,
        );
        flow.keep(BODY.line_height());
        let op = flow.line_op(MARGIN + 1.0 * MM, flow.y, "•".into(), BODY);
        flow.push(op);
        flow.lines(
            lines,
            MARGIN + indent,
            CONTENT_W - indent,
            BODY,
            Align::Left,
        );
        flow.advance(1.0 * MM);
    }
    flow.advance(1.5 * MM);
}

/// Column widths in points: the given fractions when there is one positive finite fraction per
/// column, else equal columns.
fn column_widths(widths: &[f32], columns: usize) -> Vec<f32> {
    let usable = widths.len() == columns && widths.iter().all(|w| w.is_finite() && *w > 0.0);
    let sum: f32 = widths.iter().sum();
    (0..columns)
        .map(|i| {
            if usable {
                CONTENT_W * widths[i] / sum
            } else {
                CONTENT_W / columns as f32
            }
        })
        .collect()
}

/// The wrapped lines of each cell of a row (missing cells are empty).
fn cell_lines(flow: &Flow, cells: &[String], cols: &[f32], style: Style) -> Vec<Vec<String>> {
    cols.iter()
        .enumerate()
        .map(|(i, w)| {
            let text = cells.get(i).map(String::as_str).unwrap_or("");
            wrap(flow.face(style.weight), text, style.size, w - 2.0 * PAD)
        })
        .collect()
}

fn table(flow: &mut Flow, header: &[String], rows: &[Vec<String>], widths: &[f32]) {
    let columns = rows
        .iter()
        .map(Vec::len)
        .chain([header.len()])
        .max()
        .unwrap_or(0);
    if columns == 0 {
        return;
    }
    let cols = column_widths(widths, columns);
    let head: Option<Vec<Vec<String>>> = (!header.is_empty()).then(|| {
        cell_lines(flow, header, &cols, CELL_HEAD)
            .into_iter()
            .map(|lines| clamp_lines(lines, 3))
            .collect()
    });
    if let Some(head) = &head {
        let n = head.iter().map(Vec::len).max().unwrap_or(1);
        // A header alone at the foot of a page is useless: keep it with one body line.
        flow.keep(n as f32 * CELL.line_height() + 4.0 * PAD + CELL.line_height());
        row(flow, head, &cols, CELL_HEAD, true, None);
    }
    for cells in rows {
        let lines = cell_lines(flow, cells, &cols, CELL);
        row(flow, &lines, &cols, CELL, false, head.as_ref());
    }
    flow.advance(3.0 * MM);
}

/// Draws a table row, splitting it across pages when it does not fit; the header is repeated
/// at the top of each new page.
fn row(
    flow: &mut Flow,
    cells: &[Vec<String>],
    cols: &[f32],
    style: Style,
    shaded: bool,
    header: Option<&Vec<Vec<String>>>,
) {
    let lh = style.line_height();
    let total = cells.iter().map(Vec::len).max().unwrap_or(1).max(1);
    let whole = total as f32 * lh + 2.0 * PAD;
    // Move a row that would fit on a fresh page rather than splitting it.
    if whole > flow.room() && whole <= flow.page_height() {
        next_page_with_header(flow, cols, header);
    }
    let mut start = 0;
    while start < total && !flow.overflowed {
        let fit = ((flow.room() - 2.0 * PAD) / lh).floor().max(0.0) as usize;
        if fit == 0 {
            next_page_with_header(flow, cols, header);
            continue;
        }
        let take = fit.min(total - start);
        row_slice(flow, cells, cols, style, shaded, start..start + take);
        start += take;
        if start < total {
            next_page_with_header(flow, cols, header);
        }
    }
}

fn next_page_with_header(flow: &mut Flow, cols: &[f32], header: Option<&Vec<Vec<String>>>) {
    flow.new_page();
    if let Some(head) = header {
        row_slice(
            flow,
            head,
            cols,
            CELL_HEAD,
            true,
            0..head.iter().map(Vec::len).max().unwrap_or(1),
        );
    }
}

fn row_slice(
    flow: &mut Flow,
    cells: &[Vec<String>],
    cols: &[f32],
    style: Style,
    shaded: bool,
    lines: std::ops::Range<usize>,
) {
    let top = flow.y;
    let height = lines.len() as f32 * style.line_height() + 2.0 * PAD;
    if shaded {
        flow.push(Op::Rects {
            rects: vec![[MARGIN, top, CONTENT_W, height]],
            level: 232,
        });
    }
    let mut x = MARGIN;
    for (cell, w) in cells.iter().zip(cols) {
        for (k, i) in lines.clone().enumerate() {
            if let Some(line) = cell.get(i) {
                let line_top = top + PAD + k as f32 * style.line_height();
                let op = flow.line_op(x + PAD, line_top, line.clone(), style);
                flow.push(op);
            }
        }
        x += w;
    }
    // Borders: top, bottom, and every column edge.
    let bottom = top + height;
    let right = MARGIN + CONTENT_W;
    for y in [top, bottom] {
        flow.push(Op::Line {
            from: (MARGIN, y),
            to: (right, y),
            width: 0.5,
        });
    }
    let mut edge = MARGIN;
    for w in std::iter::once(&0.0).chain(cols) {
        edge += w;
        flow.push(Op::Line {
            from: (edge, top),
            to: (edge, bottom),
            width: 0.5,
        });
    }
    flow.y = bottom;
}

fn signature(flow: &mut Flow, place_date: &str, position: &str, name: &str, id_line: &str) {
    let x = MARGIN + CONTENT_W * 0.5;
    let w = CONTENT_W * 0.5;
    let regular = flow.face(Weight::Regular);
    let bold = flow.face(Weight::Bold);
    let top_lines = [
        wrap(regular, place_date, BODY.size, w),
        wrap(regular, position, BODY.size, w),
    ]
    .concat();
    let names = wrap(bold, name, BODY.size, w);
    let ids = wrap(regular, id_line, BODY.size, w);
    let gap = 22.0 * MM;
    let lh = BODY.line_height();
    flow.keep((top_lines.len() + names.len() + ids.len()) as f32 * lh + gap + 6.0 * MM);
    flow.advance(4.0 * MM);
    flow.lines(top_lines, x, w, BODY, Align::Center);
    flow.advance(gap);
    let name_style = Style::new(BODY.size, Weight::Bold);
    for line in names {
        let line_w = bold.width(&line, BODY.size);
        let left = x + ((w - line_w) / 2.0).max(0.0);
        let underline = flow.y + BODY.size * 1.25;
        flow.lines(vec![line], x, w, name_style, Align::Center);
        flow.push(Op::Line {
            from: (left, underline),
            to: (left + line_w, underline),
            width: 0.6,
        });
    }
    flow.lines(ids, x, w, BODY, Align::Center);
    flow.advance(2.0 * MM);
}

fn qr(flow: &mut Flow, payload: &str, caption: &str) -> Result<(), DocsError> {
    let (width, dark) = qr_modules(payload)?;
    let caption_x = MARGIN + QR_SIDE + 5.0 * MM;
    let caption_w = CONTENT_W - QR_SIDE - 5.0 * MM;
    let lines = clamp_lines(
        wrap(flow.face(Weight::Regular), caption, SMALL.size, caption_w),
        14,
    );
    flow.keep(QR_SIDE);
    let top = flow.y;
    // Four modules of quiet zone on each side (ISO/IEC 18004), white on the white page.
    let module = QR_SIDE / (width + 8) as f32;
    let origin = (MARGIN + 4.0 * module, top + 4.0 * module);
    let mut rects = Vec::new();
    for row in 0..width {
        let mut col = 0;
        while col < width {
            if !dark[row * width + col] {
                col += 1;
                continue;
            }
            let run_start = col;
            while col < width && dark[row * width + col] {
                col += 1;
            }
            rects.push([
                origin.0 + run_start as f32 * module,
                origin.1 + row as f32 * module,
                (col - run_start) as f32 * module,
                module,
            ]);
        }
    }
    flow.push(Op::Rects { rects, level: 0 });
    flow.y = top + 4.0 * module;
    flow.lines(lines, caption_x, caption_w, SMALL, Align::Left);
    flow.y = flow.y.max(top + QR_SIDE);
    flow.advance(3.0 * MM);
    Ok(())
}

/// Decodes a JPEG or PNG photo; anything else, or an absurdly large one, is an error.
fn load_image(bytes: &[u8]) -> Result<Image, DocsError> {
    use balai_core::files::{FileKind, sniff};
    let data = bytes.to_vec().into();
    let image = match sniff(bytes) {
        Some(FileKind::Png) => Image::from_png(data, false),
        Some(FileKind::Jpeg) => Image::from_jpeg(data, false),
        _ => Err("not a PNG or JPEG image".to_string()),
    }
    .map_err(DocsError::Image)?;
    let (w, h) = image.size();
    let too_big =
        w > MAX_IMAGE_SIDE || h > MAX_IMAGE_SIDE || u64::from(w) * u64::from(h) > MAX_IMAGE_PIXELS;
    if w == 0 || h == 0 || too_big {
        return Err(DocsError::Image(format!("unusable image size {w}×{h}")));
    }
    Ok(image)
}

fn image(flow: &mut Flow, bytes: &[u8], width_mm: f32, caption: &str) -> Result<(), DocsError> {
    let image = load_image(bytes)?;
    let (iw, ih) = image.size();
    let lines = clamp_lines(
        wrap(flow.face(Weight::Regular), caption, SMALL.size, CONTENT_W),
        4,
    );
    let caption_h = lines.len() as f32 * SMALL.line_height() + 2.0 * MM;
    let mut w = if width_mm.is_finite() {
        (width_mm * MM).clamp(10.0 * MM, CONTENT_W)
    } else {
        CONTENT_W
    };
    let mut h = w * ih as f32 / iw as f32;
    let max_h = flow.page_height() - caption_h;
    if h > max_h {
        w *= max_h / h;
        h = max_h;
    }
    flow.keep(h + caption_h);
    let x = MARGIN + (CONTENT_W - w) / 2.0;
    flow.push(Op::Image {
        x,
        y: flow.y,
        w,
        h,
        image,
    });
    flow.y += h + 1.5 * MM;
    flow.lines(lines, MARGIN, CONTENT_W, SMALL, Align::Center);
    flow.advance(3.0 * MM);
    Ok(())
}
