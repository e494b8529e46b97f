-- The community satisfaction survey (PermenPANRB 14/2017; Luwu Pasal 17(e), 18(e), 31).

-- Adopted questionnaire versions. `body` is balai_core::survey::Definition as JSON (elements
-- with codes, questions, labels and exact weights, in display order); an adopted version is
-- never edited, a new one is adopted. Audited as subject `skm_definition`.
CREATE TABLE IF NOT EXISTS skm_definitions (
    id UUID PRIMARY KEY,
    version INTEGER NOT NULL UNIQUE,
    body TEXT NOT NULL,
    adopted_at TIMESTAMPTZ NOT NULL
);

-- One invitation per finished transaction (a served ticket, a decided application, a closed
-- complaint, or one an officer issued by hand). Only the SHA-256 of the code is kept: the code
-- itself is printed once on the ticket, receipt or letter. Used once (`used_at`), valid until
-- `valid_until`. Audited as subject `skm_invitation`.
CREATE TABLE IF NOT EXISTS skm_invitations (
    id UUID PRIMARY KEY,
    code_hash TEXT NOT NULL UNIQUE,
    source_kind TEXT NOT NULL CHECK (source_kind IN ('ticket', 'application', 'complaint', 'manual')),
    source_id TEXT NOT NULL,
    service_id UUID NOT NULL REFERENCES services (id),
    organisation_id UUID NOT NULL REFERENCES organisations (id),
    issued_at TIMESTAMPTZ NOT NULL,
    valid_until TIMESTAMPTZ NOT NULL,
    used_at TIMESTAMPTZ,
    UNIQUE (source_kind, source_id)
);
CREATE INDEX IF NOT EXISTS skm_invitations_service ON skm_invitations (service_id, issued_at);

-- A stack of paper questionnaires entered by an officer (in the console or from a CSV file).
-- Audited as subject `skm_batch`.
CREATE TABLE IF NOT EXISTS skm_batches (
    id UUID PRIMARY KEY,
    source TEXT NOT NULL CHECK (source IN ('console', 'csv')),
    file_name TEXT,
    entered_by UUID REFERENCES users (id),
    entered_by_name TEXT NOT NULL,
    response_count INTEGER NOT NULL,
    created_at TIMESTAMPTZ NOT NULL
);

-- Responses, append-only: nothing in the application updates or deletes one. Answers sit in
-- slots a1..a12 in the order of the definition version's elements, so totals per element are
-- plain SUM/COUNT in SQL. Audited (created) as subject `skm_response`.
CREATE TABLE IF NOT EXISTS skm_responses (
    id UUID PRIMARY KEY,
    definition_version INTEGER NOT NULL REFERENCES skm_definitions (version),
    service_id UUID NOT NULL REFERENCES services (id),
    organisation_id UUID NOT NULL REFERENCES organisations (id),
    channel TEXT NOT NULL CHECK (channel IN ('online', 'tablet', 'paper')),
    invitation_id UUID UNIQUE REFERENCES skm_invitations (id),
    batch_id UUID REFERENCES skm_batches (id),
    responded_on DATE NOT NULL,
    sex TEXT NOT NULL CHECK (sex IN ('L', 'P')),
    age INTEGER NOT NULL,
    education TEXT NOT NULL,
    occupation TEXT NOT NULL,
    a1 INTEGER, a2 INTEGER, a3 INTEGER, a4 INTEGER, a5 INTEGER, a6 INTEGER,
    a7 INTEGER, a8 INTEGER, a9 INTEGER, a10 INTEGER, a11 INTEGER, a12 INTEGER,
    suggestion TEXT,
    created_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX IF NOT EXISTS skm_responses_day ON skm_responses (responded_on, service_id);
CREATE INDEX IF NOT EXISTS skm_responses_service ON skm_responses (service_id, responded_on);

-- Invalidating a response (e.g. a proven duplicate) is a new recorded event with its reason;
-- the response itself stays. Results subtract invalidated responses and say how many.
-- Audited as subject `skm_invalidation`.
CREATE TABLE IF NOT EXISTS skm_invalidations (
    response_id UUID PRIMARY KEY REFERENCES skm_responses (id),
    reason TEXT NOT NULL,
    invalidated_by UUID REFERENCES users (id),
    invalidated_by_name TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL
);

-- Moderation of a response's suggestion before it is shown on /ikm (the response itself stays
-- untouched). Audited as subject `skm_suggestion_review`.
CREATE TABLE IF NOT EXISTS skm_suggestion_reviews (
    response_id UUID PRIMARY KEY REFERENCES skm_responses (id),
    published BOOLEAN NOT NULL,
    reviewed_by UUID REFERENCES users (id),
    reviewed_at TIMESTAMPTZ NOT NULL,
    version INTEGER NOT NULL
);
