//! QR codes: an inline SVG for web pages, and the module matrix the PDF renderer draws as
//! vector squares.

use qrcode::QrCode;
use qrcode::render::svg;

use crate::DocsError;

/// Medium error correction (about 15 % of the code may be damaged or dirty): what a printed
/// document or a phone screen needs, and still room for a 300-character verification link.
const EC: qrcode::EcLevel = qrcode::EcLevel::M;

/// A QR code of `data` as an inline SVG element (no XML declaration, so it can sit inside an
/// HTML page), dark modules on white with the standard quiet zone, at least 200 px wide and
/// scaling with its container through its `viewBox`.
pub fn qr_svg(data: &str) -> Result<String, DocsError> {
    let code = QrCode::with_error_correction_level(data.as_bytes(), EC)
        .map_err(|e| DocsError::Qr(e.to_string()))?;
    let doc = code
        .render::<svg::Color<'_>>()
        .min_dimensions(200, 200)
        .dark_color(svg::Color("#000000"))
        .light_color(svg::Color("#ffffff"))
        .build();
    // Drop the `<?xml …?>` prologue: it is not allowed inside HTML.
    let start = doc.find("<svg").unwrap_or(0);
    Ok(doc[start..].to_string())
}

/// The modules of a QR code of `data`: the width in modules (without quiet zone) and, row by
/// row, whether each module is dark.
pub(crate) fn qr_modules(data: &str) -> Result<(usize, Vec<bool>), DocsError> {
    let code = QrCode::with_error_correction_level(data.as_bytes(), EC)
        .map_err(|e| DocsError::Qr(e.to_string()))?;
    let dark = code
        .to_colors()
        .into_iter()
        .map(|c| c == qrcode::Color::Dark)
        .collect();
    Ok((code.width(), dark))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn qr_svg_is_an_inline_svg_element() {
        let s = qr_svg("otpauth://totp/Balai:a%40b.id?secret=JBSWY3DPEHPK3PXP&issuer=Balai");
        let s = s.unwrap_or_default();
        assert!(s.starts_with("<svg"));
        assert!(s.ends_with("</svg>"));
        assert!(s.contains("viewBox"));
        assert!(!s.contains("<?xml"));
    }

    #[test]
    fn too_much_data_is_an_error_not_a_panic() {
        let big = "x".repeat(10_000);
        assert!(matches!(qr_svg(&big), Err(DocsError::Qr(_))));
        assert!(matches!(qr_modules(&big), Err(DocsError::Qr(_))));
    }

    #[test]
    fn a_300_character_link_fits_a_version_printable_at_35_mm() {
        let link = format!(
            "https://balai.batangkab.go.id/verifikasi/{}",
            "a".repeat(259)
        );
        assert_eq!(link.len(), 300);
        let (width, dark) = qr_modules(&link).unwrap();
        assert_eq!(dark.len(), width * width);
        // Version 13 or less (≤ 69 modules): with the quiet zone, 35 mm gives ≥ 0.45 mm a module.
        assert!(width <= 69, "{width}");
        assert!(dark.iter().any(|d| *d) && dark.iter().any(|d| !*d));
    }
}
