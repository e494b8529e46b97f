//! Totals for the index, computed in SQL: sums and counts per answer slot, grouped by
//! questionnaire version, so a year of the whole mall is one scan however many responses it
//! holds. Invalidated responses are totalled separately and subtracted (they are few; an
//! anti-join per row would cost more than the whole sum).

use std::collections::HashMap;

use balai_core::survey::{Definition, IkmResult, SampleRule, Sufficiency, Tally, compute};
use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use sqlx::Row;
use uuid::Uuid;

use super::MAX_ELEMENTS;
use crate::{Db, Result};

/// Which responses: one service, one organisation, or the whole mall (both `None`), in the
/// days `from` ≤ d < `until`.
#[derive(Debug, Clone, Copy)]
pub struct Scope {
    pub service_id: Option<Uuid>,
    pub organisation_id: Option<Uuid>,
    pub from: NaiveDate,
    pub until: NaiveDate,
}

/// Sums and counts per slot of one questionnaire version.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct VersionTotals {
    pub responses: i64,
    pub sums: [i64; MAX_ELEMENTS],
    pub counts: [i64; MAX_ELEMENTS],
}

/// The totals of a scope, invalidated responses already subtracted.
#[derive(Debug, Clone, Default)]
pub struct Totals {
    pub by_version: HashMap<i32, VersionTotals>,
    pub invalidated: i64,
}

impl Totals {
    /// Valid respondents.
    pub fn respondents(&self) -> u64 {
        self.by_version
            .values()
            .map(|t| t.responses.max(0) as u64)
            .sum()
    }

    /// Tallies by element code across versions: slot i of version v is element i of v's
    /// definition, so a reordered or extended questionnaire still adds up by code.
    pub fn tallies(&self, definitions: &HashMap<i32, Definition>) -> HashMap<String, Tally> {
        let mut out: HashMap<String, Tally> = HashMap::new();
        for (version, t) in &self.by_version {
            let Some(def) = definitions.get(version) else {
                continue;
            };
            for (i, e) in def.elements.iter().enumerate().take(MAX_ELEMENTS) {
                let tally = out.entry(e.code.as_str().to_owned()).or_default();
                tally.sum += t.sums[i].max(0) as u64;
                tally.count += t.counts[i].max(0) as u64;
            }
        }
        out
    }
}

const SCOPE_WHERE: &str = "r.responded_on >= $1 AND r.responded_on < $2 \
    AND ($3 IS NULL OR r.service_id = $3) AND ($4 IS NULL OR r.organisation_id = $4)";

fn totals_sql(invalidated_only: bool) -> String {
    let slots: Vec<String> = (1..=MAX_ELEMENTS)
        .map(|i| format!("SUM(r.a{i}), COUNT(r.a{i})"))
        .collect();
    let join = if invalidated_only {
        "JOIN skm_invalidations i ON i.response_id = r.id"
    } else {
        ""
    };
    format!(
        "SELECT r.definition_version, COUNT(*), {} FROM skm_responses r {join} \
         WHERE {SCOPE_WHERE} GROUP BY r.definition_version",
        slots.join(", ")
    )
}

async fn version_totals(
    db: &Db,
    scope: &Scope,
    invalidated_only: bool,
) -> Result<Vec<(i32, VersionTotals)>> {
    let sql = totals_sql(invalidated_only);
    let out = crate::on_db!(db.read(), p => {
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(scope.from).bind(scope.until).bind(scope.service_id).bind(scope.organisation_id)
            .fetch_all(p).await?;
        let mut out = Vec::with_capacity(rows.len());
        for row in rows {
            let mut t = VersionTotals {
                responses: row.try_get::<i64, _>(1)?,
                ..Default::default()
            };
            for i in 0..MAX_ELEMENTS {
                t.sums[i] = row.try_get::<Option<i64>, _>(2 + 2 * i)?.unwrap_or(0);
                t.counts[i] = row.try_get::<i64, _>(3 + 2 * i)?;
            }
            out.push((row.try_get::<i32, _>(0)?, t));
        }
        Ok::<_, sqlx::Error>(out)
    })?;
    Ok(out)
}

/// Sums and counts per version for `scope`, invalidated responses subtracted.
pub async fn totals(db: &Db, scope: &Scope) -> Result<Totals> {
    let mut by_version: HashMap<i32, VersionTotals> = version_totals(db, scope, false)
        .await?
        .into_iter()
        .collect();
    let mut invalidated = 0;
    for (version, bad) in version_totals(db, scope, true).await? {
        invalidated += bad.responses;
        if let Some(t) = by_version.get_mut(&version) {
            t.responses -= bad.responses;
            for i in 0..MAX_ELEMENTS {
                t.sums[i] -= bad.sums[i];
                t.counts[i] -= bad.counts[i];
            }
        }
    }
    Ok(Totals {
        by_version,
        invalidated,
    })
}

