//! Signing keys under the signer's sole control (Batang Pasal 14): an Ed25519 key pair made at
//! enrolment whose private half is only ever stored encrypted under a passphrase the official
//! alone knows. The platform keeps the encrypted form; without the passphrase it cannot sign.
//!
//! Stored form (one line of text, `$`-separated, base64 without padding):
//!
//! ```text
//! v1$argon2id$m=65536,t=3,p=1$<public key>$<salt 16 B>$<nonce 24 B>$<ciphertext of the 32-byte seed + tag>
//! ```
//!
//! Argon2id (RFC 9106) turns the passphrase and salt into a 256-bit key; XChaCha20-Poly1305
//! encrypts the seed with everything before the ciphertext as associated data, so the
//! parameters and the public key cannot be swapped without the unlock failing. Secrets (derived
//! key, seed, signing key) are zeroised when dropped and never shown by `Debug`.

use std::fmt;
use std::str::FromStr;

use argon2::{Algorithm, Argon2, Params, Version};
use base64::Engine;
use base64::engine::general_purpose::{STANDARD, STANDARD_NO_PAD};
use chacha20poly1305::aead::{Aead, Payload};
use chacha20poly1305::{KeyInit, XChaCha20Poly1305, XNonce};
use ed25519_dalek::{Signer, SigningKey, VerifyingKey};
use rand::RngCore;
use rand::rngs::OsRng;
use sha2::{Digest, Sha256};
use zeroize::Zeroizing;

use super::SignError;

/// Argon2id cost: 64 MiB, 3 passes, 1 lane — above RFC 9106's second recommended option; an
/// unlock takes a fraction of a second, a guessing attack on a stolen database ~ as long per
/// guess.
const MEMORY_KIB: u32 = 64 * 1024;
const PASSES: u32 = 3;
const LANES: u32 = 1;
/// Stored keys with weaker parameters than these are refused as malformed.
const MIN_MEMORY_KIB: u32 = 19 * 1024;
const MIN_PASSES: u32 = 2;
/// Shortest signing passphrase, in characters.
const PASSPHRASE_MIN: usize = 12;

/// An Ed25519 public key.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct PublicKey([u8; 32]);

impl PublicKey {
    /// The key from its 32 bytes; `MalformedKey` when they are not a valid curve point.
    pub fn from_bytes(bytes: [u8; 32]) -> Result<PublicKey, SignError> {
        VerifyingKey::from_bytes(&bytes)
            .map(|_| PublicKey(bytes))
            .map_err(|_| SignError::MalformedKey("not an Ed25519 public key".into()))
    }

    pub fn as_bytes(&self) -> &[u8; 32] {
        &self.0
    }

    pub fn to_hex(&self) -> String {
        hex::encode(self.0)
    }

    /// Standard base64 with padding.
    pub fn to_base64(&self) -> String {
        STANDARD.encode(self.0)
    }

    /// The first 16 hex characters of the SHA-256 of the key: short enough for a QR code,
    /// long enough (64 bits) that two officials' keys never collide by chance.
    pub fn key_id(&self) -> String {
        hex::encode(&Sha256::digest(self.0)[..8])
    }

    pub(crate) fn verifying_key(&self) -> Option<VerifyingKey> {
        VerifyingKey::from_bytes(&self.0).ok()
    }
}

impl fmt::Display for PublicKey {
    /// Lower-case hex.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_hex())
    }
}

impl fmt::Debug for PublicKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "PublicKey({})", self.key_id())
    }
}

impl FromStr for PublicKey {
    type Err = SignError;

    /// 64 hex characters, or base64 of the 32 bytes (with or without padding).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim();
        let bytes = if s.len() == 64 {
            hex::decode(s).ok()
        } else {
            STANDARD
                .decode(s)
                .or_else(|_| STANDARD_NO_PAD.decode(s))
                .ok()
        };
        let bytes: [u8; 32] = bytes
            .and_then(|b| b.try_into().ok())
            .ok_or_else(|| SignError::MalformedKey("not a 32-byte key in hex or base64".into()))?;
        PublicKey::from_bytes(bytes)
    }
}

/// The stored, passphrase-encrypted form of a signing key (see the module docs).
#[derive(Clone, PartialEq, Eq)]
pub struct EncryptedKey(String);

/// The parts of an [`EncryptedKey`].
struct Parts {
    memory_kib: u32,
    passes: u32,
    lanes: u32,
    public: PublicKey,
    salt: Vec<u8>,
    nonce: [u8; 24],
    ciphertext: Vec<u8>,
    /// Everything before the ciphertext, authenticated with it.
    header: String,
}

