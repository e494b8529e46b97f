//! Public consultation on a draft standard (PermenPANRB 16/2017; Seluma Pasal 21(2); Luwu
//! Pasal 26(2)): citizens' comments, moderated before they are shown, and the record of the
//! consultation forum (participants by group, the agreed record, follow-up items with owner
//! and due date), which adoption requires.

use balai_core::FieldErrors;
use balai_core::catalog::{CommentStatus, ParticipantGroup, StandardStatus};
use balai_core::text::check_len;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::audit::{self, AuditCtx, Change, Snapshot};
use crate::{Db, StoreError, Tx};

pub const COMMENT_SUBJECT: &str = "consultation_comment";
pub const FORUM_SUBJECT: &str = "consultation_forum";
/// Longest comment, in characters.
pub const BODY_MAX: usize = 2000;
/// Longest commenter name, in characters.
pub const NAME_MAX: usize = 120;
/// Longest agreed record of a forum, in characters.
pub const RECORD_MAX: usize = 8000;
/// Longest short line (place, follow-up item, owner).
pub const LINE_MAX: usize = 500;
/// Most follow-up items of one forum.
pub const FOLLOW_UPS_MAX: usize = 50;
/// Largest participant count of one group.
pub const COUNT_MAX: u32 = 100_000;

/// Why a consultation step was refused.
#[derive(Debug, thiserror::Error)]
pub enum ConsultationError {
    /// The draft is not open for comment today.
    #[error("this draft is not open for comment")]
    Closed,
    /// The forum can only be recorded for a draft or a version under consultation.
    #[error("the forum cannot be recorded for a version that is {0}")]
    NotOpen(StandardStatus),
    /// The comment was moderated already.
    #[error("the comment was already moderated")]
    AlreadyModerated,
    #[error("invalid input")]
    Invalid(FieldErrors),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<sqlx::Error> for ConsultationError {
    fn from(e: sqlx::Error) -> Self {
        ConsultationError::Store(e.into())
    }
}

impl From<serde_json::Error> for ConsultationError {
    fn from(e: serde_json::Error) -> Self {
        ConsultationError::Store(e.into())
    }
}

type CResult<T> = std::result::Result<T, ConsultationError>;

/// A comment as stored (and as audited).
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow, Serialize)]
pub struct CommentRow {
    pub id: Uuid,
    pub version_id: Uuid,
    pub author_user_id: Option<Uuid>,
    pub author_name: String,
    pub author_group: String,
    pub body: String,
    pub status: String,
    pub moderated_by: Option<Uuid>,
    pub moderated_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
}

macro_rules! select_comment {
    () => {
        "SELECT id, version_id, author_user_id, author_name, author_group, \
    body, status, moderated_by, moderated_at, created_at FROM consultation_comments"
    };
}

/// A comment someone submits.
#[derive(Debug, Clone)]
pub struct NewComment {
    pub author_user_id: Option<Uuid>,
    pub author_name: String,
    pub group: ParticipantGroup,
    pub body: String,
}

impl NewComment {
    /// Reads a submitted comment: name 1–120 characters, a known group, comment 1–2000
    /// characters. Reports every problem (fields `name`, `group`, `body`).
    pub fn parse(
        author_user_id: Option<Uuid>,
        name: &str,
        group: &str,
        body: &str,
    ) -> Result<Self, FieldErrors> {
        let mut errs = FieldErrors::new();
        check_len("name", name, 1, NAME_MAX, &mut errs);
        let group = errs.take("group", ParticipantGroup::parse(group));
        check_len("body", body, 1, BODY_MAX, &mut errs);
        match group {
            Some(group) if errs.is_empty() => Ok(NewComment {
                author_user_id,
                author_name: name.trim().to_string(),
                group,
                body: body.trim().to_string(),
            }),
            _ => Err(errs),
        }
    }
}

async fn version_state(
    tx: &mut Tx,
    version_id: Uuid,
) -> CResult<(StandardStatus, Option<NaiveDate>, Option<NaiveDate>)> {
    let sql = "SELECT status, comment_from, comment_until FROM standard_versions WHERE id = $1";
    let row: Option<(String, Option<NaiveDate>, Option<NaiveDate>)> =
        crate::on_tx!(tx, c => sqlx::query_as(sql).bind(version_id).fetch_optional(c).await)?;
    let (status, from, until) =
        row.ok_or_else(|| StoreError::NotFound(format!("standard version {version_id}")))?;
    let status = StandardStatus::parse(&status).map_err(|_| {
        StoreError::Corrupt(format!("standard version {version_id} status {status}"))
    })?;
    Ok((status, from, until))
}

