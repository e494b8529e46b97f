//! Rendered files are parsed back with lopdf: page count, embedded fonts, PDF/A-2b metadata,
//! extractable text; and no input string makes rendering fail or panic.

use chrono::TimeZone;
use lopdf::{Document, Object};

use super::*;

pub(crate) fn letterhead() -> Letterhead {
    Letterhead {
        region_name: "PEMERINTAH KABUPATEN BATANG".into(),
        agency_name: "DINAS PENANAMAN MODAL DAN PELAYANAN TERPADU SATU PINTU".into(),
        address: "Jl. Ahmad Yani No. 1, Batang 51215".into(),
        contact: "Telp. (0285) 391234 · dpmptsp@batangkab.go.id".into(),
    }
}

pub(crate) fn spec(blocks: Vec<Block>) -> DocumentSpec {
    DocumentSpec {
        title: "Surat Izin Usaha Mikro".into(),
        subject: "Izin PTSP/2026/000123".into(),
        author: "DPMPTSP Kabupaten Batang".into(),
        keywords: vec!["izin".into(), "PTSP".into()],
        lang: "id".into(),
        created_at: Utc.with_ymd_and_hms(2026, 11, 2, 2, 0, 0).unwrap(),
        letterhead: Some(letterhead()),
        blocks,
        footer: Some("Dokumen ini ditandatangani secara elektronik.".into()),
    }
}

/// A typical one-page licence.
pub(crate) fn licence() -> DocumentSpec {
    spec(vec![
        Block::Title("SURAT IZIN USAHA MIKRO".into()),
        Block::Paragraph("Nomor: PTSP/2026/000123".into()),
        Block::Fields(vec![
            ("Nama pemilik".into(), "Siti Aminah".into()),
            (
                "Alamat usaha".into(),
                "Desa Kalisalak RT 02/RW 05, Kecamatan Batang".into(),
            ),
            (
                "Modal usaha".into(),
                "Rp25.000.000 (± dua puluh lima juta rupiah)".into(),
            ),
        ]),
        Block::Heading("Ketentuan".into()),
        Block::Bullets(vec![
            "Izin berlaku selama usaha menjalankan kegiatannya.".into(),
            "Perubahan data wajib dilaporkan paling lambat 30 hari.".into(),
        ]),
        Block::Table {
            header: vec!["No".into(), "Kegiatan".into(), "KBLI".into()],
            rows: vec![vec!["1".into(), "Warung makan".into(), "56102".into()]],
            widths: vec![0.1, 0.7, 0.2],
        },
        Block::SignatureBlock {
            place_date: "Batang, 2 November 2026".into(),
            position: "Kepala Dinas Penanaman Modal dan PTSP".into(),
            name: "Drs. Bambang Sutrisno, M.Si.".into(),
            id_line: "NIP. 19700101 199003 1 001".into(),
        },
        Block::Qr {
            payload:
                "https://balai.batangkab.go.id/verifikasi/0192d2f0-0000-7000-8000-000000000001"
                    .into(),
            caption: "Pindai untuk memeriksa keaslian dokumen ini.".into(),
        },
    ])
}

fn parse(bytes: &[u8]) -> Document {
    Document::load_mem(bytes).unwrap()
}

fn text_of(doc: &Document) -> String {
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    doc.extract_text(&pages).unwrap()
}

fn xmp(bytes: &[u8]) -> String {
    let s = String::from_utf8_lossy(bytes);
    let start = s.find("<x:xmpmeta").unwrap();
    let end = s.find("</x:xmpmeta>").unwrap();
    s[start..end].to_string()
}

#[test]
fn a_licence_is_one_a4_page_with_embedded_fonts_and_extractable_text() {
    let bytes = render_pdf(&licence()).unwrap();
    let doc = parse(&bytes);
    assert_eq!(doc.get_pages().len(), 1);
    let page = doc.get_pages()[&1];
    let media_box = doc
        .get_dictionary(page)
        .unwrap()
        .get(b"MediaBox")
        .unwrap()
        .as_array()
        .unwrap();
    let w = media_box[2].as_float().unwrap();
    assert!((w - 595.28).abs() < 0.1, "{w}");
    let embedded = doc
        .objects
        .values()
        .filter_map(|o| o.as_dict().ok())
        .filter(|d| d.has(b"FontFile2"))
        .count();
    assert_eq!(embedded, 2, "regular and bold embedded");
    let text = text_of(&doc);
    for expected in [
        "SURAT IZIN USAHA MIKRO",
        "Siti Aminah",
        "Rp25.000.000",
        "±",
        "Halaman 1 dari 1",
    ] {
        assert!(text.contains(expected), "{expected:?} not in {text:?}");
    }
}