fn malformed(what: &str) -> SignError {
    SignError::MalformedKey(what.to_string())
}

impl Parts {
    fn parse(s: &str) -> Result<Parts, SignError> {
        let fields: Vec<&str> = s.split('$').collect();
        let [version, kdf, params, public, salt, nonce, ciphertext] = fields[..] else {
            return Err(malformed("wrong number of fields"));
        };
        if version != "v1" || kdf != "argon2id" {
            return Err(malformed("unknown version or key derivation"));
        }
        let (memory_kib, passes, lanes) = parse_params(params)?;
        let decode = |part: &str| {
            STANDARD_NO_PAD
                .decode(part)
                .map_err(|_| malformed("bad base64"))
        };
        let public: [u8; 32] = decode(public)?
            .try_into()
            .map_err(|_| malformed("public key"))?;
        let salt = decode(salt)?;
        let nonce: [u8; 24] = decode(nonce)?.try_into().map_err(|_| malformed("nonce"))?;
        let ciphertext = decode(ciphertext)?;
        if salt.len() < 16 || ciphertext.len() != 32 + 16 {
            return Err(malformed("salt or ciphertext length"));
        }
        let header_len = s.len() - s.rsplit('$').next().map_or(0, str::len);
        Ok(Parts {
            memory_kib,
            passes,
            lanes,
            public: PublicKey::from_bytes(public)?,
            salt,
            nonce,
            ciphertext,
            header: s[..header_len].to_string(),
        })
    }
}

/// `m=…,t=…,p=…`, refusing costs below the minimum or absurdly high.
fn parse_params(params: &str) -> Result<(u32, u32, u32), SignError> {
    let mut values = [None; 3];
    for item in params.split(',') {
        let (name, value) = item
            .split_once('=')
            .ok_or_else(|| malformed("parameters"))?;
        let value: u32 = value.parse().map_err(|_| malformed("parameters"))?;
        let slot = match name {
            "m" => 0,
            "t" => 1,
            "p" => 2,
            _ => return Err(malformed("parameters")),
        };
        values[slot] = Some(value);
    }
    let [Some(m), Some(t), Some(p)] = values else {
        return Err(malformed("parameters"));
    };
    let sane = (MIN_MEMORY_KIB..=4 * 1024 * 1024).contains(&m)
        && (MIN_PASSES..=64).contains(&t)
        && (1..=16).contains(&p);
    if !sane {
        return Err(malformed("key derivation parameters out of range"));
    }
    Ok((m, t, p))
}

/// The 256-bit key Argon2id derives from `passphrase` and `salt`.
fn derive(
    passphrase: &str,
    salt: &[u8],
    memory_kib: u32,
    passes: u32,
    lanes: u32,
) -> Result<Zeroizing<[u8; 32]>, SignError> {
    let params = Params::new(memory_kib, passes, lanes, Some(32))
        .map_err(|e| SignError::Crypto(e.to_string()))?;
    let argon = Argon2::new(Algorithm::Argon2id, Version::V0x13, params);
    let mut key = Zeroizing::new([0u8; 32]);
    argon
        .hash_password_into(passphrase.as_bytes(), salt, key.as_mut())
        .map_err(|e| SignError::Crypto(e.to_string()))?;
    Ok(key)
}

/// Refuses passphrases that are easy to guess: the password rules of `balai_core` (not only
/// digits, not one repeated character, at most 128 characters) and at least 12 characters.
pub fn check_passphrase_strength(passphrase: &str) -> Result<(), SignError> {
    let long_enough = passphrase.chars().count() >= PASSPHRASE_MIN;
    if !long_enough || balai_core::identity::check_password_strength(passphrase).is_err() {
        return Err(SignError::WeakPassphrase);
    }
    Ok(())
}

fn encrypt(signing: &SigningKey, passphrase: &str) -> Result<EncryptedKey, SignError> {
    let mut salt = [0u8; 16];
    let mut nonce = [0u8; 24];
    OsRng.fill_bytes(&mut salt);
    OsRng.fill_bytes(&mut nonce);
    let public = PublicKey(signing.verifying_key().to_bytes());
    let header = format!(
        "v1$argon2id$m={MEMORY_KIB},t={PASSES},p={LANES}${}${}${}$",
        STANDARD_NO_PAD.encode(public.0),
        STANDARD_NO_PAD.encode(salt),
        STANDARD_NO_PAD.encode(nonce),
    );
    let key = derive(passphrase, &salt, MEMORY_KIB, PASSES, LANES)?;
    let cipher = XChaCha20Poly1305::new(key.as_ref().into());
    let seed = Zeroizing::new(signing.to_bytes());
    let ciphertext = cipher
        .encrypt(
            XNonce::from_slice(&nonce),
            Payload {
                msg: seed.as_ref(),
                aad: header.as_bytes(),
            },
        )
        .map_err(|e| SignError::Crypto(e.to_string()))?;
    Ok(EncryptedKey(format!(
        "{header}{}",
        STANDARD_NO_PAD.encode(ciphertext)
    )))
}

