//! A server-rendered SVG bar chart of the elements' converted values (25–100) with the grade
//! cut-offs drawn as lines, so the page needs no script to show it.

use std::fmt::Write;

use balai_core::survey::Grade;

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Horizontal bars, one per `(label, value)`, on a 0–100 axis; `title` is the accessible name.
pub(crate) fn bars(title: &str, items: &[(String, f64)]) -> String {
    const ROW: f64 = 34.0;
    const WIDTH: f64 = 640.0;
    let height = ROW * items.len() as f64 + 30.0;
    let scale = |v: f64| v.clamp(0.0, 100.0) / 100.0 * (WIDTH - 60.0);
    let mut svg = String::new();
    let _ = write!(
        svg,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {WIDTH} {height}\" role=\"img\" \
         aria-label=\"{}\" class=\"chart\"><title>{}</title>",
        escape(title),
        escape(title)
    );
    for (i, (label, value)) in items.iter().enumerate() {
        let y = ROW * i as f64;
        let _ = write!(
            svg,
            "<text x=\"0\" y=\"{:.0}\" font-size=\"12\" fill=\"#1a1a1a\">{}</text>\
             <rect x=\"0\" y=\"{:.0}\" width=\"{:.1}\" height=\"14\" fill=\"#0b5cad\"></rect>\
             <text x=\"{:.1}\" y=\"{:.0}\" font-size=\"12\" fill=\"#1a1a1a\">{value:.2}</text>",
            y + 12.0,
            escape(label),
            y + 16.0,
            scale(*value),
            scale(*value) + 4.0,
            y + 28.0,
        );
    }
    for (cut, grade) in Grade::CUTS {
        let x = scale(cut as f64 / 100.0);
        let _ = write!(
            svg,
            "<line x1=\"{x:.1}\" x2=\"{x:.1}\" y1=\"0\" y2=\"{:.0}\" stroke=\"#6b6b6b\" \
             stroke-dasharray=\"3 3\"></line><text x=\"{x:.1}\" y=\"{:.0}\" font-size=\"11\" \
             fill=\"#4a4a4a\">{}</text>",
            height - 14.0,
            height - 2.0,
            grade.as_str()
        );
    }
    svg.push_str("</svg>");
    svg
}
