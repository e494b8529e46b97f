//! Documents Balai produces: QR codes today (TOTP enrolment, receipt verification links);
//! PDF rendering, document signing, XLSX exports and SVG charts join here as they are built.

use qrcode::QrCode;
use qrcode::render::svg;
use thiserror::Error;

/// What can go wrong producing a document.
#[derive(Debug, Error)]
pub enum DocsError {
    /// The data does not fit in a QR code (more than about 2,900 bytes).
    #[error("cannot make a QR code: {0}")]
    Qr(String),
}

/// A QR code of `data` as an inline SVG element (no XML declaration, so it can sit inside an
/// HTML page), dark modules on white with the standard quiet zone, at least 200 px wide and
/// scaling with its container through its `viewBox`. Medium error correction: enough for a
/// phone camera reading a screen.
pub fn qr_svg(data: &str) -> Result<String, DocsError> {
    let code = QrCode::with_error_correction_level(data.as_bytes(), qrcode::EcLevel::M)
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
    }
}
