-- Key-value settings of the region (name, mall name, address …), kept as data (architecture §2).
CREATE TABLE IF NOT EXISTS region_settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
-- Organisations of the mall (Mesuji Pasal 8(1)) with their agreement (Pasal 8(2–3)).
CREATE TABLE IF NOT EXISTS organisations (
    id UUID PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    name_en TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('perangkat_daerah','perangkat_daerah_provinsi','instansi_vertikal','bumn','bumd','swasta','unit_pendukung')),
    description TEXT NOT NULL,
    address TEXT NOT NULL,
    phone TEXT NOT NULL,
    email TEXT NOT NULL,
    website TEXT NOT NULL,
    head_name TEXT NOT NULL,
    head_position TEXT NOT NULL,
    parent_id UUID,
    agreement_kind TEXT NOT NULL,
    agreement_number TEXT NOT NULL,
    agreement_date DATE,
    agreement_document TEXT,
    workplan_number TEXT NOT NULL,
    workplan_date DATE,
    search_text TEXT NOT NULL,
    active BOOLEAN NOT NULL DEFAULT TRUE,
    version INTEGER NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);
CREATE TABLE IF NOT EXISTS counters (
    id UUID PRIMARY KEY,
    organisation_id UUID NOT NULL REFERENCES organisations (id),
    code TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    building TEXT NOT NULL,
    floor TEXT NOT NULL,
    position TEXT NOT NULL,
    opening_hours TEXT NOT NULL,
    active BOOLEAN NOT NULL DEFAULT TRUE,
    version INTEGER NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX IF NOT EXISTS counters_org ON counters (organisation_id);
-- Officers with their superior (Luwu Pasal 44 routes complaints along it) and public profile
-- (Seluma Pasal 46(2)).
CREATE TABLE IF NOT EXISTS officers (
    id UUID PRIMARY KEY,
    organisation_id UUID NOT NULL REFERENCES organisations (id),
    name TEXT NOT NULL,
    position TEXT NOT NULL,
    nip TEXT NOT NULL,
    superior_id UUID REFERENCES officers (id),
    counter_id UUID REFERENCES counters (id),
    public_profile TEXT NOT NULL,
    competence TEXT NOT NULL,
    active BOOLEAN NOT NULL DEFAULT TRUE,
    version INTEGER NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX IF NOT EXISTS officers_org ON officers (organisation_id);
CREATE TABLE IF NOT EXISTS services (
    id UUID PRIMARY KEY,
    organisation_id UUID NOT NULL REFERENCES organisations (id),
    code TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    name_en TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('perizinan','nonperizinan')),
    category TEXT NOT NULL CHECK (category IN ('administratif','barang','jasa')),
    keywords TEXT NOT NULL,
    modes TEXT NOT NULL,
    ticket_prefix TEXT NOT NULL,
    search_text TEXT NOT NULL,
    published_version_id UUID,
    active BOOLEAN NOT NULL DEFAULT TRUE,
    version INTEGER NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX IF NOT EXISTS services_org ON services (organisation_id);
-- Versions of a service standard (Seluma Pasal 21–23): drafted, opened for comment, adopted;
-- an adopted version is never edited, a change is a new version.
CREATE TABLE IF NOT EXISTS standard_versions (
    id UUID PRIMARY KEY,
    service_id UUID NOT NULL REFERENCES services (id),
    version_no INTEGER NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('draft','consultation','adopted','superseded')),
    standard TEXT NOT NULL,
    change_note TEXT NOT NULL,
    comment_from DATE,
    comment_until DATE,
    effective_from DATE,
    adopted_at TIMESTAMPTZ,
    adopted_by UUID,
    decree_number TEXT NOT NULL,
    lock_version INTEGER NOT NULL,
    created_by UUID,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    UNIQUE (service_id, version_no)
);
CREATE TABLE IF NOT EXISTS consultation_comments (
    id UUID PRIMARY KEY,
    version_id UUID NOT NULL REFERENCES standard_versions (id),
    author_user_id UUID,
    author_name TEXT NOT NULL,
    author_group TEXT NOT NULL,
    body TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('pending','approved','rejected')),
    moderated_by UUID,
    moderated_at TIMESTAMPTZ,
    created_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX IF NOT EXISTS consultation_comments_version ON consultation_comments (version_id);
-- The consultation forum's record (PermenPANRB 16/2017): participants by group, agreed record,
-- follow-up items with owner and due date.
CREATE TABLE IF NOT EXISTS consultation_forums (
    id UUID PRIMARY KEY,
    version_id UUID NOT NULL REFERENCES standard_versions (id),
    held_on DATE NOT NULL,
    place TEXT NOT NULL,
    participants TEXT NOT NULL,
    agreed_record TEXT NOT NULL,
    follow_ups TEXT NOT NULL,
    recorded_by UUID,
    created_at TIMESTAMPTZ NOT NULL
);
-- Service charters (maklumat, Seluma Pasal 25; Luwu Pasal 32).
CREATE TABLE IF NOT EXISTS charters (
    id UUID PRIMARY KEY,
    organisation_id UUID NOT NULL REFERENCES organisations (id),
    body TEXT NOT NULL,
    adopted_on DATE NOT NULL,
    signed_by TEXT NOT NULL,
    signer_position TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX IF NOT EXISTS charters_org ON charters (organisation_id);
-- Announcements; repairs must be announced 30 days ahead (Seluma Pasal 28(3)).
CREATE TABLE IF NOT EXISTS announcements (
    id UUID PRIMARY KEY,
    organisation_id UUID REFERENCES organisations (id),
    kind TEXT NOT NULL CHECK (kind IN ('umum','perbaikan_sarana')),
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    activity TEXT NOT NULL,
    person_in_charge TEXT NOT NULL,
    period_start DATE,
    period_end DATE,
    complaint_channels TEXT NOT NULL,
    published_on DATE NOT NULL,
    created_by UUID,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);
CREATE TABLE IF NOT EXISTS regulations (
    id UUID PRIMARY KEY,
    kind TEXT NOT NULL,
    number TEXT NOT NULL,
    year INTEGER NOT NULL,
    title TEXT NOT NULL,
    subject TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL
);
