//! The content digest a QR signature covers: the SHA-256 of a document's fields as canonical
//! JSON, so the verification page can recompute it from the stored record.
//!
//! Canonical here means: object keys sorted by their UTF-8 bytes at every depth, no white
//! space, and serde_json's escaping and number formatting. Two records with the same fields give
//! the same digest whatever order their keys were inserted in.

use serde_json::Value;
use sha2::{Digest, Sha256};

/// `value` as canonical JSON text.
pub fn canonical_json(value: &Value) -> String {
    let mut out = String::new();
    write(value, &mut out);
    out
}

fn write(value: &Value, out: &mut String) {
    match value {
        Value::Object(map) => {
            let mut keys: Vec<&String> = map.keys().collect();
            keys.sort();
            out.push('{');
            for (i, key) in keys.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&Value::String(key.clone()).to_string());
                out.push(':');
                if let Some(v) = map.get(key) {
                    write(v, out);
                }
            }
            out.push('}');
        }
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write(item, out);
            }
            out.push(']');
        }
        scalar => out.push_str(&scalar.to_string()),
    }
}

/// SHA-256 of the canonical JSON of `value`.
pub fn content_digest(value: &Value) -> [u8; 32] {
    Sha256::digest(canonical_json(value).as_bytes()).into()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn key_order_does_not_matter_at_any_depth() {
        let a = json!({"b": 1, "a": {"y": [1, {"q": 2, "p": 1}], "x": "é"}});
        let b = json!({"a": {"x": "é", "y": [1, {"p": 1, "q": 2}]}, "b": 1});
        assert_eq!(
            canonical_json(&a),
            r#"{"a":{"x":"é","y":[1,{"p":1,"q":2}]},"b":1}"#
        );
        assert_eq!(content_digest(&a), content_digest(&b));
    }

    #[test]
    fn any_changed_value_changes_the_digest() {
        let a = json!({"holder": "Siti Aminah", "valid_until": "2031-11-02"});
        let b = json!({"holder": "Siti Aminah", "valid_until": "2031-11-03"});
        assert_ne!(content_digest(&a), content_digest(&b));
        // Array order is meaningful.
        assert_ne!(
            content_digest(&json!([1, 2])),
            content_digest(&json!([2, 1]))
        );
    }
}
