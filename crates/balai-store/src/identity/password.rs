//! Password hashing with Argon2id (the `argon2` crate's default parameters: 19 MiB, two
//! passes, one lane — the OWASP minimum), run on the blocking pool because one hash takes
//! tens of milliseconds of CPU that must not stall the async workers.

use std::sync::OnceLock;

use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use rand::{Rng, RngCore};

use crate::{Result, StoreError};

/// Hashes `password` into a PHC string (`$argon2id$v=19$…`) with a fresh random salt.
pub async fn hash_password(password: &str) -> Result<String> {
    let pw = password.to_owned();
    tokio::task::spawn_blocking(move || hash_now(&pw))
        .await
        .map_err(|e| StoreError::Config(format!("password hashing stopped: {e}")))?
}

fn hash_now(password: &str) -> Result<String> {
    let mut salt = [0u8; 16];
    rand::thread_rng().fill_bytes(&mut salt);
    let salt = SaltString::encode_b64(&salt)
        .map_err(|e| StoreError::Config(format!("password salt: {e}")))?;
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| StoreError::Config(format!("password hashing: {e}")))
}

/// Whether `password` matches the PHC string `hash`. A malformed hash never matches.
pub async fn verify_password(hash: &str, password: &str) -> bool {
    let (h, pw) = (hash.to_owned(), password.to_owned());
    tokio::task::spawn_blocking(move || verify_now(&h, &pw))
        .await
        .unwrap_or(false)
}

fn verify_now(hash: &str, password: &str) -> bool {
    PasswordHash::new(hash)
        .map(|parsed| {
            Argon2::default()
                .verify_password(password.as_bytes(), &parsed)
                .is_ok()
        })
        .unwrap_or(false)
}

/// Spends the same work as checking a real password, so a login with an unknown e-mail
/// takes as long as one with a wrong password and does not reveal which addresses exist.
pub async fn verify_dummy(password: &str) {
    static DUMMY: OnceLock<String> = OnceLock::new();
    let hash = match DUMMY.get() {
        Some(h) => h.clone(),
        None => match hash_password("balai-dummy-password").await {
            Ok(h) => DUMMY.get_or_init(|| h).clone(),
            Err(_) => return,
        },
    };
    let _ = verify_password(&hash, password).await;
}

/// Letters and digits that cannot be mistaken for one another when read aloud or copied
/// from a screen (no 0/O, 1/l/I).
const ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyzABCDEFGHJKMNPQRSTUVWXYZ23456789";

/// A strong random password for an account created or reset from the command line: four
/// groups of five characters (about 115 bits), e.g. `fH7qk-2mZpR-…`.
pub fn generate_password() -> String {
    let mut rng = rand::thread_rng();
    let groups: Vec<String> = (0..4)
        .map(|_| {
            (0..5)
                .map(|_| char::from(ALPHABET[rng.gen_range(0..ALPHABET.len())]))
                .collect()
        })
        .collect();
    groups.join("-")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn argon2id_hash_verifies_only_the_same_password() {
        let h = hash_password("Kata-Sandi-Rahasia")
            .await
            .unwrap_or_default();
        assert!(h.starts_with("$argon2id$"));
        assert!(verify_password(&h, "Kata-Sandi-Rahasia").await);
        assert!(!verify_password(&h, "kata-sandi-rahasia").await);
        assert!(!verify_password("not a hash", "x").await);
    }

    #[test]
    fn generated_passwords_pass_the_strength_rule() {
        let a = generate_password();
        assert_eq!(a.chars().count(), 23);
        assert!(balai_core::identity::check_password_strength(&a).is_ok());
        assert_ne!(a, generate_password());
    }
}
