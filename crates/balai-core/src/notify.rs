//! Notifications and outgoing webhooks, as rules: the channels and statuses, when a
//! notification is overdue, the events integrations can subscribe to, how often a failed
//! delivery is tried again, and the signature every webhook carries.
//!
//! The applicant is told of the decision within 3 working days (Batang Pasal 12(2)); the
//! deadline comes from the deadline rules and is carried by the notification as `due_by`.

use chrono::{DateTime, Duration, Utc};
use hmac::{Hmac, Mac};
use sha2::Sha256;

use crate::error::CoreError;
use crate::ids::{Email, Phone};
use crate::macros::string_enum;

#[cfg(test)]
mod tests;

string_enum! {
    /// How a notification reaches its recipient.
    pub enum Channel (field = "channel") {
        Email = "email", "Email", "E-mail";
        /// SMS or WhatsApp, through the region's gateway (a webhook).
        Sms = "sms", "SMS/WhatsApp", "SMS/WhatsApp";
        /// The recipient's inbox on the site (`/akun/pesan`).
        Inbox = "inbox", "Kotak pesan", "Inbox";
    }
}

string_enum! {
    /// Where a notification stands.
    pub enum NotificationStatus (field = "status") {
        Queued = "queued", "Dalam antrean", "Queued";
        Sent = "sent", "Terkirim", "Sent";
        Failed = "failed", "Gagal", "Failed";
    }
}

string_enum! {
    /// Where one webhook delivery stands.
    pub enum DeliveryStatus (field = "status") {
        Pending = "pending", "Menunggu", "Pending";
        Delivered = "delivered", "Terkirim", "Delivered";
        Failed = "failed", "Gagal", "Failed";
    }
}

/// Longest subject of a notification (an e-mail subject line).
pub const SUBJECT_MAX: usize = 200;
/// Longest body of a notification; an SMS gateway splits long texts itself.
pub const BODY_MAX: usize = 10_000;

/// Checks the address for the channel: an e-mail address, an Indonesian phone number (stored
/// in E.164), or nothing for the inbox. Returns the stored form.
pub fn parse_address(channel: Channel, input: &str) -> Result<String, CoreError> {
    match channel {
        Channel::Email => Ok(Email::parse(input)?.as_str().to_string()),
        Channel::Sms => Ok(Phone::parse(input)?.as_str().to_string()),
        Channel::Inbox if input.trim().is_empty() => Ok(String::new()),
        Channel::Inbox => Err(CoreError::invalid("address", "notify-err-inbox-address")),
    }
}

/// A notification is overdue when its deadline passed and it has not been sent.
pub fn is_overdue(
    status: NotificationStatus,
    due_by: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> bool {
    status != NotificationStatus::Sent && due_by.is_some_and(|d| d < now)
}

/// An event integrations can subscribe to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WebhookEvent {
    pub name: &'static str,
    pub label_id: &'static str,
    pub label_en: &'static str,
}

/// Every event a webhook endpoint may subscribe to. An area that publishes a new event adds
/// one line here; publishing an event missing from this list is refused.
pub const WEBHOOK_EVENTS: &[WebhookEvent] = &[
    WebhookEvent {
        name: "application.submitted",
        label_id: "Permohonan diajukan",
        label_en: "Application submitted",
    },
    WebhookEvent {
        name: "application.returned",
        label_id: "Permohonan dikembalikan kepada pemohon",
        label_en: "Application returned to the applicant",
    },
    WebhookEvent {
        name: "application.decided",
        label_id: "Permohonan diputuskan",
        label_en: "Application decided",
    },
    WebhookEvent {
        name: "application.signed",
        label_id: "Dokumen ditandatangani",
        label_en: "Document signed",
    },
    WebhookEvent {
        name: "application.paid",
        label_id: "Retribusi dibayar",
        label_en: "Levy paid",
    },
    WebhookEvent {
        name: "application.collected",
        label_id: "Dokumen diambil",
        label_en: "Document collected",
    },
];

