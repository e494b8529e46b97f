//! Signing and verification end to end (Batang Pasal 14–15): a rendered licence is signed,
//! verified, and every kind of tampering is caught.

use std::sync::LazyLock;

use chrono::{Duration, TimeZone, Utc};
use proptest::prelude::*;
use sha2::Digest;
use uuid::Uuid;

use super::*;
use crate::DocsError;
use crate::digest::content_digest;
use crate::pdf::{Block, render_pdf};

const PASS: &str = "kopi-tubruk-batang-2026";
const NAME: &str = "Drs. Bambang Sutrisno, M.Si.";
const POSITION: &str = "Kepala Dinas Penanaman Modal dan PTSP";

fn doc_id() -> Uuid {
    Uuid::from_u128(0x0192_d2f0_0000_7000_8000_0000_0000_0001)
}

fn signed_at() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 2, 3, 15, 0).unwrap()
}

fn fields() -> SignedFields {
    SignedFields {
        doc_id: doc_id(),
        number: "503/0123/DPMPTSP/2026".into(),
        holder: "Siti Aminah".into(),
        signer_name: NAME.into(),
        signer_position: POSITION.into(),
        signed_at: signed_at(),
        content_digest: content_digest(
            &serde_json::json!({"holder": "Siti Aminah", "kbli": "56102"}),
        ),
        verify_url: format!("https://balai.batangkab.go.id/verifikasi/{}", doc_id()),
    }
}

fn render(qr_text: &str) -> Result<Vec<u8>, DocsError> {
    let mut spec = crate::pdf::tests::licence();
    spec.blocks.retain(|b| !matches!(b, Block::Qr { .. }));
    spec.blocks.push(Block::Qr {
        payload: qr_text.to_string(),
        caption: "Pindai untuk memeriksa keaslian dokumen ini.".into(),
    });
    render_pdf(&spec)
}

struct Signer {
    encrypted: EncryptedKey,
    public: PublicKey,
}

/// Keys are made once: Argon2id at full strength is slow on purpose.
static OFFICIAL: LazyLock<Signer> = LazyLock::new(|| {
    let (encrypted, public) = generate_key(PASS).unwrap();
    Signer { encrypted, public }
});
static STRANGER: LazyLock<Signer> = LazyLock::new(|| {
    let (encrypted, public) = generate_key(PASS).unwrap();
    Signer { encrypted, public }
});
static SIGNED: LazyLock<SignedPdf> = LazyLock::new(|| sign_with(&OFFICIAL, &fields()).unwrap());

fn sign_with(signer: &Signer, fields: &SignedFields) -> Result<SignedPdf, SignError> {
    let key = signer.encrypted.unlock(PASS)?;
    sign_document(&key, fields, &render)
}

fn trusted(signer: &Signer) -> TrustedKey {
    TrustedKey {
        key_id: signer.public.key_id(),
        public_key: signer.public,
        signer_name: NAME.into(),
        position: POSITION.into(),
        valid_from: signed_at() - Duration::days(30),
        revoked_at: None,
    }
}

fn reason(verdict: Verdict) -> NotAuthenticReason {
    match verdict {
        Verdict::NotAuthentic { reason, .. } => reason,
        Verdict::Authentic(info) => panic!("unexpectedly authentic: {info:?}"),
    }
}

fn range_and_slot(bytes: &[u8]) -> ([usize; 4], std::ops::Range<usize>) {
    match sigdict::lookup(bytes) {
        sigdict::Lookup::Found(found) => {
            let slot = found.slot.clone();
            ([0, slot.start, slot.end, bytes.len() - slot.end], slot)
        }
        _ => panic!("no signature"),
    }
}

