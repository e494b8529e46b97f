//! Reading forms with repeated names (checkbox groups) and numbered rows (`req-0-name`,
//! `req-1-name` …), which the lenient `PageForm<Struct>` cannot express. Pages without
//! JavaScript add rows by re-rendering the form with more empty ones.

/// Most rows of one list a form may post (bounds work on a hostile body).
pub(super) const MAX_ROWS: usize = 120;
/// Empty rows offered under the filled ones.
pub(super) const EXTRA_ROWS: usize = 3;
/// Most empty rows after pressing "tambah baris" repeatedly.
pub(super) const MAX_EXTRA_ROWS: usize = 30;

/// A submitted form as ordered (name, value) pairs.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(transparent)]
pub(super) struct Pairs(pub Vec<(String, String)>);

impl Pairs {
    /// The first value of `name`, or "".
    pub(super) fn get(&self, name: &str) -> &str {
        self.0
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
            .unwrap_or("")
    }

    /// Every value of `name`, in order.
    pub(super) fn all(&self, name: &str) -> Vec<&str> {
        self.0
            .iter()
            .filter(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
            .collect()
    }

    /// Whether a checkbox `name` was ticked.
    pub(super) fn checked(&self, name: &str) -> bool {
        self.0.iter().any(|(k, v)| k == name && !v.is_empty())
    }

    /// The row numbers used with `prefix` (`prefix-N` or `prefix-N-field`), ascending, at most
    /// [`MAX_ROWS`].
    pub(super) fn rows(&self, prefix: &str) -> Vec<usize> {
        let mut out: Vec<usize> = self
            .0
            .iter()
            .filter_map(|(k, _)| k.strip_prefix(prefix)?.strip_prefix('-'))
            .filter_map(|rest| rest.split('-').next()?.parse::<usize>().ok())
            .filter(|n| *n < 10_000)
            .collect();
        out.sort_unstable();
        out.dedup();
        out.truncate(MAX_ROWS);
        out
    }

    /// How many empty rows to show: the posted `extra` (plus [`EXTRA_ROWS`] when the "add rows"
    /// button was pressed), within bounds.
    pub(super) fn extra_rows(&self) -> usize {
        let posted = self
            .get("extra")
            .trim()
            .parse::<usize>()
            .unwrap_or(EXTRA_ROWS);
        let wanted = if self.get("action") == "add_rows" {
            posted + EXTRA_ROWS
        } else {
            posted
        };
        wanted.clamp(1, MAX_EXTRA_ROWS)
    }
}

/// One input of a repeated row, ready for the form macros.
#[derive(Debug, Clone)]
pub(super) struct Cell {
    pub name: String,
    pub value: String,
    pub error: String,
}

impl Cell {
    pub(super) fn new(name: String, value: &str, error: String) -> Cell {
        Cell {
            name,
            value: value.to_string(),
            error,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(v: &[(&str, &str)]) -> Pairs {
        Pairs(
            v.iter()
                .map(|(a, b)| (a.to_string(), b.to_string()))
                .collect(),
        )
    }

    #[test]
    fn rows_are_found_by_prefix_and_number() {
        let p = pairs(&[
            ("req-2-name", "a"),
            ("req-0-name", "b"),
            ("req-0-note", ""),
            ("reqx-1", "c"),
            ("legal-5", "d"),
        ]);
        assert_eq!(p.rows("req"), vec![0, 2]);
        assert_eq!(p.rows("legal"), vec![5]);
        assert_eq!(p.all("req-0-name"), vec!["b"]);
    }

    #[test]
    fn add_rows_grows_the_empty_rows_within_bounds() {
        assert_eq!(
            pairs(&[("extra", "3"), ("action", "add_rows")]).extra_rows(),
            6
        );
        assert_eq!(
            pairs(&[("extra", "999"), ("action", "add_rows")]).extra_rows(),
            MAX_EXTRA_ROWS
        );
        assert_eq!(pairs(&[("extra", "x")]).extra_rows(), EXTRA_ROWS);
    }
}
