//! One small macro for the many closed lists the rules use (roles, kinds, statuses).
//!
//! Each list is stored as TEXT with a CHECK constraint, sent as JSON and shown in two
//! languages, so every variant needs the same four things: a stable code, a parser, an
//! Indonesian label and an English label. Writing them by hand for twenty enums invites the
//! code and the serde name to drift apart; here they come from one line per variant.

/// Declares a closed list with a stable snake_case code per variant.
///
/// Generates: the enum (Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde with
/// the code as the name), `ALL`, `all()`, `as_str()`, `parse()` (trimmed, ASCII
/// case-insensitive; the error is `CoreError::Invalid { field: $field, message_key:
/// "err-unknown-value" }`), `label_id()`, `label_en()`, `Display` (the code) and `FromStr`.
macro_rules! string_enum {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident (field = $field:literal) {
            $(
                $(#[$vmeta:meta])*
                $variant:ident = $code:literal, $label_id:literal, $label_en:literal;
            )+
        }
    ) => {
        $(#[$meta])*
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord,
            serde::Serialize, serde::Deserialize,
        )]
        $vis enum $name {
            $(
                $(#[$vmeta])*
                #[serde(rename = $code)]
                $variant,
            )+
        }

        impl $name {
            /// Every variant, in declaration order (the order shown in forms).
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// Every variant, in declaration order (the order shown in forms).
            pub fn all() -> &'static [$name] {
                Self::ALL
            }

            /// The stable code stored in the database and sent in JSON.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $code,)+
                }
            }

            /// Parses a code (trimmed, ASCII case-insensitive).
            pub fn parse(input: &str) -> Result<Self, $crate::error::CoreError> {
                let wanted = input.trim();
                Self::ALL
                    .iter()
                    .copied()
                    .find(|v| v.as_str().eq_ignore_ascii_case(wanted))
                    .ok_or_else(|| $crate::error::CoreError::invalid($field, "err-unknown-value"))
            }

            /// The label shown to Indonesian readers.
            pub fn label_id(self) -> &'static str {
                match self {
                    $($name::$variant => $label_id,)+
                }
            }

            /// The label shown to English readers.
            pub fn label_en(self) -> &'static str {
                match self {
                    $($name::$variant => $label_en,)+
                }
            }
        }

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
    };
}

pub(crate) use string_enum;
