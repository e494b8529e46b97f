//! `balai verify-document`: a signed licence checked offline against an exported key registry
//! (Batang Pasal 14–15): authentic as issued; one changed byte, a key missing from the registry
//! or a key revoked before the signing time → not authentic (exit status 1).

#![allow(non_snake_case, clippy::unwrap_used)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use balai_docs::pdf::{Block, DocumentSpec, render_pdf};
use balai_docs::sign::{SignedFields, generate_key, sign_document};
use chrono::{TimeZone, Utc};
use serde_json::json;

const PASSPHRASE: &str = "kopi tubruk di pagi hari";

fn dir() -> PathBuf {
    let d = std::env::temp_dir().join(format!("balai-verify-{}", uuid::Uuid::now_v7()));
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn run(args: &[&str], data: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_balai"))
        .args(args)
        .env("BALAI_DATA_DIR", data)
        .env("BALAI_LOG", "warn")
        .output()
        .expect("run balai")
}

/// A licence signed with a fresh key, and the registry entry of that key.
fn signed_licence() -> (Vec<u8>, serde_json::Value) {
    let (encrypted, public) = generate_key(PASSPHRASE).unwrap();
    let key = encrypted.unlock(PASSPHRASE).unwrap();
    let signed_at = Utc.with_ymd_and_hms(2026, 11, 2, 3, 0, 0).unwrap();
    let doc_id = uuid::Uuid::now_v7();
    let fields = SignedFields {
        doc_id,
        number: "503/0001/IZIN/2026".into(),
        holder: "Siti Aminah".into(),
        signer_name: "Ahmad Syarifudin".into(),
        signer_position: "Kepala Dinas".into(),
        signed_at,
        content_digest: [7; 32],
        verify_url: format!("https://mpp.example.id/verifikasi/{doc_id}"),
    };
    let render = |qr: &str| {
        render_pdf(&DocumentSpec {
            title: "Surat Izin".into(),
            subject: "Surat Izin".into(),
            author: "Ahmad Syarifudin".into(),
            keywords: vec![],
            lang: "id".into(),
            created_at: signed_at,
            letterhead: None,
            blocks: vec![
                Block::Title("SURAT IZIN".into()),
                Block::Qr {
                    payload: qr.into(),
                    caption: "Pindai".into(),
                },
            ],
            footer: None,
        })
    };
    let signed = sign_document(&key, &fields, &render).unwrap();
    let entry = json!({
        "key_id": public.key_id(),
        "public_key": public.to_hex(),
        "signer_name": "Ahmad Syarifudin",
        "position": "Kepala Dinas",
        "valid_from": "2026-01-01T00:00:00Z",
        "revoked_at": null,
    });
    (signed.bytes, entry)
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> String {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p.display().to_string()
}

#[test]
fn signed_document_verifies_offline_and_one_changed_byte_does_not__batang_14_15() {
    let d = dir();
    let (pdf, entry) = signed_licence();
    let keys = write(&d, "kunci.json", json!([entry]).to_string().as_bytes());
    let file = write(&d, "izin.pdf", &pdf);
    let o = run(&["verify-document", &file, "--keys", &keys], &d);
    let out = String::from_utf8_lossy(&o.stdout);
    assert_eq!(o.status.code(), Some(0), "{out}");
    assert!(out.starts_with("AUTHENTIC"), "{out}");
    assert!(out.contains("503/0001/IZIN/2026") && out.contains("Kepala Dinas"));

    let mut changed = pdf.clone();
    let i = changed.len() / 2;
    changed[i] ^= 0x20;
    let file = write(&d, "izin-diubah.pdf", &changed);
    let o = run(&["verify-document", &file, "--keys", &keys], &d);
    let out = String::from_utf8_lossy(&o.stdout);
    assert_eq!(o.status.code(), Some(1), "{out}");
    assert!(out.starts_with("NOT AUTHENTIC"), "{out}");
}

#[test]
fn unknown_or_revoked_key_is_not_authentic() {
    let d = dir();
    let (pdf, mut entry) = signed_licence();
    let file = write(&d, "izin.pdf", &pdf);
    let empty = write(&d, "kosong.json", b"[]");
    let o = run(&["verify-document", &file, "--keys", &empty], &d);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stdout).contains("not in the registry"));
    entry["revoked_at"] = json!("2026-11-01T00:00:00Z");
    let keys = write(&d, "dicabut.json", json!([entry]).to_string().as_bytes());
    let o = run(&["verify-document", &file, "--keys", &keys], &d);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stdout).contains("revoked"));
    // Revoked after the signing: still authentic, years later.
    entry["revoked_at"] = json!("2027-06-01T00:00:00Z");
    let keys = write(
        &d,
        "dicabut-kemudian.json",
        json!([entry]).to_string().as_bytes(),
    );
    let o = run(&["verify-document", &file, "--keys", &keys], &d);
    assert_eq!(o.status.code(), Some(0));
}

#[test]
fn a_file_that_is_not_a_registry_or_missing_is_one_clear_sentence() {
    let d = dir();
    let (pdf, _) = signed_licence();
    let file = write(&d, "izin.pdf", &pdf);
    let bad = write(&d, "bukan.json", b"{\"x\": 1}");
    let o = run(&["verify-document", &file, "--keys", &bad], &d);
    assert_ne!(o.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&o.stderr).contains("not a key registry"));
    let o = run(&["verify-document", "/tidak/ada.pdf", "--keys", &bad], &d);
    assert_ne!(o.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&o.stderr).contains("cannot read"));
}