/// The period's population for Krejcie & Morgan: finished transactions the platform recorded
/// (one invitation each) in the scope's days (UTC).
pub async fn population(db: &Db, scope: &Scope) -> Result<u64> {
    let start =
        |d: NaiveDate| -> DateTime<Utc> { d.and_hms_opt(0, 0, 0).unwrap_or_default().and_utc() };
    let n: i64 = crate::on_db!(db.read(), p => sqlx::query_scalar(
        "SELECT COUNT(*) FROM skm_invitations r WHERE r.issued_at >= $1 AND r.issued_at < $2 \
         AND ($3 IS NULL OR r.service_id = $3) AND ($4 IS NULL OR r.organisation_id = $4)")
        .bind(start(scope.from)).bind(start(scope.until)).bind(scope.service_id)
        .bind(scope.organisation_id).fetch_one(p).await)?;
    Ok(n.max(0) as u64)
}

/// Respondents per profile value (`field` is sex, education, occupation or age band).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct ProfileCount {
    pub field: String,
    pub value: String,
    pub respondents: i64,
}

/// The profile breakdown of the valid responses of `scope`.
pub async fn profile_counts(db: &Db, scope: &Scope) -> Result<Vec<ProfileCount>> {
    let valid = format!(
        "{SCOPE_WHERE} AND NOT EXISTS (SELECT 1 FROM skm_invalidations i WHERE i.response_id = r.id)"
    );
    let part = |field: &str, expr: &str| {
        format!(
            "SELECT '{field}' AS field, {expr} AS value, COUNT(*) AS respondents \
                 FROM skm_responses r WHERE {valid} GROUP BY {expr}"
        )
    };
    let age = "CASE WHEN r.age < 20 THEN '<20' WHEN r.age < 30 THEN '20-29' \
        WHEN r.age < 40 THEN '30-39' WHEN r.age < 50 THEN '40-49' WHEN r.age < 60 THEN '50-59' \
        ELSE '60+' END";
    let sql = [
        part("sex", "r.sex"),
        part("age", age),
        part("education", "r.education"),
        part("occupation", "r.occupation"),
    ]
    .join(" UNION ALL ")
        + " ORDER BY 1, 2";
    Ok(
        crate::on_db!(db.read(), p => sqlx::query_as::<_, ProfileCount>(sqlx::AssertSqlSafe(sql))
        .bind(scope.from).bind(scope.until).bind(scope.service_id).bind(scope.organisation_id)
        .fetch_all(p).await)?,
    )
}

/// A suggestion with its moderation state.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct Suggestion {
    pub response_id: Uuid,
    pub service_id: Uuid,
    pub responded_on: NaiveDate,
    pub suggestion: String,
    pub published: Option<bool>,
}

/// Suggestions of `scope`: published ones (`published = Some(true)`), hidden ones
/// (`Some(false)`) or those not reviewed yet (`None`), newest first.
pub async fn suggestions(
    db: &Db,
    scope: &Scope,
    published: Option<bool>,
    limit: i64,
) -> Result<Vec<Suggestion>> {
    let state = match published {
        Some(_) => "s.published = $5",
        None => "s.response_id IS NULL AND $5 IS NULL",
    };
    let sql = format!(
        "SELECT r.id AS response_id, r.service_id, r.responded_on, r.suggestion, s.published \
         FROM skm_responses r LEFT JOIN skm_suggestion_reviews s ON s.response_id = r.id \
         WHERE {SCOPE_WHERE} AND r.suggestion IS NOT NULL AND {state} \
         AND NOT EXISTS (SELECT 1 FROM skm_invalidations i WHERE i.response_id = r.id) \
         ORDER BY r.responded_on DESC, r.id DESC LIMIT $6"
    );
    Ok(
        crate::on_db!(db.read(), p => sqlx::query_as::<_, Suggestion>(sqlx::AssertSqlSafe(sql))
        .bind(scope.from).bind(scope.until).bind(scope.service_id).bind(scope.organisation_id)
        .bind(published).bind(limit.clamp(1, 500))
        .fetch_all(p).await)?,
    )
}

/// The published numbers of a scope: the index (when every element has answers), the
/// respondents against Krejcie & Morgan, and how many responses were invalidated.
#[derive(Debug, Clone, Serialize)]
pub struct ScopeResult {
    pub index: Option<IkmResult>,
    pub respondents: u64,
    pub invalidated: u64,
    pub sufficiency: Sufficiency,
}

/// Computes the published numbers of `scope` with the newest questionnaire's weights. The
/// population is the larger of the invitations issued and the respondents (paper forms answer
/// for transactions the platform did not record).
pub async fn index(db: &Db, scope: &Scope, rule: SampleRule) -> Result<ScopeResult> {
    let rows = super::definitions(db).await?;
    let mut defs = HashMap::new();
    for r in &rows {
        defs.insert(r.version, r.definition()?);
    }
    let current = match rows.last() {
        Some(r) => r.definition()?,
        None => Definition::permenpanrb_14_2017(),
    };
    let totals = totals(db, scope).await?;
    let tallies = totals.tallies(&defs);
    let respondents = totals.respondents();
    let population = population(db, scope).await?.max(respondents);
    Ok(ScopeResult {
        index: compute(&current, |code| {
            tallies.get(code).copied().unwrap_or_default()
        }),
        respondents,
        invalidated: totals.invalidated.max(0) as u64,
        sufficiency: Sufficiency::of(population, respondents, rule),
    })
}