#[test]
fn metadata_declares_pdf_a_2b() {
    let bytes = render_pdf(&licence()).unwrap();
    let xmp = xmp(&bytes);
    assert!(xmp.contains("<pdfaid:part>2</pdfaid:part>"), "{xmp}");
    assert!(
        xmp.contains("<pdfaid:conformance>B</pdfaid:conformance>"),
        "{xmp}"
    );
    assert!(xmp.contains("Surat Izin Usaha Mikro"));
    assert!(xmp.contains("2026-11-02T02:00:00"));
    let doc = parse(&bytes);
    let catalog = doc.catalog().unwrap();
    assert!(
        catalog.has(b"OutputIntents"),
        "PDF/A needs an output intent"
    );
}

#[test]
fn the_same_spec_gives_the_same_bytes() {
    let a = render_pdf(&licence()).unwrap();
    let b = render_pdf(&licence()).unwrap();
    assert_eq!(a, b);
    let mut other = licence();
    other.blocks.push(Block::Paragraph("Tambahan.".into()));
    let c = render_pdf(&other).unwrap();
    assert_ne!(a, c);
    // The file identifier follows the content.
    let id = |bytes: &[u8]| parse(bytes).trailer.get(b"ID").unwrap().clone();
    assert_ne!(id(&a), id(&c));
}

#[test]
fn long_content_breaks_into_numbered_pages() {
    let para = "Pemohon wajib memenuhi seluruh ketentuan. ".repeat(250);
    let bytes = render_pdf(&spec(vec![Block::Paragraph(para)])).unwrap();
    let doc = parse(&bytes);
    let pages = doc.get_pages().len();
    assert!(pages >= 3, "{pages}");
    let text = text_of(&doc);
    assert!(text.contains(&format!("Halaman {pages} dari {pages}")));
}

#[test]
fn a_long_table_repeats_its_header_on_every_page() {
    let rows = (1..=120)
        .map(|i| vec![i.to_string(), format!("Berkas persyaratan nomor {i}")])
        .collect();
    let table = Block::Table {
        header: vec!["No".into(), "Uraian".into()],
        rows,
        widths: vec![],
    };
    let doc = parse(&render_pdf(&spec(vec![table])).unwrap());
    let pages = doc.get_pages();
    assert!(pages.len() >= 3);
    for page in pages.keys() {
        let text = doc.extract_text(&[*page]).unwrap();
        assert!(text.contains("Uraian"), "page {page}: {text}");
    }
}

#[test]
fn nasty_strings_render_or_are_replaced() {
    let nasty = [
        String::new(),
        "x".repeat(10_000),
        "kata ".repeat(2_000),
        "😀🇮🇩 漢字 العربية עברית".into(),
        "\u{0}\u{1}\u{7f}\t\r\n\u{FEFF}\u{FFFE}\u{202E}".into(),
        "e\u{301}\u{301}\u{301}".into(),
        "\u{E000}\u{10FFFF}".into(),
    ];
    for s in &nasty {
        let mut doc = spec(vec![
            Block::Title(s.clone()),
            Block::Heading(s.clone()),
            Block::Paragraph(s.clone()),
            Block::Small(s.clone()),
            Block::Fields(vec![(s.clone(), s.clone())]),
            Block::Bullets(vec![s.clone()]),
            Block::Table {
                header: vec![s.clone()],
                rows: vec![vec![s.clone(), s.clone()]],
                widths: vec![f32::NAN],
            },
            Block::Spacer(f32::INFINITY),
            Block::SignatureBlock {
                place_date: s.clone(),
                position: s.clone(),
                name: s.clone(),
                id_line: s.clone(),
            },
        ]);
        doc.title = s.repeat(10);
        doc.footer = Some(s.clone());
        doc.lang = s.chars().take(20).collect();
        let bytes = render_pdf(&doc)
            .unwrap_or_else(|e| panic!("{:?}: {e}", s.chars().take(20).collect::<String>()));
        assert!(!parse(&bytes).get_pages().is_empty());
    }
}