/// The event called `name`, if it is one of [`WEBHOOK_EVENTS`].
pub fn webhook_event(name: &str) -> Option<&'static WebhookEvent> {
    WEBHOOK_EVENTS.iter().find(|e| e.name == name)
}

/// How long to wait before trying a failed job again: `base · 2^(attempt-1)`, at most `cap`,
/// then moved by up to ± `jitter_percent` so that many jobs failing together (a gateway that
/// was down) do not all come back in the same second. The jitter comes from a seed (the job's
/// id and attempt), so the same failure always waits the same time and tests can predict it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    pub base_seconds: i64,
    pub cap_seconds: i64,
    pub jitter_percent: i64,
}

impl Default for RetryPolicy {
    /// 30 s, 1 min, 2 min, … up to 1 hour, ± 20 %.
    fn default() -> Self {
        RetryPolicy {
            base_seconds: 30,
            cap_seconds: 3600,
            jitter_percent: 20,
        }
    }
}

impl RetryPolicy {
    /// The wait after failed attempt number `attempt` (1 = the first try failed).
    pub fn delay(&self, attempt: i32, seed: u64) -> Duration {
        let doublings = u32::try_from(attempt.saturating_sub(1))
            .unwrap_or(0)
            .min(30);
        let plain = self
            .base_seconds
            .max(1)
            .saturating_mul(1_i64 << doublings)
            .min(self.cap_seconds.max(1));
        let spread = plain * self.jitter_percent.clamp(0, 100) / 100;
        let offset = if spread == 0 {
            0
        } else {
            let r = splitmix64(seed ^ u64::from(attempt.unsigned_abs()));
            (r % (2 * spread as u64 + 1)) as i64 - spread
        };
        Duration::seconds((plain + offset).max(1))
    }
}

/// One step of SplitMix64: a well-mixed number from a seed, without a random source.
fn splitmix64(seed: u64) -> u64 {
    let mut z = seed.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// The header value signing a webhook or gateway request:
/// `sha256=` + hex HMAC-SHA256(secret, `timestamp` + "." + body).
pub fn signature(secret: &str, timestamp: i64, body: &[u8]) -> String {
    format!("sha256={}", hex_lower(&mac(secret, timestamp, body)))
}

fn mac(secret: &str, timestamp: i64, body: &[u8]) -> Vec<u8> {
    // HMAC takes a key of any length, so this cannot fail.
    let mut m = match Hmac::<Sha256>::new_from_slice(secret.as_bytes()) {
        Ok(m) => m,
        Err(_) => return Vec::new(),
    };
    m.update(timestamp.to_string().as_bytes());
    m.update(b".");
    m.update(body);
    m.finalize().into_bytes().to_vec()
}

fn hex_lower(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Why a received signature was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SignatureProblem {
    /// The timestamp is not a number, or further from now than the tolerance (a replay).
    Stale,
    /// The signature does not match the body.
    Mismatch,
}

/// What a receiver checks (see docs/webhooks.md): the timestamp is within `tolerance` of
/// `now` (an old request replayed is refused), and the signature matches, compared in
/// constant time.
pub fn verify_signature(
    secret: &str,
    timestamp: &str,
    body: &[u8],
    signature_header: &str,
    now: DateTime<Utc>,
    tolerance: Duration,
) -> Result<(), SignatureProblem> {
    let ts: i64 = timestamp
        .trim()
        .parse()
        .map_err(|_| SignatureProblem::Stale)?;
    if (now.timestamp() - ts).abs() > tolerance.num_seconds() {
        return Err(SignatureProblem::Stale);
    }
    let expected = signature(secret, ts, body);
    let given = signature_header.trim().as_bytes();
    let same = expected.len() == given.len()
        && expected
            .as_bytes()
            .iter()
            .zip(given)
            .fold(0u8, |acc, (a, b)| acc | (a ^ b))
            == 0;
    if same {
        Ok(())
    } else {
        Err(SignatureProblem::Mismatch)
    }
}