async fn comment_in_tx(tx: &mut Tx, id: Uuid) -> crate::Result<CommentRow> {
    let sql = concat!(select_comment!(), " WHERE id = $1");
    crate::on_tx!(tx, c => sqlx::query_as::<_, CommentRow>(sql).bind(id).fetch_optional(c).await)?
        .ok_or_else(|| StoreError::NotFound(format!("comment {id}")))
}

/// Records a comment on a version open for comment on `today`, pending moderation, audited.
pub async fn add_comment(
    tx: &mut Tx,
    ctx: &AuditCtx,
    version_id: Uuid,
    comment: &NewComment,
    today: NaiveDate,
) -> CResult<CommentRow> {
    let (status, from, until) = version_state(tx, version_id).await?;
    let open = status.accepts_comments()
        && from.is_some_and(|f| f <= today)
        && until.is_some_and(|u| today <= u);
    if !open {
        return Err(ConsultationError::Closed);
    }
    let id = balai_core::ids::new_id();
    let sql = "INSERT INTO consultation_comments (id, version_id, author_user_id, author_name, \
        author_group, body, status, created_at) VALUES ($1, $2, $3, $4, $5, $6, 'pending', $7)";
    crate::on_tx!(tx, c => sqlx::query(sql).bind(id).bind(version_id).bind(comment.author_user_id)
        .bind(&comment.author_name).bind(comment.group.as_str()).bind(&comment.body).bind(ctx.at)
        .execute(c).await.map(|_| ()))?;
    let row = comment_in_tx(tx, id).await?;
    audit::record(
        tx,
        ctx,
        Change::new("create", COMMENT_SUBJECT, id).after(&row)?,
    )
    .await?;
    Ok(row)
}

/// Approves (shown publicly) or rejects a pending comment, audited.
pub async fn moderate(tx: &mut Tx, ctx: &AuditCtx, id: Uuid, approve: bool) -> CResult<CommentRow> {
    let before = comment_in_tx(tx, id).await?;
    if before.status != CommentStatus::Pending.as_str() {
        return Err(ConsultationError::AlreadyModerated);
    }
    let to = if approve {
        CommentStatus::Approved
    } else {
        CommentStatus::Rejected
    };
    let sql = "UPDATE consultation_comments SET status = $1, moderated_by = $2, moderated_at = $3 \
        WHERE id = $4 AND status = 'pending'";
    let done = crate::on_tx!(tx, c => sqlx::query(sql).bind(to.as_str()).bind(ctx.actor.user_id)
        .bind(ctx.at).bind(id).execute(c).await.map(|r| r.rows_affected()))?;
    if done == 0 {
        return Err(ConsultationError::AlreadyModerated);
    }
    let after = comment_in_tx(tx, id).await?;
    let action = if approve { "approve" } else { "reject" };
    let change = Change::new(action, COMMENT_SUBJECT, id)
        .before(&before)?
        .after(&after)?;
    audit::record(tx, ctx, change).await?;
    Ok(after)
}

/// A comment with the service and version it is about (moderation queue, console).
#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct CommentItem {
    pub id: Uuid,
    pub version_id: Uuid,
    pub author_name: String,
    pub author_group: String,
    pub body: String,
    pub status: String,
    pub created_at: DateTime<Utc>,
    pub version_no: i32,
    pub service_id: Uuid,
    pub service_code: String,
    pub service_name: String,
    pub service_name_en: String,
    pub organisation_id: Uuid,
}

macro_rules! select_item {
    () => {
        "SELECT c.id, c.version_id, c.author_name, c.author_group, c.body, \
    c.status, c.created_at, v.version_no, s.id AS service_id, s.code AS service_code, \
    s.name AS service_name, s.name_en AS service_name_en, s.organisation_id \
    FROM consultation_comments c JOIN standard_versions v ON v.id = c.version_id \
    JOIN services s ON s.id = v.service_id"
    };
}

/// Pending comments, oldest first; only `organisation_id`'s services when given.
pub async fn pending(db: &Db, organisation_id: Option<Uuid>) -> crate::Result<Vec<CommentItem>> {
    let sql = concat!(
        select_item!(),
        " WHERE c.status = 'pending' AND ($1 IS NULL OR s.organisation_id = $1) \
         ORDER BY c.created_at, c.id LIMIT 500"
    );
    let rows = crate::on_db!(db.read(), p => sqlx::query_as::<_, CommentItem>(sql)
        .bind(organisation_id).fetch_all(p).await)?;
    Ok(rows)
}

