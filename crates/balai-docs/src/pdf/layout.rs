//! Page geometry and the flow of content down the pages.
//!
//! Layout is done first, into a list of drawing operations per page; drawing comes after, when
//! the number of pages is known (the footer says "Halaman n dari m"). Coordinates are points
//! from the top-left corner, y growing downwards, as krilla draws them.

use krilla::image::Image;

use super::text::{Face, Faces, Weight, wrap};

/// One millimetre in points.
pub(crate) const MM: f32 = 72.0 / 25.4;
/// A4 portrait.
pub(crate) const PAGE_W: f32 = 210.0 * MM;
pub(crate) const PAGE_H: f32 = 297.0 * MM;
pub(crate) const MARGIN: f32 = 20.0 * MM;
pub(crate) const CONTENT_W: f32 = PAGE_W - 2.0 * MARGIN;
/// Room kept above the bottom margin for the footer line(s).
pub(crate) const FOOTER_ROOM: f32 = 10.0 * MM;
/// More pages than this is a runaway document (a mistake upstream), refused as an error.
pub(crate) const MAX_PAGES: usize = 500;

/// Baseline below the top of a line, and line height, as multiples of the font size (Noto
/// Sans ascends 1.069 em and descends 0.293 em).
const ASCENT: f32 = 1.07;
const LEADING: f32 = 1.4;

/// How dark drawn text or lines are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Ink {
    Black,
    Gray,
}

impl Ink {
    pub fn level(self) -> u8 {
        match self {
            Ink::Black => 0,
            Ink::Gray => 90,
        }
    }
}

/// A drawing operation on a page.
pub(crate) enum Op {
    Text {
        x: f32,
        baseline: f32,
        size: f32,
        weight: Weight,
        ink: Ink,
        text: String,
    },
    /// Filled axis-aligned rectangles `(x, y, w, h)` of one grey level (0 black … 255 white).
    Rects { rects: Vec<[f32; 4]>, level: u8 },
    Line {
        from: (f32, f32),
        to: (f32, f32),
        width: f32,
    },
    Image {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        image: Image,
    },
}

/// Text style of a run of lines.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Style {
    pub size: f32,
    pub weight: Weight,
    pub ink: Ink,
}

impl Style {
    pub const fn new(size: f32, weight: Weight) -> Style {
        Style {
            size,
            weight,
            ink: Ink::Black,
        }
    }

    pub const fn gray(mut self) -> Style {
        self.ink = Ink::Gray;
        self
    }

    pub fn line_height(&self) -> f32 {
        self.size * LEADING
    }
}

/// Horizontal placement of a line inside its column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Align {
    Left,
    Center,
}

/// The pages laid out so far and where the next content goes.
pub(crate) struct Flow {
    pub faces: &'static Faces,
    pub pages: Vec<Vec<Op>>,
    /// Top of the free space on the current page.
    pub y: f32,
    /// Lowest y content may reach.
    pub bottom: f32,
    /// Set when the page limit was passed; further content is dropped and the caller errs.
    pub overflowed: bool,
}

impl Flow {
    pub fn new(faces: &'static Faces, has_footer: bool) -> Flow {
        let reserve = if has_footer { FOOTER_ROOM } else { 0.0 };
        Flow {
            faces,
            pages: vec![Vec::new()],
            y: MARGIN,
            bottom: PAGE_H - MARGIN - reserve,
            overflowed: false,
        }
    }

    pub fn face(&self, weight: Weight) -> &'static Face {
        self.faces.get(weight)
    }

    /// Free height left on the current page.
    pub fn room(&self) -> f32 {
        self.bottom - self.y
    }

    /// Height of a full empty page.
    pub fn page_height(&self) -> f32 {
        self.bottom - MARGIN
    }

    pub fn new_page(&mut self) {
        if self.pages.len() >= MAX_PAGES {
            self.overflowed = true;
        } else {
            self.pages.push(Vec::new());
        }
        self.y = MARGIN;
    }

    /// Starts a new page unless `height` still fits on this one (or this page is still empty,
    /// where nothing would be gained).
    pub fn keep(&mut self, height: f32) {
        if height > self.room() && self.y > MARGIN {
            self.new_page();
        }
    }

    pub fn push(&mut self, op: Op) {
        if self.overflowed {
            return;
        }
        if let Some(page) = self.pages.last_mut() {
            page.push(op);
        }
    }

    /// Moves down by `height`, starting a new page when it runs past the bottom.
    pub fn advance(&mut self, height: f32) {
        self.y += height;
        if self.y > self.bottom {
            self.new_page();
        }
    }

    /// The operation drawing one line whose top is at `top`.
    pub fn line_op(&self, x: f32, top: f32, text: String, style: Style) -> Op {
        Op::Text {
            x,
            baseline: top + style.size * ASCENT,
            size: style.size,
            weight: style.weight,
            ink: style.ink,
            text,
        }
    }

    /// Sets already-wrapped lines in a column at `x` of `width`, breaking pages between lines.
    pub fn lines(&mut self, lines: Vec<String>, x: f32, width: f32, style: Style, align: Align) {
        let face = self.face(style.weight);
        for line in lines {
            if style.line_height() > self.room() {
                self.new_page();
            }
            let dx = match align {
                Align::Left => 0.0,
                Align::Center => ((width - face.width(&line, style.size)) / 2.0).max(0.0),
            };
            let op = self.line_op(x + dx, self.y, line, style);
            self.push(op);
            self.y += style.line_height();
        }
    }

    /// Wraps `text` to the content width and sets it.
    pub fn paragraph(&mut self, text: &str, style: Style, align: Align) {
        let lines = wrap(self.face(style.weight), text, style.size, CONTENT_W);
        self.lines(lines, MARGIN, CONTENT_W, style, align);
    }

    /// A horizontal rule across the content width at the current position.
    pub fn rule(&mut self, width: f32) {
        self.push(Op::Line {
            from: (MARGIN, self.y),
            to: (MARGIN + CONTENT_W, self.y),
            width,
        });
    }
}
