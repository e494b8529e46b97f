-- Electronic licensing (PTSP-el, Batang Pasal 3–16). Workflow definitions adopted by the
-- region's administrator (the built-in ones of balai_core::permits need no row), one JSON
-- document each. Audited as `workflow_definition`.
CREATE TABLE IF NOT EXISTS workflow_definitions (
    code TEXT PRIMARY KEY,
    definition TEXT NOT NULL,
    version INTEGER NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);
-- What makes a service a permit service: workflow, options, form, levy, number pattern,
-- licence template (balai_core::permits::PermitSettings as JSON). Audited as `permit_settings`.
CREATE TABLE IF NOT EXISTS permit_settings (
    service_id UUID PRIMARY KEY REFERENCES services (id),
    workflow_code TEXT NOT NULL,
    settings TEXT NOT NULL,
    version INTEGER NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);
-- Applications (permohonan). A draft has no state and no registration number; submitting
-- gives both. `channel` says how it came in; a back-captured one (Batang Pasal 16(1)) carries
-- the reason and its true submission time in `submitted_at`, while `created_at` is when it was
-- entered. `tracking_pin` is the PIN printed on the receipt, the second factor of /lacak; it is
-- kept out of audit snapshots. `idempotency_key` makes a repeated submission (a double click, a retried API
-- call) file once. Audited as `application`.
CREATE TABLE IF NOT EXISTS applications (
    id UUID PRIMARY KEY,
    service_id UUID NOT NULL REFERENCES services (id),
    organisation_id UUID NOT NULL REFERENCES organisations (id),
    applicant_user_id UUID REFERENCES users (id),
    applicant_name TEXT NOT NULL,
    applicant_email TEXT,
    applicant_phone TEXT,
    applicant_birth_date DATE,
    workflow_code TEXT NOT NULL,
    state TEXT,
    form_values TEXT NOT NULL,
    channel TEXT NOT NULL CHECK (channel IN ('online', 'counter', 'api', 'back_captured')),
    filed_by UUID REFERENCES users (id),
    back_capture_reason TEXT,
    registration_number TEXT UNIQUE,
    tracking_pin TEXT,
    idempotency_key TEXT UNIQUE,
    inspection_required BOOLEAN NOT NULL,
    levy_amount BIGINT NOT NULL,
    outcome TEXT CHECK (outcome IN ('approved', 'rejected')),
    declared_at TIMESTAMPTZ,
    submitted_at TIMESTAMPTZ,
    state_entered_at TIMESTAMPTZ,
    state_due_on DATE,
    version INTEGER NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);
-- Inboxes: what is in a state, oldest deadline first, per organisation.
CREATE INDEX IF NOT EXISTS applications_inbox ON applications (organisation_id, state, state_due_on);
CREATE INDEX IF NOT EXISTS applications_applicant ON applications (applicant_user_id, created_at);
-- Public data: licences issued per service and month.
CREATE INDEX IF NOT EXISTS applications_service_state ON applications (service_id, state);
-- Uploaded documents, one row per version: a replaced document keeps its earlier versions.
-- `requirement` is the requirement's name in the service standard. Audited as
-- `application_document`.
CREATE TABLE IF NOT EXISTS application_documents (
    id UUID PRIMARY KEY,
    application_id UUID NOT NULL REFERENCES applications (id),
    requirement TEXT NOT NULL,
    doc_version INTEGER NOT NULL,
    file_id UUID NOT NULL REFERENCES stored_files (id),
    status TEXT NOT NULL CHECK (status IN ('pending', 'accepted', 'returned', 'replaced')),
    return_reason TEXT,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS application_documents_version ON application_documents (application_id, requirement, doc_version);
-- The application's history: every step, comment and document, with who and when. `at` is the
-- true time (differs from `recorded_at` for back-captured steps). `public` rows are shown to
-- the applicant. Append-only; audited as `application_event`.
CREATE TABLE IF NOT EXISTS application_events (
    id UUID PRIMARY KEY,
    application_id UUID NOT NULL REFERENCES applications (id),
    at TIMESTAMPTZ NOT NULL,
    recorded_at TIMESTAMPTZ NOT NULL,
    actor_id UUID,
    actor_name TEXT NOT NULL,
    actor_role TEXT,
    action TEXT NOT NULL,
    from_state TEXT,
    to_state TEXT,
    comment TEXT,
    public BOOLEAN NOT NULL,
    data TEXT
);
CREATE INDEX IF NOT EXISTS application_events_app ON application_events (application_id, at);
-- Field inspections (Batang Pasal 10): the schedule and team, then the inspection report
-- (Berita Acara) with findings, photos, the recommendation and its PDF. Audited as `inspection`.
CREATE TABLE IF NOT EXISTS inspections (
    id UUID PRIMARY KEY,
    application_id UUID NOT NULL REFERENCES applications (id),
    scheduled_for TIMESTAMPTZ NOT NULL,
    team TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('scheduled', 'reported')),
    findings TEXT,
    recommendation TEXT CHECK (recommendation IN ('approve', 'reject')),
    photos TEXT NOT NULL,
    report_file_id UUID REFERENCES stored_files (id),
    version INTEGER NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX IF NOT EXISTS inspections_app ON inspections (application_id);