/// One comment with its service (for the organisation check before moderating).
pub async fn comment_item(db: &Db, id: Uuid) -> crate::Result<Option<CommentItem>> {
    let sql = concat!(select_item!(), " WHERE c.id = $1");
    let row = crate::on_db!(db.read(), p => sqlx::query_as::<_, CommentItem>(sql).bind(id).fetch_optional(p).await)?;
    Ok(row)
}

/// Comments on a version, oldest first; only approved ones when `approved_only`.
pub async fn comments_for_version(
    db: &Db,
    version_id: Uuid,
    approved_only: bool,
) -> crate::Result<Vec<CommentRow>> {
    let sql = concat!(
        select_comment!(),
        " WHERE version_id = $1 AND ($2 = FALSE OR status = 'approved') \
         ORDER BY created_at, id"
    );
    let rows = crate::on_db!(db.read(), p => sqlx::query_as::<_, CommentRow>(sql)
        .bind(version_id).bind(approved_only).fetch_all(p).await)?;
    Ok(rows)
}

/// How many people of one group took part in the forum.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ParticipantCount {
    pub group: ParticipantGroup,
    pub count: u32,
}

/// A follow-up item agreed at the forum.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FollowUp {
    pub item: String,
    pub owner: String,
    pub due: NaiveDate,
}

/// The forum record an administrator enters (already parsed by the form handler).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ForumInput {
    pub held_on: NaiveDate,
    pub place: String,
    pub participants: Vec<ParticipantCount>,
    pub agreed_record: String,
    pub follow_ups: Vec<FollowUp>,
}

impl ForumInput {
    /// Checks the record: place and agreed record required, at least one participant, each
    /// count at most 100 000, each follow-up with an item and an owner. Fields `place`,
    /// `agreed_record`, `participants`, `participants[i]`, `follow_ups[i].item|owner`.
    pub fn validate(&self) -> Result<(), FieldErrors> {
        let mut errs = FieldErrors::new();
        check_len("place", &self.place, 1, LINE_MAX, &mut errs);
        check_len(
            "agreed_record",
            &self.agreed_record,
            1,
            RECORD_MAX,
            &mut errs,
        );
        if self
            .participants
            .iter()
            .map(|p| u64::from(p.count))
            .sum::<u64>()
            == 0
        {
            errs.add("participants", "err-forum-no-participants");
        }
        for (i, p) in self.participants.iter().enumerate() {
            if p.count > COUNT_MAX {
                errs.add(&format!("participants[{i}]"), "err-out-of-range");
            }
        }
        if self.follow_ups.len() > FOLLOW_UPS_MAX {
            errs.add("follow_ups", "err-too-many");
        }
        for (i, f) in self.follow_ups.iter().enumerate() {
            check_len(
                &format!("follow_ups[{i}].item"),
                &f.item,
                1,
                LINE_MAX,
                &mut errs,
            );
            check_len(
                &format!("follow_ups[{i}].owner"),
                &f.owner,
                1,
                LINE_MAX,
                &mut errs,
            );
        }
        errs.into_result()
    }
}

/// A forum record as stored (and as audited).
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow, Serialize)]
pub struct ForumRow {
    pub id: Uuid,
    pub version_id: Uuid,
    pub held_on: NaiveDate,
    pub place: String,
    /// JSON list of [`ParticipantCount`].
    pub participants: String,
    pub agreed_record: String,
    /// JSON list of [`FollowUp`].
    pub follow_ups: String,
    pub recorded_by: Option<Uuid>,
    pub created_at: DateTime<Utc>,
}

impl ForumRow {
    pub fn participant_list(&self) -> crate::Result<Vec<ParticipantCount>> {
        serde_json::from_str(&self.participants)
            .map_err(|e| StoreError::Corrupt(format!("forum {}: {e}", self.id)))
    }

    pub fn follow_up_list(&self) -> crate::Result<Vec<FollowUp>> {
        serde_json::from_str(&self.follow_ups)
            .map_err(|e| StoreError::Corrupt(format!("forum {}: {e}", self.id)))
    }
}

