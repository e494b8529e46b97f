-- Key-value settings of the region (name, mall name, address …), kept as data (architecture §2).
CREATE TABLE IF NOT EXISTS region_settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
-- Organisations of the mall (Mesuji Pasal 8(1)) with their agreement (Pasal 8(2–3)).
CREATE TABLE IF NOT EXISTS organisations (
    id BLOB PRIMARY KEY,
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
    parent_id BLOB,
    agreement_kind TEXT NOT NULL,
    agreement_number TEXT NOT NULL,
    agreement_date TEXT,
    agreement_document TEXT,
    workplan_number TEXT NOT NULL,
    workplan_date TEXT,
    search_text TEXT NOT NULL,
    active INTEGER NOT NULL DEFAULT 1,
    version INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS counters (
    id BLOB PRIMARY KEY,
    organisation_id BLOB NOT NULL REFERENCES organisations (id),
    code TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    building TEXT NOT NULL,
    floor TEXT NOT NULL,
    position TEXT NOT NULL,
    opening_hours TEXT NOT NULL,
    active INTEGER NOT NULL DEFAULT 1,
    version INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS counters_org ON counters (organisation_id);
-- Officers with their superior (Luwu Pasal 44 routes complaints along it) and public profile
-- (Seluma Pasal 46(2)).
CREATE TABLE IF NOT EXISTS officers (
    id BLOB PRIMARY KEY,
    organisation_id BLOB NOT NULL REFERENCES organisations (id),
    name TEXT NOT NULL,
    position TEXT NOT NULL,
    nip TEXT NOT NULL,
    superior_id BLOB REFERENCES officers (id),
    counter_id BLOB REFERENCES counters (id),
    public_profile TEXT NOT NULL,
    competence TEXT NOT NULL,
    active INTEGER NOT NULL DEFAULT 1,
    version INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS officers_org ON officers (organisation_id);
CREATE TABLE IF NOT EXISTS services (
    id BLOB PRIMARY KEY,
    organisation_id BLOB NOT NULL REFERENCES organisations (id),
    code TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    name_en TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('perizinan','nonperizinan')),
    category TEXT NOT NULL CHECK (category IN ('administratif','barang','jasa')),
    keywords TEXT NOT NULL,
    modes TEXT NOT NULL,
    ticket_prefix TEXT NOT NULL,
    search_text TEXT NOT NULL,
    published_version_id BLOB,
    active INTEGER NOT NULL DEFAULT 1,
    version INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS services_org ON services (organisation_id);
-- Versions of a service standard (Seluma Pasal 21–23): drafted, opened for comment, adopted;
-- an adopted version is never edited, a change is a new version.
CREATE TABLE IF NOT EXISTS standard_versions (
    id BLOB PRIMARY KEY,
    service_id BLOB NOT NULL REFERENCES services (id),
    version_no INTEGER NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('draft','consultation','adopted','superseded')),
    standard TEXT NOT NULL,
    change_note TEXT NOT NULL,
    comment_from TEXT,
    comment_until TEXT,
    effective_from TEXT,
    adopted_at TEXT,
    adopted_by BLOB,
    decree_number TEXT NOT NULL,
    lock_version INTEGER NOT NULL,
    created_by BLOB,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (service_id, version_no)
);
CREATE TABLE IF NOT EXISTS consultation_comments (
    id BLOB PRIMARY KEY,
    version_id BLOB NOT NULL REFERENCES standard_versions (id),
    author_user_id BLOB,
    author_name TEXT NOT NULL,
    author_group TEXT NOT NULL,
    body TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('pending','approved','rejected')),
    moderated_by BLOB,
    moderated_at TEXT,
    created_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS consultation_comments_version ON consultation_comments (version_id);
-- The consultation forum's record (PermenPANRB 16/2017): participants by group, agreed record,
-- follow-up items with owner and due date.
CREATE TABLE IF NOT EXISTS consultation_forums (
    id BLOB PRIMARY KEY,
    version_id BLOB NOT NULL REFERENCES standard_versions (id),
    held_on TEXT NOT NULL,
    place TEXT NOT NULL,
    participants TEXT NOT NULL,
    agreed_record TEXT NOT NULL,
    follow_ups TEXT NOT NULL,
    recorded_by BLOB,
    created_at TEXT NOT NULL
);
-- Service charters (maklumat, Seluma Pasal 25; Luwu Pasal 32).
CREATE TABLE IF NOT EXISTS charters (
    id BLOB PRIMARY KEY,
    organisation_id BLOB NOT NULL REFERENCES organisations (id),
    body TEXT NOT NULL,
    adopted_on TEXT NOT NULL,
    signed_by TEXT NOT NULL,
    signer_position TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS charters_org ON charters (organisation_id);
-- Announcements; repairs must be announced 30 days ahead (Seluma Pasal 28(3)).
CREATE TABLE IF NOT EXISTS announcements (
    id BLOB PRIMARY KEY,
    organisation_id BLOB REFERENCES organisations (id),
    kind TEXT NOT NULL CHECK (kind IN ('umum','perbaikan_sarana')),
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    activity TEXT NOT NULL,
    person_in_charge TEXT NOT NULL,
    period_start TEXT,
    period_end TEXT,
    complaint_channels TEXT NOT NULL,
    published_on TEXT NOT NULL,
    created_by BLOB,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS regulations (
    id BLOB PRIMARY KEY,
    kind TEXT NOT NULL,
    number TEXT NOT NULL,
    year INTEGER NOT NULL,
    title TEXT NOT NULL,
    subject TEXT NOT NULL,
    created_at TEXT NOT NULL
);