#[test]
fn a_10000_character_table_cell_splits_across_pages() {
    let cell = "Temuan lapangan ".repeat(700);
    let table = Block::Table {
        header: vec!["Uraian".into()],
        rows: vec![vec![cell]],
        widths: vec![1.0],
    };
    let doc = parse(&render_pdf(&spec(vec![table])).unwrap());
    assert!(doc.get_pages().len() >= 2);
}

#[test]
fn qr_modules_are_vector_paths_not_images() {
    let bytes = render_pdf(&licence()).unwrap();
    let doc = parse(&bytes);
    let images = doc
        .objects
        .values()
        .filter_map(|o| match o {
            Object::Stream(s) => Some(s),
            _ => None,
        })
        .filter(|s| s.dict.get(b"Subtype").ok().and_then(|v| v.as_name().ok()) == Some(b"Image"))
        .count();
    assert_eq!(images, 0);
}

#[test]
fn a_qr_payload_too_large_is_an_error() {
    let doc = spec(vec![Block::Qr {
        payload: "x".repeat(5_000),
        caption: String::new(),
    }]);
    assert!(matches!(render_pdf(&doc), Err(DocsError::Qr(_))));
}

/// A 2×1 PNG (red, blue), made here with the png encoder krilla uses.
fn tiny_png() -> Vec<u8> {
    let mut out = Vec::new();
    {
        let mut encoder = png::Encoder::new(&mut out, 2, 1);
        encoder.set_color(png::ColorType::Rgb);
        encoder.set_depth(png::BitDepth::Eight);
        let mut writer = encoder.write_header().unwrap();
        writer.write_image_data(&[255, 0, 0, 0, 0, 255]).unwrap();
    }
    out
}

#[test]
fn photos_are_embedded() {
    let block = Block::Image {
        png: tiny_png(),
        width_mm: 80.0,
        caption: "Foto lokasi usaha".into(),
    };
    let bytes = render_pdf(&spec(vec![block])).unwrap();
    let doc = parse(&bytes);
    let image = doc
        .objects
        .values()
        .filter_map(|o| {
            if let Object::Stream(s) = o {
                Some(s)
            } else {
                None
            }
        })
        .find(|s| s.dict.get(b"Subtype").ok().and_then(|v| v.as_name().ok()) == Some(b"Image"))
        .unwrap();
    assert_eq!(image.dict.get(b"Width").unwrap().as_i64().unwrap(), 2);
    assert!(text_of(&doc).contains("Foto lokasi usaha"));
}

#[test]
fn bad_images_are_errors_not_panics() {
    let png = tiny_png();
    let cases: Vec<Vec<u8>> = vec![
        Vec::new(),
        b"GIF89a".to_vec(),
        png[..png.len() / 2].to_vec(),
        [&png[..20], &[0xFF; 64][..]].concat(),
        vec![0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10],
        [vec![0xFF, 0xD8, 0xFF], vec![0; 500]].concat(),
    ];
    for bytes in cases {
        let doc = spec(vec![Block::Image {
            png: bytes.clone(),
            width_mm: 50.0,
            caption: String::new(),
        }]);
        assert!(
            matches!(render_pdf(&doc), Err(DocsError::Image(_))),
            "{:?}",
            &bytes[..bytes.len().min(8)]
        );
    }
}

#[test]
fn no_footer_means_no_page_numbers() {
    let mut doc = licence();
    doc.footer = None;
    let text = text_of(&parse(&render_pdf(&doc).unwrap()));
    assert!(!text.contains("Halaman"));
}

#[test]
fn a_runaway_document_is_refused() {
    let doc = spec(vec![Block::Spacer(300.0); 600]);
    assert!(matches!(render_pdf(&doc), Err(DocsError::TooLong(_))));
}