#[test]
fn a_signed_licence_verifies_as_authentic_with_its_signer__batang_14_15() {
    let signed = &*SIGNED;
    match verify_pdf(&signed.bytes, &[trusted(&OFFICIAL)]) {
        Verdict::Authentic(info) => {
            assert_eq!(info.doc_id, doc_id());
            assert_eq!(info.number, "503/0123/DPMPTSP/2026");
            assert_eq!(info.signer_name, NAME);
            assert_eq!(info.signer_position, POSITION);
            assert_eq!(info.signed_at, signed_at());
            assert_eq!(info.key_id, OFFICIAL.public.key_id());
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(signed.key_id, OFFICIAL.public.key_id());
    assert_eq!(
        signed.sha256,
        hex::encode(sha2::Sha256::digest(&signed.bytes))
    );
}

#[test]
fn the_signature_is_an_incremental_update_readers_can_open() {
    let signed = &*SIGNED;
    let base = render(&signed.qr_text).unwrap();
    assert!(
        signed.bytes.starts_with(&base),
        "the rendered bytes stay untouched"
    );
    let doc = lopdf::Document::load_mem(&signed.bytes).unwrap();
    assert_eq!(doc.get_pages().len(), 1);
    let prev = format!(
        "/Prev {} >>",
        crate::pdf::increment::read_trailer(&base)
            .unwrap()
            .startxref
    );
    let tail = String::from_utf8_lossy(&signed.bytes[base.len()..]).to_string();
    assert!(tail.contains(&prev), "{tail}");
    let form = doc.catalog().unwrap().get(b"AcroForm").unwrap();
    let form = doc.dereference(form).unwrap().1.as_dict().unwrap().clone();
    let field_ref = form.get(b"Fields").unwrap().as_array().unwrap()[0]
        .as_reference()
        .unwrap();
    let field = doc.get_dictionary(field_ref).unwrap();
    assert_eq!(field.get(b"FT").unwrap().as_name().unwrap(), b"Sig");
    let sig = doc
        .get_dictionary(field.get(b"V").unwrap().as_reference().unwrap())
        .unwrap();
    assert_eq!(
        sig.get(b"Filter").unwrap().as_name().unwrap(),
        b"Balai.Ed25519"
    );
    let range: Vec<i64> = sig
        .get(b"ByteRange")
        .unwrap()
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o.as_i64().unwrap())
        .collect();
    let (expected, slot) = range_and_slot(&signed.bytes);
    assert_eq!(range, expected.map(|n| n as i64).to_vec());
    // The range covers the whole file but the slot, whose hex holds the signature.
    assert_eq!(
        range[1] + (slot.len() as i64) + range[3],
        signed.bytes.len() as i64
    );
    let contents = sig.get(b"Contents").unwrap().as_str().unwrap();
    assert_eq!(
        base64::Engine::encode(&base64::engine::general_purpose::STANDARD, contents),
        signed.signature_b64
    );
}

#[test]
fn the_qr_drawn_on_the_document_is_the_signed_link() {
    let seen = std::cell::RefCell::new(Vec::new());
    let key = OFFICIAL.encrypted.unlock(PASS).unwrap();
    let recording = |qr: &str| {
        seen.borrow_mut().push(qr.to_string());
        render(qr)
    };
    let signed = sign_document(&key, &fields(), &recording).unwrap();
    assert_eq!(*seen.borrow(), vec![signed.qr_text.clone()]);
    let prefix = format!(
        "https://balai.batangkab.go.id/verifikasi/{}?k={}&s=",
        doc_id(),
        key.key_id()
    );
    assert!(signed.qr_text.starts_with(&prefix), "{}", signed.qr_text);
    assert!(signed.qr_text.len() < 300);
}

#[test]
fn one_changed_byte_anywhere_is_not_authentic__batang_15() {
    use NotAuthenticReason as R;
    let bytes = &SIGNED.bytes;
    let trusted = [trusted(&OFFICIAL)];
    let (range, slot) = range_and_slot(bytes);
    let base_len = render(&SIGNED.qr_text).unwrap().len();
    let name_at = crate::pdf::increment::find(bytes, b"/Name <feff", base_len).unwrap() + 12;
    let cases = [
        (10, R::ContentChanged),
        (base_len / 2, R::ContentChanged),
        (base_len - 1, R::ContentChanged),
        (base_len + 5, R::SignatureInvalid),
        (name_at, R::SignatureInvalid),
        (slot.start + 1, R::SignatureInvalid),
        (slot.end - 2, R::SignatureInvalid),
        (slot.end + 2, R::SignatureInvalid),
        (bytes.len() - 3, R::SignatureInvalid),
    ];
    for (at, expected) in cases {
        let mut changed = bytes.clone();
        // A different character of the same class, so the structure stays readable.
        changed[at] = match changed[at] {
            b'0'..=b'8' => changed[at] + 1,
            b'9' => b'0',
            b'a'..=b'e' => changed[at] + 1,
            b'f' => b'a',
            other => other ^ 0x01,
        };
        let got = reason(verify_pdf(&changed, &trusted));
        assert!(
            got == expected || got == R::Malformed,
            "byte {at} (range {range:?}): {got:?}, expected {expected:?}"
        );
    }
}

#[test]
fn appended_truncated_or_reordered_files_are_not_authentic() {
    use NotAuthenticReason as R;
    let bytes = &SIGNED.bytes;
    let trusted = [trusted(&OFFICIAL)];
    let mut appended = bytes.clone();
    appended.extend_from_slice(b"\n% tambahan\n");
    assert_eq!(reason(verify_pdf(&appended, &trusted)), R::ContentChanged);
    assert_eq!(
        reason(verify_pdf(&bytes[..bytes.len() - 1], &trusted)),
        R::ContentChanged
    );
    let mut inserted = bytes.clone();
    inserted.insert(100, b' ');
    assert_eq!(reason(verify_pdf(&inserted, &trusted)), R::ContentChanged);
    // An upper-case hex digit decodes to the same signature but is still a changed byte.
    let (_, slot) = range_and_slot(bytes);
    let mut upper = bytes.clone();
    let at = (slot.start + 1..slot.end - 1)
        .find(|i| upper[*i].is_ascii_lowercase())
        .unwrap();
    upper[at] = upper[at].to_ascii_uppercase();
    assert_eq!(reason(verify_pdf(&upper, &trusted)), R::Malformed);
}

#[test]
fn a_document_signed_with_a_key_not_trusted_is_unknown() {
    let signed = sign_with(&STRANGER, &fields()).unwrap();
    assert_eq!(
        reason(verify_pdf(&signed.bytes, &[trusted(&OFFICIAL)])),
        NotAuthenticReason::UnknownKey
    );
    // A trusted-key entry whose id does not belong to its public key is not used.
    let mut forged = trusted(&OFFICIAL);
    forged.key_id = STRANGER.public.key_id();
    assert_eq!(
        reason(verify_pdf(&signed.bytes, &[forged])),
        NotAuthenticReason::UnknownKey
    );
}

#[test]
fn revocation_counts_from_the_signing_time() {
    let bytes = &SIGNED.bytes;
    let mut key = trusted(&OFFICIAL);
    key.revoked_at = Some(signed_at());
    assert_eq!(
        reason(verify_pdf(bytes, &[key.clone()])),
        NotAuthenticReason::KeyRevoked
    );
    key.revoked_at = Some(signed_at() + Duration::seconds(1));
    assert!(
        verify_pdf(bytes, &[key.clone()]).is_authentic(),
        "revoked after signing"
    );
    key.revoked_at = None;
    key.valid_from = signed_at() + Duration::days(1);
    assert_eq!(
        reason(verify_pdf(bytes, &[key])),
        NotAuthenticReason::KeyNotYetValid
    );
}

#[test]
fn a_signature_naming_someone_else_than_the_key_owner_is_refused() {
    let mut other = fields();
    other.signer_name = "Ir. Orang Lain".into();
    let signed = sign_with(&OFFICIAL, &other).unwrap();
    assert_eq!(
        reason(verify_pdf(&signed.bytes, &[trusted(&OFFICIAL)])),
        NotAuthenticReason::SignerMismatch
    );
}

#[test]
fn unsigned_and_garbage_files_are_not_authentic() {
    use NotAuthenticReason as R;
    let trusted = [trusted(&OFFICIAL)];
    let unsigned = render("https://balai.batangkab.go.id/verifikasi/x").unwrap();
    assert_eq!(reason(verify_pdf(&unsigned, &trusted)), R::NotSigned);
    assert_eq!(reason(verify_pdf(b"", &trusted)), R::NotSigned);
    assert_eq!(
        reason(verify_pdf(
            b"<< /Type /Sig /Filter /Balai.Ed25519 >>\nendobj",
            &trusted
        )),
        R::Malformed
    );
    assert_eq!(
        reason(verify_pdf(b"/Filter /Balai.Ed25519", &trusted)),
        R::Malformed
    );
}

#[test]
fn the_qr_proves_the_printed_fields_offline() {
    use NotAuthenticReason as R;
    let signed = &*SIGNED;
    let f = fields();
    let claim = QrClaim {
        number: f.number.clone(),
        holder: f.holder.clone(),
        signed_at: f.signed_at,
        content_digest: f.content_digest,
    };
    let trusted = [trusted(&OFFICIAL)];
    match verify_qr(&signed.qr_text, &claim, &trusted) {
        Verdict::Authentic(info) => {
            assert_eq!(info.holder.as_deref(), Some("Siti Aminah"));
            assert_eq!(info.signer_name, NAME);
            assert_eq!(info.doc_id, doc_id());
        }
        other => panic!("{other:?}"),
    }
    let mut changed = claim.clone();
    changed.holder = "Siti Aminah ".into();
    assert_eq!(
        reason(verify_qr(&signed.qr_text, &changed, &trusted)),
        R::SignatureInvalid
    );
    let mut changed = claim.clone();
    changed.content_digest[0] ^= 1;
    assert_eq!(
        reason(verify_qr(&signed.qr_text, &changed, &trusted)),
        R::SignatureInvalid
    );
    let mut changed = claim.clone();
    changed.signed_at += Duration::seconds(1);
    assert_eq!(
        reason(verify_qr(&signed.qr_text, &changed, &trusted)),
        R::SignatureInvalid
    );
    let other_doc = signed
        .qr_text
        .replace(&doc_id().to_string(), &Uuid::nil().to_string());
    assert_eq!(
        reason(verify_qr(&other_doc, &claim, &trusted)),
        R::SignatureInvalid
    );
    assert_eq!(
        reason(verify_qr(&signed.qr_text, &claim, &[])),
        R::UnknownKey
    );
    let bare = signed.qr_text.split('?').next().unwrap();
    assert_eq!(reason(verify_qr(bare, &claim, &trusted)), R::NotSigned);
    for garbage in [
        "",
        "https://contoh.id/",
        "https://x/verifikasi/bukan-uuid?k=a&s=b",
        &format!("{bare}?k=abc&s=%%%"),
    ] {
        assert_eq!(
            reason(verify_qr(garbage, &claim, &trusted)),
            R::Malformed,
            "{garbage}"
        );
    }
    assert_eq!(parse_qr(&signed.qr_text).unwrap().doc_id, doc_id());
}

#[test]
fn fields_that_would_make_the_signature_ambiguous_are_refused() {
    let key = OFFICIAL.encrypted.unlock(PASS).unwrap();
    type Change = fn(&mut SignedFields);
    let cases: [(Change, &str); 7] = [
        (|f| f.number = "503\n0123".into(), "number"),
        (|f| f.number = "  ".into(), "number"),
        (|f| f.holder = "a\u{0}b".into(), "holder"),
        (|f| f.signer_name = "x".repeat(1_001), "signer_name"),
        (|f| f.signer_position = String::new(), "signer_position"),
        (
            |f| f.verify_url = "https://balai.batangkab.go.id/verifikasi/lain".into(),
            "verify_url",
        ),
        (
            |f| f.verify_url = format!("javascript:alert(1)//{}", f.doc_id),
            "verify_url",
        ),
    ];
    for (change, field) in cases {
        let mut f = fields();
        change(&mut f);
        match sign_document(&key, &f, &render) {
            Err(SignError::InvalidField(name)) => assert_eq!(name, field),
            other => panic!("{field}: {other:?}"),
        }
    }
}

#[test]
fn a_render_failure_or_an_already_signed_pdf_signs_nothing() {
    let key = OFFICIAL.encrypted.unlock(PASS).unwrap();
    let failing = |_: &str| -> Result<Vec<u8>, DocsError> { Err(DocsError::Image("rusak".into())) };
    assert!(matches!(
        sign_document(&key, &fields(), &failing),
        Err(SignError::Render(DocsError::Image(_)))
    ));
    let signed_again = |_: &str| Ok(SIGNED.bytes.clone());
    assert!(matches!(
        sign_document(&key, &fields(), &signed_again),
        Err(SignError::Render(DocsError::UnsupportedPdf(_)))
    ));
    let not_pdf = |_: &str| Ok(b"<html>bukan pdf</html>".to_vec());
    assert!(matches!(
        sign_document(&key, &fields(), &not_pdf),
        Err(SignError::Render(_))
    ));
}

#[test]
fn rendered_and_signed_documents_pass_the_upload_content_check() {
    use balai_core::files::{FileKind, check_content};
    let unsigned = render(&SIGNED.qr_text).unwrap();
    assert_eq!(check_content(&unsigned, FileKind::Pdf), Ok(()));
    assert_eq!(check_content(&SIGNED.bytes, FileKind::Pdf), Ok(()));
}

#[test]
fn every_error_has_a_listed_message_key() {
    let errors = [
        SignError::WeakPassphrase,
        SignError::WrongPassphrase,
        SignError::MalformedKey(String::new()),
        SignError::InvalidField("number"),
        SignError::Render(DocsError::Font),
        SignError::CredentialNotAccepted,
        SignError::UserNotRegistered,
        SignError::CertificateExpired,
        SignError::CertificateRevoked,
        SignError::CertificateNotIssued("NEW".into()),
        SignError::ClientRejected,
        SignError::ServerError(String::new()),
        SignError::Timeout,
        SignError::Unavailable(String::new()),
        SignError::BadResponse(String::new()),
        SignError::Rejected(String::new()),
        SignError::Crypto(String::new()),
    ];
    let used: std::collections::BTreeSet<_> = errors.iter().map(SignError::message_key).collect();
    let listed: std::collections::BTreeSet<_> = SignError::MESSAGE_KEYS.into_iter().collect();
    assert_eq!(used, listed);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn any_single_byte_flip_is_not_authentic__batang_15(index in any::<prop::sample::Index>(), flip in 1u8..=255) {
        let mut bytes = SIGNED.bytes.clone();
        let at = index.index(bytes.len());
        bytes[at] ^= flip;
        prop_assert!(!verify_pdf(&bytes, &[trusted(&OFFICIAL)]).is_authentic());
    }

    #[test]
    fn verification_never_panics_on_any_input(bytes in prop::collection::vec(any::<u8>(), 0..2_000), text in ".{0,300}") {
        let trusted = [trusted(&OFFICIAL)];
        let _ = verify_pdf(&bytes, &trusted);
        let claim = QrClaim { number: text.clone(), holder: text.clone(), signed_at: signed_at(), content_digest: [0; 32] };
        let _ = verify_qr(&text, &claim, &trusted);
        let _ = parse_qr(&text);
        // The tail of a real signed file with random bytes in front of it.
        let mut mixed = bytes.clone();
        mixed.extend_from_slice(&SIGNED.bytes[SIGNED.bytes.len().saturating_sub(900)..]);
        prop_assert!(!verify_pdf(&mixed, &trusted).is_authentic());
    }
}
