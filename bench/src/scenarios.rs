//! The scenarios the driver knows, as data: a later issue adds its endpoint by adding a row to
//! [`SCENARIOS`], not by writing code.

use anyhow::{Result, bail};
use hyper::{Method, StatusCode};

/// A request body sent with every request of a scenario.
#[derive(Debug, Clone, Copy)]
pub struct Body {
    pub content_type: &'static str,
    pub text: &'static str,
}

/// One measured endpoint: every connection repeats this request for the whole period.
#[derive(Debug, Clone)]
pub struct Scenario {
    pub name: &'static str,
    pub method: Method,
    pub path: &'static str,
    pub body: Option<Body>,
    /// Any other status counts as an error.
    pub expected: StatusCode,
}

/// The bare axum "hello" endpoint served by `balai-bench baseline`; always measured first,
/// because every other figure is read as a share of it.
pub static BASELINE: Scenario = Scenario {
    name: "baseline",
    method: Method::GET,
    path: "/",
    body: None,
    expected: StatusCode::OK,
};

/// Scenarios run against `balai demo`, in this order.
pub static SCENARIOS: &[Scenario] = &[
    Scenario {
        name: "services_list",
        method: Method::GET,
        path: "/layanan",
        body: None,
        expected: StatusCode::OK,
    },
    Scenario {
        name: "service_detail",
        method: Method::GET,
        path: "/layanan/KTP-EL",
        body: None,
        expected: StatusCode::OK,
    },
    Scenario {
        name: "api_service",
        method: Method::GET,
        path: "/api/v1/services/KTP-EL",
        body: None,
        expected: StatusCode::OK,
    },
    Scenario {
        name: "healthz",
        method: Method::GET,
        path: "/healthz",
        body: None,
        expected: StatusCode::OK,
    },
];

/// The balai scenarios named by `--scenario` (all of them when none is named), in table order.
/// `baseline` is accepted as a name but never returned: it is measured in every run anyway, so
/// `--scenario baseline` alone measures the yardstick without starting balai.
pub fn select(names: &[String]) -> Result<Vec<&'static Scenario>> {
    if names.is_empty() {
        return Ok(SCENARIOS.iter().collect());
    }
    if let Some(unknown) = names
        .iter()
        .find(|n| *n != BASELINE.name && !SCENARIOS.iter().any(|s| s.name == *n))
    {
        let known: Vec<&str> = SCENARIOS.iter().map(|s| s.name).collect();
        bail!(
            "unknown scenario `{unknown}`; known scenarios are baseline, {}",
            known.join(", ")
        );
    }
    Ok(SCENARIOS
        .iter()
        .filter(|s| names.iter().any(|n| n == s.name))
        .collect())
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn names(list: &[&'static Scenario]) -> Vec<&'static str> {
        list.iter().map(|s| s.name).collect()
    }

    #[test]
    fn no_filter_selects_every_balai_scenario_in_table_order() {
        let all = select(&[]).unwrap();
        assert_eq!(
            names(&all),
            ["services_list", "service_detail", "api_service", "healthz"]
        );
    }

    #[test]
    fn filter_keeps_table_order_not_argument_order() {
        let picked = select(&["healthz".into(), "services_list".into()]).unwrap();
        assert_eq!(names(&picked), ["services_list", "healthz"]);
    }

    #[test]
    fn baseline_alone_selects_no_balai_scenario() {
        assert!(select(&["baseline".into()]).unwrap().is_empty());
    }

    #[test]
    fn unknown_name_is_refused_with_the_known_names() {
        let err = select(&["nope".into()]).unwrap_err().to_string();
        assert!(err.contains("`nope`"), "{err}");
        assert!(err.contains("services_list"), "{err}");
    }

    #[test]
    fn scenario_names_are_unique_and_paths_are_absolute() {
        let mut seen = vec![BASELINE.name];
        for s in SCENARIOS {
            assert!(!seen.contains(&s.name), "duplicate {}", s.name);
            assert!(s.path.starts_with('/'), "{}", s.path);
            seen.push(s.name);
        }
    }
}