/// Makes a new key pair at enrolment and encrypts the private key under `passphrase`
/// (which must pass [`check_passphrase_strength`]).
pub fn generate_key(passphrase: &str) -> Result<(EncryptedKey, PublicKey), SignError> {
    check_passphrase_strength(passphrase)?;
    let signing = SigningKey::generate(&mut OsRng);
    let encrypted = encrypt(&signing, passphrase)?;
    Ok((encrypted, PublicKey(signing.verifying_key().to_bytes())))
}

/// The same key encrypted under a new passphrase; the old one must be right.
pub fn change_passphrase(
    key: &EncryptedKey,
    old: &str,
    new: &str,
) -> Result<EncryptedKey, SignError> {
    check_passphrase_strength(new)?;
    let unlocked = key.unlock(old)?;
    encrypt(&unlocked.signing, new)
}

impl EncryptedKey {
    /// The public half, readable without the passphrase.
    pub fn public_key(&self) -> Result<PublicKey, SignError> {
        Parts::parse(&self.0).map(|p| p.public)
    }

    /// Decrypts the key with `passphrase`: `WrongPassphrase` when it does not open.
    pub fn unlock(&self, passphrase: &str) -> Result<UnlockedKey, SignError> {
        let parts = Parts::parse(&self.0)?;
        let key = derive(
            passphrase,
            &parts.salt,
            parts.memory_kib,
            parts.passes,
            parts.lanes,
        )?;
        let cipher = XChaCha20Poly1305::new(key.as_ref().into());
        let seed = cipher
            .decrypt(
                XNonce::from_slice(&parts.nonce),
                Payload {
                    msg: &parts.ciphertext,
                    aad: parts.header.as_bytes(),
                },
            )
            .map(Zeroizing::new)
            .map_err(|_| SignError::WrongPassphrase)?;
        let seed: Zeroizing<[u8; 32]> = Zeroizing::new(
            seed.as_slice()
                .try_into()
                .map_err(|_| malformed("seed length"))?,
        );
        let signing = SigningKey::from_bytes(&seed);
        if signing.verifying_key().to_bytes() != parts.public.0 {
            return Err(malformed("public key does not match the private key"));
        }
        Ok(UnlockedKey {
            signing,
            public: parts.public,
        })
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl FromStr for EncryptedKey {
    type Err = SignError;

    /// Checks the structure (not the passphrase).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Parts::parse(s.trim())?;
        Ok(EncryptedKey(s.trim().to_string()))
    }
}

impl fmt::Display for EncryptedKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for EncryptedKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.public_key() {
            Ok(public) => write!(f, "EncryptedKey({})", public.key_id()),
            Err(_) => f.write_str("EncryptedKey(malformed)"),
        }
    }
}

/// A key opened with its passphrase, for one signing. The secret is zeroised on drop.
pub struct UnlockedKey {
    signing: SigningKey,
    public: PublicKey,
}

impl UnlockedKey {
    pub fn public_key(&self) -> PublicKey {
        self.public
    }

    pub fn key_id(&self) -> String {
        self.public.key_id()
    }

    pub(crate) fn sign(&self, message: &[u8]) -> [u8; 64] {
        self.signing.sign(message).to_bytes()
    }
}

