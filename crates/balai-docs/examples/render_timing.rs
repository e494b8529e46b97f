//! How long rendering a typical one-page licence takes (the target is well under 50 ms):
//! `cargo run --release --example render_timing` (builds the dev-dependencies in release too,
//! which takes a while the first time).

use std::time::Instant;

use balai_docs::pdf::{Block, DocumentSpec, Letterhead, render_pdf};
use chrono::{TimeZone, Utc};

fn licence(n: usize) -> DocumentSpec {
    DocumentSpec {
        title: "Surat Izin Usaha Mikro".into(),
        subject: format!("Izin PTSP/2026/{n:06}"),
        author: "DPMPTSP Kabupaten Batang".into(),
        keywords: vec!["izin".into()],
        lang: "id".into(),
        created_at: Utc
            .with_ymd_and_hms(2026, 11, 2, 2, 0, 0)
            .single()
            .unwrap_or_default(),
        letterhead: Some(Letterhead {
            region_name: "PEMERINTAH KABUPATEN BATANG".into(),
            agency_name: "DINAS PENANAMAN MODAL DAN PELAYANAN TERPADU SATU PINTU".into(),
            address: "Jl. Ahmad Yani No. 1, Batang 51215".into(),
            contact: "Telp. (0285) 391234 · dpmptsp@batangkab.go.id".into(),
        }),
        blocks: vec![
            Block::Title("SURAT IZIN USAHA MIKRO".into()),
            Block::Paragraph(format!("Nomor: 503/{n:04}/DPMPTSP/2026")),
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
                payload: format!(
                    "https://balai.batangkab.go.id/verifikasi/0192d2f0-0000-7000-8000-{n:012}?k=7694b12cac07f7bd&s=ZHf_cZ9mwe8z4bQfJMGBstYrMpOqnl-1E_MpwjhEZgszB3ZZxq-pJAXM8l8n-1akKVwghm35yY-2zi9tqhfQAw"
                ),
                caption: "Pindai untuk memeriksa keaslian dokumen ini.".into(),
            },
        ],
        footer: Some("Dokumen ini ditandatangani secara elektronik.".into()),
    }
}

fn main() {
    // The first render parses the fonts once per process.
    let _ = render_pdf(&licence(0));
    let runs = 50;
    let start = Instant::now();
    let mut bytes = 0;
    for n in 1..=runs {
        bytes += render_pdf(&licence(n)).map(|b| b.len()).unwrap_or(0);
    }
    let per_page = start.elapsed() / runs as u32;
    println!(
        "{runs} one-page licences: {per_page:?} each, {} KiB each",
        bytes / runs / 1024
    );
}
