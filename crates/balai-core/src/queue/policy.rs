//! A location's queue rules as data (architecture §3): a region's administrator changes them
//! without a release, and each names where it comes from.

use serde::{Deserialize, Serialize};

use crate::error::CoreError;

/// How appointment slots are cut and held.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SlotRules {
    /// Length of one slot.
    pub slot_minutes: u32,
    /// Visitors one open counter takes per slot.
    pub per_counter: u32,
    /// How many days ahead a slot can be booked.
    pub book_ahead_days: u32,
    /// A slot must start at least this long after booking.
    pub min_lead_minutes: u32,
    /// A booked visitor not checked in this long after the slot starts is a no-show and the
    /// slot's place is released.
    pub no_show_grace_minutes: u32,
}

/// The queue rules of one location.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QueuePolicy {
    /// Priority visitors (Luwu Pasal 35(3)) are called before others, but at one counter at
    /// most this many calls in a row go to them, so the regular queue keeps moving; `0` means
    /// priority visitors always go first. `1` is "at most every second call".
    pub priority_max_in_row: u32,
    /// Checked-in appointments whose slot has begun are called like priority visitors.
    pub appointments_first: bool,
    /// No new ticket this many minutes before the location closes, so that everyone holding a
    /// ticket can still be served within the published hours.
    pub last_ticket_minutes: u32,
    /// Expected minutes per visitor before statistics exist, for the estimated wait.
    pub default_service_minutes: u32,
    pub slots: SlotRules,
    /// Where the rules come from.
    pub citation: String,
}

impl Default for QueuePolicy {
    fn default() -> Self {
        Self {
            priority_max_in_row: 1,
            appointments_first: true,
            last_ticket_minutes: 30,
            default_service_minutes: 10,
            slots: SlotRules {
                slot_minutes: 30,
                per_counter: 2,
                book_ahead_days: 14,
                min_lead_minutes: 30,
                no_show_grace_minutes: 15,
            },
            citation: "Luwu Pasal 35(3); Mesuji Pasal 7".to_owned(),
        }
    }
}

impl QueuePolicy {
    /// Checks the numbers are sensible; the field named is the form field to mark.
    pub fn validate(&self) -> Result<(), CoreError> {
        let err = |field: &str, key: &str| Err(CoreError::invalid(field, key));
        let s = &self.slots;
        if self.priority_max_in_row > 20 {
            return err("priority_max_in_row", "queue-err-policy-range");
        }
        if self.last_ticket_minutes > 240 {
            return err("last_ticket_minutes", "queue-err-policy-range");
        }
        if !(1..=240).contains(&self.default_service_minutes) {
            return err("default_service_minutes", "queue-err-policy-range");
        }
        if !(5..=240).contains(&s.slot_minutes) {
            return err("slot_minutes", "queue-err-policy-range");
        }
        if !(1..=50).contains(&s.per_counter) {
            return err("per_counter", "queue-err-policy-range");
        }
        if !(1..=90).contains(&s.book_ahead_days) {
            return err("book_ahead_days", "queue-err-policy-range");
        }
        if s.min_lead_minutes > 1440 || s.no_show_grace_minutes > 240 {
            return err("no_show_grace_minutes", "queue-err-policy-range");
        }
        if self.citation.trim().is_empty() {
            return err("citation", "err-required");
        }
        Ok(())
    }

    /// Reads the stored JSON form, refusing unknown fields and senseless numbers.
    pub fn from_json(json: &str) -> Result<Self, CoreError> {
        let p: Self = serde_json::from_str(json)
            .map_err(|_| CoreError::invalid("policy", "queue-err-policy-format"))?;
        p.validate()?;
        Ok(p)
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}
