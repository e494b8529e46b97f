-- The community satisfaction survey (PermenPANRB 14/2017; Luwu Pasal 17(e), 18(e), 31).

-- Adopted questionnaire versions. `body` is balai_core::survey::Definition as JSON (elements
-- with codes, questions, labels and exact weights, in display order); an adopted version is
-- never edited, a new one is adopted. Audited as subject `skm_definition`.
CREATE TABLE IF NOT EXISTS skm_definitions (
    id BLOB PRIMARY KEY,
    version INTEGER NOT NULL UNIQUE,
    body TEXT NOT NULL,
    adopted_at TEXT NOT NULL
);

-- One invitation per finished transaction (a served ticket, a decided application, a closed
-- complaint, or one an officer issued by hand). Only the SHA-256 of the code is kept: the code
-- itself is printed once on the ticket, receipt or letter. Used once (`used_at`), valid until
-- `valid_until`. Audited as subject `skm_invitation`.
CREATE TABLE IF NOT EXISTS skm_invitations (
    id BLOB PRIMARY KEY,
    code_hash TEXT NOT NULL UNIQUE,
    source_kind TEXT NOT NULL CHECK (source_kind IN ('ticket', 'application', 'complaint', 'manual')),
    source_id TEXT NOT NULL,
    service_id BLOB NOT NULL REFERENCES services (id),
    organisation_id BLOB NOT NULL REFERENCES organisations (id),
    issued_at TEXT NOT NULL,
    valid_until TEXT NOT NULL,
    used_at TEXT,
    UNIQUE (source_kind, source_id)
);
CREATE INDEX IF NOT EXISTS skm_invitations_service ON skm_invitations (service_id, issued_at);

-- A stack of paper questionnaires entered by an officer (in the console or from a CSV file).
-- Audited as subject `skm_batch`.
CREATE TABLE IF NOT EXISTS skm_batches (
    id BLOB PRIMARY KEY,
    source TEXT NOT NULL CHECK (source IN ('console', 'csv')),
    file_name TEXT,
    entered_by BLOB REFERENCES users (id),
    entered_by_name TEXT NOT NULL,
    response_count INTEGER NOT NULL,
    created_at TEXT NOT NULL
);

-- Responses, append-only: nothing in the application updates or deletes one. Answers sit in
-- slots a1..a12 in the order of the definition version's elements, so totals per element are
-- plain SUM/COUNT in SQL. Audited (created) as subject `skm_response`.
CREATE TABLE IF NOT EXISTS skm_responses (
    id BLOB PRIMARY KEY,
    definition_version INTEGER NOT NULL REFERENCES skm_definitions (version),
    service_id BLOB NOT NULL REFERENCES services (id),
    organisation_id BLOB NOT NULL REFERENCES organisations (id),
    channel TEXT NOT NULL CHECK (channel IN ('online', 'tablet', 'paper')),
    invitation_id BLOB UNIQUE REFERENCES skm_invitations (id),
    batch_id BLOB REFERENCES skm_batches (id),
    responded_on TEXT NOT NULL,
    sex TEXT NOT NULL CHECK (sex IN ('L', 'P')),
    age INTEGER NOT NULL,
    education TEXT NOT NULL,
    occupation TEXT NOT NULL,
    a1 INTEGER, a2 INTEGER, a3 INTEGER, a4 INTEGER, a5 INTEGER, a6 INTEGER,
    a7 INTEGER, a8 INTEGER, a9 INTEGER, a10 INTEGER, a11 INTEGER, a12 INTEGER,
    suggestion TEXT,
    created_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS skm_responses_day ON skm_responses (responded_on, service_id);
CREATE INDEX IF NOT EXISTS skm_responses_service ON skm_responses (service_id, responded_on);

-- Invalidating a response (e.g. a proven duplicate) is a new recorded event with its reason;
-- the response itself stays. Results subtract invalidated responses and say how many.
-- Audited as subject `skm_invalidation`.
CREATE TABLE IF NOT EXISTS skm_invalidations (
    response_id BLOB PRIMARY KEY REFERENCES skm_responses (id),
    reason TEXT NOT NULL,
    invalidated_by BLOB REFERENCES users (id),
    invalidated_by_name TEXT NOT NULL,
    created_at TEXT NOT NULL
);

-- Moderation of a response's suggestion before it is shown on /ikm (the response itself stays
-- untouched). Audited as subject `skm_suggestion_review`.
CREATE TABLE IF NOT EXISTS skm_suggestion_reviews (
    response_id BLOB PRIMARY KEY REFERENCES skm_responses (id),
    published INTEGER NOT NULL,
    reviewed_by BLOB REFERENCES users (id),
    reviewed_at TEXT NOT NULL,
    version INTEGER NOT NULL
);
