-- Audit trail (architecture §5): append-only, hash-chained. The application never updates or
-- deletes these rows; audit_head holds the chain's tip so a removed last row is detectable.
CREATE TABLE IF NOT EXISTS audit_events (
    seq BIGINT PRIMARY KEY,
    id BLOB NOT NULL UNIQUE,
    at TEXT NOT NULL,
    actor_id BLOB,
    actor_name TEXT NOT NULL,
    actor_role TEXT,
    organisation_id BLOB,
    action TEXT NOT NULL,
    subject_type TEXT NOT NULL,
    subject_id TEXT NOT NULL,
    before_json TEXT,
    after_json TEXT,
    request_id TEXT,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS audit_events_subject ON audit_events (subject_type, subject_id);
CREATE INDEX IF NOT EXISTS audit_events_actor ON audit_events (actor_id);
CREATE INDEX IF NOT EXISTS audit_events_at ON audit_events (at);
CREATE TABLE IF NOT EXISTS audit_head (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    seq BIGINT NOT NULL,
    hash TEXT NOT NULL
);
INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000') ON CONFLICT (id) DO NOTHING;
-- Counters for numbers people see (architecture §2): one row per series, bumped with
-- INSERT … ON CONFLICT … DO UPDATE … RETURNING inside the creating transaction.
CREATE TABLE IF NOT EXISTS counters_seq (
    series TEXT PRIMARY KEY,
    value BIGINT NOT NULL
);