impl fmt::Debug for UnlockedKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "UnlockedKey({})", self.key_id())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PASS: &str = "kopi-tubruk-batang-2026";

    #[test]
    fn a_generated_key_unlocks_with_its_passphrase_and_signs__batang_14() {
        let (encrypted, public) = generate_key(PASS).unwrap();
        assert!(
            encrypted
                .as_str()
                .starts_with("v1$argon2id$m=65536,t=3,p=1$")
        );
        assert_eq!(encrypted.public_key().unwrap(), public);
        let unlocked = encrypted.unlock(PASS).unwrap();
        assert_eq!(unlocked.public_key(), public);
        let sig = unlocked.sign(b"pesan");
        let verifying = public.verifying_key().unwrap();
        assert!(
            verifying
                .verify_strict(b"pesan", &ed25519_dalek::Signature::from_bytes(&sig))
                .is_ok()
        );
        // The stored text never holds the seed in the clear.
        assert!(
            !encrypted
                .as_str()
                .contains(&STANDARD_NO_PAD.encode(unlocked.signing.to_bytes()))
        );
    }

    #[test]
    fn a_wrong_passphrase_is_refused_not_a_panic__batang_14() {
        let (encrypted, _) = generate_key(PASS).unwrap();
        for wrong in [
            "",
            "kopi-tubruk-batang-2025",
            &PASS.to_uppercase(),
            &"x".repeat(10_000),
        ] {
            assert!(
                matches!(encrypted.unlock(wrong), Err(SignError::WrongPassphrase)),
                "{wrong:.20}"
            );
        }
    }

    #[test]
    fn weak_passphrases_are_refused() {
        for weak in [
            "",
            "pendek",
            "123456789012345",
            "aaaaaaaaaaaaaaaa",
            "sebelas-kar",
        ] {
            assert!(
                matches!(generate_key(weak), Err(SignError::WeakPassphrase)),
                "{weak}"
            );
        }
        assert!(check_passphrase_strength("dua-belas-kar").is_ok());
    }

    #[test]
    fn changing_the_passphrase_keeps_the_key() {
        let (encrypted, public) = generate_key(PASS).unwrap();
        let new = "teh-poci-slawi-manis";
        assert!(matches!(
            change_passphrase(&encrypted, "salah-sekali-ini", new),
            Err(SignError::WrongPassphrase)
        ));
        assert!(matches!(
            change_passphrase(&encrypted, PASS, "lemah"),
            Err(SignError::WeakPassphrase)
        ));
        let changed = change_passphrase(&encrypted, PASS, new).unwrap();
        assert_ne!(changed, encrypted);
        assert_eq!(changed.unlock(new).unwrap().public_key(), public);
        assert!(matches!(
            changed.unlock(PASS),
            Err(SignError::WrongPassphrase)
        ));
    }

    #[test]
    fn the_stored_form_round_trips_and_tampering_is_detected() {
        let (encrypted, public) = generate_key(PASS).unwrap();
        let parsed: EncryptedKey = encrypted.to_string().parse().unwrap();
        assert_eq!(parsed.unlock(PASS).unwrap().public_key(), public);
        // Swapping the public key or weakening the parameters breaks the authentication tag.
        let (other, _) = generate_key(PASS).unwrap();
        let mut fields: Vec<String> = encrypted.as_str().split('$').map(String::from).collect();
        fields[3] = other.as_str().split('$').nth(3).unwrap().to_string();
        let swapped: EncryptedKey = fields.join("$").parse().unwrap();
        assert!(swapped.unlock(PASS).is_err());
        let weaker = encrypted.as_str().replace("t=3", "t=2");
        assert!(matches!(
            weaker.parse::<EncryptedKey>().unwrap().unlock(PASS),
            Err(SignError::WrongPassphrase)
        ));
    }

    #[test]
    fn malformed_stored_forms_are_errors() {
        let (encrypted, _) = generate_key(PASS).unwrap();
        let s = encrypted.as_str();
        for bad in [
            "",
            "v1",
            &s.replace("v1$", "v2$"),
            &s.replace("m=65536", "m=1024"),
            &s.replace("argon2id", "argon2i"),
            &format!("{s}$extra"),
            &s[..s.len() - 4],
        ] {
            assert!(
                matches!(bad.parse::<EncryptedKey>(), Err(SignError::MalformedKey(_))),
                "{bad:.40}"
            );
        }
    }

    #[test]
    fn secrets_stay_out_of_debug_output() {
        let (encrypted, public) = generate_key(PASS).unwrap();
        let unlocked = encrypted.unlock(PASS).unwrap();
        let seed_hex = hex::encode(unlocked.signing.to_bytes());
        for shown in [format!("{encrypted:?}"), format!("{unlocked:?}")] {
            assert!(shown.contains(&public.key_id()));
            assert!(!shown.contains(&seed_hex));
            assert!(!shown.contains("$"));
        }
    }

    #[test]
    fn public_keys_parse_from_hex_and_base64() {
        let (_, public) = generate_key(PASS).unwrap();
        assert_eq!(public.to_hex().parse::<PublicKey>().unwrap(), public);
        assert_eq!(public.to_base64().parse::<PublicKey>().unwrap(), public);
        assert_eq!(public.key_id().len(), 16);
        assert!("zz".parse::<PublicKey>().is_err());
        assert!("00".repeat(31).parse::<PublicKey>().is_err());
    }
}
