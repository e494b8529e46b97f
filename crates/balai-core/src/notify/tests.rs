use chrono::TimeZone;

use super::*;

fn at(h: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 5, h, 0, 0).unwrap()
}

#[test]
fn unsent_notification_past_its_deadline_is_overdue__batang_12_2() {
    let due = Some(at(9));
    assert!(!is_overdue(NotificationStatus::Queued, due, at(8)));
    assert!(is_overdue(NotificationStatus::Queued, due, at(10)));
    assert!(is_overdue(NotificationStatus::Failed, due, at(10)));
    assert!(!is_overdue(NotificationStatus::Sent, due, at(10)));
    assert!(!is_overdue(NotificationStatus::Queued, None, at(10)));
}

#[test]
fn addresses_are_checked_per_channel() {
    assert_eq!(
        parse_address(Channel::Email, " Warga@Example.ID ").unwrap(),
        "warga@example.id"
    );
    assert_eq!(
        parse_address(Channel::Sms, "0812-3456-7890").unwrap(),
        "+6281234567890"
    );
    assert_eq!(parse_address(Channel::Inbox, "").unwrap(), "");
    assert!(parse_address(Channel::Email, "not an address").is_err());
    assert!(parse_address(Channel::Sms, "+1 202 555 0100").is_err());
    assert!(parse_address(Channel::Inbox, "x@example.id").is_err());
}

#[test]
fn retry_waits_double_up_to_the_cap_with_bounded_jitter() {
    let p = RetryPolicy::default();
    for seed in [0_u64, 1, 42, u64::MAX] {
        for attempt in 1..=12 {
            let plain = (30_i64 << (attempt - 1)).min(3600);
            let d = p.delay(attempt, seed).num_seconds();
            assert!(
                d >= plain * 80 / 100 && d <= plain * 120 / 100,
                "attempt {attempt}: {d}s"
            );
        }
    }
    assert_eq!(p.delay(3, 7), p.delay(3, 7), "seeded: the same every time");
    let spread: std::collections::HashSet<i64> =
        (0..50).map(|s| p.delay(4, s).num_seconds()).collect();
    assert!(spread.len() > 5, "jitter spreads jobs out");
    assert_eq!(
        RetryPolicy {
            jitter_percent: 0,
            ..p
        }
        .delay(2, 9)
        .num_seconds(),
        60
    );
}

#[test]
fn signature_covers_timestamp_and_body_and_refuses_replays() {
    let now = Utc.timestamp_opt(1_800_000_000, 0).unwrap();
    let body = br#"{"id":"1"}"#;
    let sig = signature("rahasia", now.timestamp(), body);
    assert!(sig.starts_with("sha256=") && sig.len() == 7 + 64);
    let ok = |ts: &str, body: &[u8], sig: &str| {
        verify_signature("rahasia", ts, body, sig, now, Duration::minutes(5))
    };
    assert_eq!(ok("1800000000", body, &sig), Ok(()));
    assert_eq!(
        ok("1800000000", br#"{"id":"2"}"#, &sig),
        Err(SignatureProblem::Mismatch)
    );
    assert_eq!(
        ok("1800000001", body, &sig),
        Err(SignatureProblem::Mismatch)
    );
    let old = signature("rahasia", now.timestamp() - 600, body);
    assert_eq!(ok("1799999400", body, &old), Err(SignatureProblem::Stale));
    assert_eq!(ok("kemarin", body, &sig), Err(SignatureProblem::Stale));
    assert!(verify_signature("lain", "1800000000", body, &sig, now, Duration::minutes(5)).is_err());
}

#[test]
fn signature_matches_a_known_hmac_sha256() {
    // HMAC-SHA256(key "key", "0.The quick brown fox jumps over the lazy dog") computed
    // independently (Python's hmac module).
    let sig = signature("key", 0, b"The quick brown fox jumps over the lazy dog");
    assert_eq!(
        sig,
        "sha256=8511f28f7a1949f0c42772b447d68b2daf760f5f0439a20a17e3b4e7cd395763"
    );
}

#[test]
fn every_webhook_event_is_named_area_dot_happening_and_listed_once() {
    let mut seen = std::collections::HashSet::new();
    for e in WEBHOOK_EVENTS {
        assert!(seen.insert(e.name), "{} twice", e.name);
        assert!(e.name.contains('.'));
        assert!(webhook_event(e.name).is_some());
    }
    assert!(webhook_event("application.decided").is_some());
    assert!(webhook_event("application.exploded").is_none());
}
