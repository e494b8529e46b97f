//! Domain identifiers that parse on construction (national-rules §5).
//!
//! A handler turns each untrusted string into one of these types once; past that point the
//! value is known to be well formed. Every `parse` trims its input and fails with
//! `CoreError::Invalid { field, message_key }` where `field` is the natural name of the value
//! ("nik", "npwp", "phone", …); a form whose field has another name re-labels it with
//! [`crate::FieldErrors::take`]. All of them serialize as their canonical string and
//! deserialize through `parse`, except [`Rupiah`], which is a JSON number.

mod code;
mod contact;
mod money;
mod nik;
mod npwp;
mod region;

#[cfg(test)]
mod tests_contact;
#[cfg(test)]
mod tests_nik;
#[cfg(test)]
mod tests_npwp;
#[cfg(test)]
mod tests_region_money;

pub use code::Code;
pub use contact::{Email, Phone};
pub use money::Rupiah;
pub use nik::Nik;
pub use npwp::{Nib, Npwp, npwp_check_digit};
pub use region::{PROVINCES, RegionCode, RegionLevel, province_name};

/// A new time-ordered id (UUIDv7): rows inserted together sit together in indexes on both
/// database engines, and ids reveal their creation order.
pub fn new_id() -> uuid::Uuid {
    uuid::Uuid::now_v7()
}

/// True when every character is an ASCII digit (Unicode digits such as "٣" are refused: the
/// national registers only use 0–9).
pub(crate) fn all_ascii_digits(s: &str) -> bool {
    s.bytes().all(|b| b.is_ascii_digit())
}

/// Implements `Display`, `FromStr`, `Serialize` (as the canonical string) and `Deserialize`
/// (through `parse`) for a newtype that has `as_str()` and `parse()`.
macro_rules! string_newtype {
    ($name:ident) => {
        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl std::str::FromStr for $name {
            type Err = $crate::error::CoreError;

            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Self::parse(s)
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let raw = <String as serde::Deserialize>::deserialize(deserializer)?;
                Self::parse(&raw).map_err(serde::de::Error::custom)
            }
        }
    };
}

pub(crate) use string_newtype;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn new_ids_are_version_7_and_ordered() {
        let a = new_id();
        let b = new_id();
        assert_eq!(a.get_version_num(), 7);
        assert!(a < b);
    }
}
