-- Side effects that can wait (architecture §1): one row per job, written in the transaction of
-- the change that caused it and run by the worker loop inside `serve`. A worker takes a job
-- with a lease (`locked_until`); a job whose worker died is taken again once the lease passed.
-- Infrastructure, not audited: what a job does is audited by its area.
CREATE TABLE IF NOT EXISTS jobs (
    id BLOB PRIMARY KEY,
    kind TEXT NOT NULL,
    payload TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('queued', 'running', 'done', 'failed_retrying', 'dead')),
    attempts INTEGER NOT NULL DEFAULT 0,
    max_attempts INTEGER NOT NULL CHECK (max_attempts >= 1),
    run_at TEXT NOT NULL,
    locked_until TEXT,
    locked_by TEXT,
    last_error TEXT,
    dedupe_key TEXT UNIQUE,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    finished_at TEXT
);
-- "What is due now": waiting jobs by run time, running jobs by lease end, finished by age.
CREATE INDEX IF NOT EXISTS jobs_due ON jobs (status, run_at);
CREATE INDEX IF NOT EXISTS jobs_lease ON jobs (status, locked_until);
CREATE INDEX IF NOT EXISTS jobs_finished ON jobs (status, finished_at);

-- Notifications to people (Batang Pasal 12(2): the applicant is told within 3 working days of
-- the decision): by e-mail, by SMS/WhatsApp through the region's gateway, or in the inbox on
-- the site. `due_by` is the statutory deadline the notification must meet; one not `sent` by
-- then is overdue. `organisation_id` is the organisation responsible, when known (staff of
-- one organisation see its notifications). Audited as subject `notification`.
CREATE TABLE IF NOT EXISTS notifications (
    id BLOB PRIMARY KEY,
    recipient_user_id BLOB REFERENCES users (id),
    organisation_id BLOB REFERENCES organisations (id),
    channel TEXT NOT NULL CHECK (channel IN ('email', 'sms', 'inbox')),
    address TEXT NOT NULL,
    subject TEXT NOT NULL,
    body TEXT NOT NULL,
    link TEXT,
    about_type TEXT NOT NULL,
    about_id TEXT NOT NULL,
    due_by TEXT,
    status TEXT NOT NULL CHECK (status IN ('queued', 'sent', 'failed')),
    attempts INTEGER NOT NULL DEFAULT 0,
    sent_at TEXT,
    last_error TEXT,
    read_at TEXT,
    created_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS notifications_recipient ON notifications (recipient_user_id, created_at);
CREATE INDEX IF NOT EXISTS notifications_status ON notifications (status, due_by);
CREATE INDEX IF NOT EXISTS notifications_about ON notifications (about_type, about_id);

-- Integrations (OSS, an agency's own system) that receive signed webhooks. The secret is kept
-- to sign with and shown once at creation; the audit trail holds only its SHA-256.
CREATE TABLE IF NOT EXISTS webhook_endpoints (
    id BLOB PRIMARY KEY,
    name TEXT NOT NULL,
    url TEXT NOT NULL,
    secret TEXT NOT NULL,
    events TEXT NOT NULL,
    active INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    version INTEGER NOT NULL
);

-- One event sent to one endpoint. `payload` is the exact body sent, so delivering again sends
-- the same event id; an event reaches an endpoint at most once (UNIQUE). Audited as subject
-- `webhook_delivery`.
CREATE TABLE IF NOT EXISTS webhook_deliveries (
    id BLOB PRIMARY KEY,
    endpoint_id BLOB NOT NULL REFERENCES webhook_endpoints (id),
    event TEXT NOT NULL,
    event_id BLOB NOT NULL,
    payload TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
    attempts INTEGER NOT NULL DEFAULT 0,
    response_status INTEGER,
    last_error TEXT,
    created_at TEXT NOT NULL,
    delivered_at TEXT,
    UNIQUE (endpoint_id, event_id)
);
CREATE INDEX IF NOT EXISTS webhook_deliveries_endpoint ON webhook_deliveries (endpoint_id, created_at);