macro_rules! select_forum {
    () => {
        "SELECT id, version_id, held_on, place, participants, agreed_record, \
    follow_ups, recorded_by, created_at FROM consultation_forums"
    };
}

async fn forum_in_tx(tx: &mut Tx, version_id: Uuid) -> crate::Result<Option<ForumRow>> {
    let sql = concat!(select_forum!(), " WHERE version_id = $1");
    let row = crate::on_tx!(tx, c => sqlx::query_as::<_, ForumRow>(sql).bind(version_id).fetch_optional(c).await)?;
    Ok(row)
}

/// Whether the version's forum was recorded (adoption needs it).
pub(crate) async fn forum_exists(tx: &mut Tx, version_id: Uuid) -> crate::Result<bool> {
    Ok(forum_in_tx(tx, version_id).await?.is_some())
}

/// Records the forum of a draft or a version under consultation, or corrects the record
/// already made, audited.
pub async fn record_forum(
    tx: &mut Tx,
    ctx: &AuditCtx,
    version_id: Uuid,
    input: &ForumInput,
) -> CResult<ForumRow> {
    input.validate().map_err(ConsultationError::Invalid)?;
    let (status, _, _) = version_state(tx, version_id).await?;
    if !matches!(status, StandardStatus::Draft | StandardStatus::Consultation) {
        return Err(ConsultationError::NotOpen(status));
    }
    let participants = serde_json::to_string(&input.participants)?;
    let follow_ups = serde_json::to_string(&input.follow_ups)?;
    let before = forum_in_tx(tx, version_id).await?;
    let id = match &before {
        Some(old) => {
            let sql = "UPDATE consultation_forums SET held_on = $1, place = $2, participants = $3, \
                agreed_record = $4, follow_ups = $5, recorded_by = $6 WHERE id = $7";
            crate::on_tx!(tx, c => sqlx::query(sql).bind(input.held_on).bind(input.place.trim())
                .bind(&participants).bind(input.agreed_record.trim()).bind(&follow_ups)
                .bind(ctx.actor.user_id).bind(old.id).execute(c).await.map(|_| ()))?;
            old.id
        }
        None => {
            let id = balai_core::ids::new_id();
            let sql = "INSERT INTO consultation_forums (id, version_id, held_on, place, participants, \
                agreed_record, follow_ups, recorded_by, created_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9)";
            crate::on_tx!(tx, c => sqlx::query(sql).bind(id).bind(version_id).bind(input.held_on)
                .bind(input.place.trim()).bind(&participants).bind(input.agreed_record.trim())
                .bind(&follow_ups).bind(ctx.actor.user_id).bind(ctx.at).execute(c).await.map(|_| ()))?;
            id
        }
    };
    let after = forum_in_tx(tx, version_id)
        .await?
        .ok_or_else(|| StoreError::NotFound(format!("forum of version {version_id}")))?;
    let change = match &before {
        Some(old) => Change::new("update", FORUM_SUBJECT, id).before(old)?,
        None => Change::new("create", FORUM_SUBJECT, id),
    };
    audit::record(tx, ctx, change.after(&after)?).await?;
    Ok(after)
}

/// The forum record of a version, if any.
pub async fn forum_for_version(db: &Db, version_id: Uuid) -> crate::Result<Option<ForumRow>> {
    let sql = concat!(select_forum!(), " WHERE version_id = $1");
    let row = crate::on_db!(db.read(), p => sqlx::query_as::<_, ForumRow>(sql).bind(version_id).fetch_optional(p).await)?;
    Ok(row)
}

/// Snapshots of every comment and forum record, for `audit verify`.
pub async fn snapshots(db: &Db) -> crate::Result<Vec<Snapshot>> {
    let comments = crate::on_db!(db.write(), p => sqlx::query_as::<_, CommentRow>(select_comment!()).fetch_all(p).await)?;
    let forums = crate::on_db!(db.write(), p => sqlx::query_as::<_, ForumRow>(select_forum!()).fetch_all(p).await)?;
    let mut out = Vec::with_capacity(comments.len() + forums.len());
    for c in comments {
        out.push(Snapshot {
            subject_type: COMMENT_SUBJECT,
            subject_id: c.id.to_string(),
            state: serde_json::to_value(&c)?,
        });
    }
    for f in forums {
        out.push(Snapshot {
            subject_type: FORUM_SUBJECT,
            subject_id: f.id.to_string(),
            state: serde_json::to_value(&f)?,
        });
    }
    Ok(out)
}
