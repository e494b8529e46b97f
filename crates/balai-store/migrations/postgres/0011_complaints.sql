-- Complaints (requirements §5; Seluma Pasal 43–57, Luwu Pasal 38–48). The identity fields are
-- '' when the complainant chose not to give them (Seluma Pasal 51(5)); who may read them is
-- decided by balai_core::complaints::visibility. The secret tracking code is kept only as its
-- SHA-256; `submission_hash` (SHA-256 of the form's one-time key) makes a second submission of
-- the same form return the first complaint. `due_date` is the current stage's deadline with its
-- rule, counted from `clock_start`; `escalated_at` marks that its lapse was escalated.
CREATE TABLE IF NOT EXISTS complaints (
    id UUID PRIMARY KEY,
    number TEXT NOT NULL UNIQUE,
    tracking_hash TEXT NOT NULL,
    submission_hash TEXT NOT NULL UNIQUE,
    channel TEXT NOT NULL CHECK (channel IN ('web','counter','phone','sms','email','box','ombudsman','dprd','lapor','open311')),
    category TEXT NOT NULL CHECK (category IN ('prosedur','waktu','biaya','perilaku','produk','sarana','informasi','aspirasi','lainnya')),
    privacy TEXT NOT NULL CHECK (privacy IN ('biasa','anonim','rahasia','anonim_rahasia')),
    stage TEXT NOT NULL CHECK (stage IN ('received','awaiting_completion','complete','examination','decided','closed','withdrawn','forwarded','archived')),
    organisation_id UUID NOT NULL REFERENCES organisations (id),
    service_id UUID REFERENCES services (id),
    officer_id UUID REFERENCES officers (id),
    service_date DATE NOT NULL,
    subject TEXT NOT NULL,
    description TEXT NOT NULL,
    loss TEXT NOT NULL,
    resolution TEXT NOT NULL,
    compensation_claim BIGINT,
    place TEXT NOT NULL,
    complainant_name TEXT NOT NULL,
    complainant_address TEXT NOT NULL,
    complainant_phone TEXT NOT NULL,
    complainant_email TEXT NOT NULL,
    complainant_user_id UUID REFERENCES users (id),
    received_by UUID REFERENCES users (id),
    received_by_name TEXT NOT NULL,
    late BOOLEAN NOT NULL DEFAULT FALSE,
    late_reason TEXT NOT NULL,
    lapor_id TEXT UNIQUE,
    route_kind TEXT CHECK (route_kind IN ('officer_superior','unit_superior','bupati')),
    route_officer_id UUID REFERENCES officers (id),
    handling_organisation_id UUID REFERENCES organisations (id),
    clock_start DATE NOT NULL,
    due_rule TEXT,
    due_date DATE,
    escalated_at TIMESTAMPTZ,
    decision TEXT NOT NULL,
    compensation_amount BIGINT,
    compensation_due DATE,
    decided_at TIMESTAMPTZ,
    rating INTEGER CHECK (rating BETWEEN 1 AND 5),
    rating_comment TEXT NOT NULL,
    reopen_count INTEGER NOT NULL DEFAULT 0,
    version INTEGER NOT NULL,
    received_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX IF NOT EXISTS complaints_org ON complaints (organisation_id, stage);
CREATE INDEX IF NOT EXISTS complaints_handling ON complaints (handling_organisation_id, stage);
CREATE INDEX IF NOT EXISTS complaints_due ON complaints (stage, due_date);
CREATE INDEX IF NOT EXISTS complaints_received ON complaints (received_at);
-- The history of a complaint: every action with its note; `public` notes are shown to the
-- complainant on the status page (obstacles must be told, Luwu Pasal 38(5)).
CREATE TABLE IF NOT EXISTS complaint_events (
    id UUID PRIMARY KEY,
    complaint_id UUID NOT NULL REFERENCES complaints (id),
    action TEXT NOT NULL,
    stage_from TEXT NOT NULL,
    stage_to TEXT NOT NULL,
    note TEXT NOT NULL,
    public BOOLEAN NOT NULL,
    actor_id UUID,
    actor_name TEXT NOT NULL,
    at TIMESTAMPTZ NOT NULL
);
CREATE INDEX IF NOT EXISTS complaint_events_complaint ON complaint_events (complaint_id, at);
-- Evidence files (Seluma Pasal 52), stored through object_store and content-checked.
CREATE TABLE IF NOT EXISTS complaint_evidence (
    id UUID PRIMARY KEY,
    complaint_id UUID NOT NULL REFERENCES complaints (id),
    file_id UUID NOT NULL REFERENCES stored_files (id),
    created_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX IF NOT EXISTS complaint_evidence_complaint ON complaint_evidence (complaint_id);
-- Sanctions imposed on officers after complaints (Luwu Pasal 40, 57(2)).
CREATE TABLE IF NOT EXISTS sanctions (
    id UUID PRIMARY KEY,
    officer_id UUID NOT NULL REFERENCES officers (id),
    complaint_id UUID REFERENCES complaints (id),
    kind TEXT NOT NULL CHECK (kind IN ('teguran_lisan','teguran_tertulis','penurunan_gaji','penurunan_pangkat','pembebasan_jabatan','pemberhentian_hormat','pemberhentian_tidak_hormat','pembekuan_misi','pencabutan_izin')),
    decree_number TEXT NOT NULL,
    imposed_on DATE NOT NULL,
    note TEXT NOT NULL,
    created_by UUID,
    created_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX IF NOT EXISTS sanctions_officer ON sanctions (officer_id);
