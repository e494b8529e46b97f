-- Working calendar (national-rules §4): holidays as data with the decree, per-office weekdays,
-- and deadline rules with their citation (architecture §3).
CREATE TABLE IF NOT EXISTS holidays (
    id UUID PRIMARY KEY,
    day DATE NOT NULL,
    name TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('national','cuti_bersama','regional')),
    decree TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    UNIQUE (day, kind)
);
CREATE TABLE IF NOT EXISTS calendar_years (
    year INTEGER PRIMARY KEY,
    decree TEXT NOT NULL,
    loaded_at TIMESTAMPTZ NOT NULL
);
CREATE TABLE IF NOT EXISTS office_weeks (
    office_code TEXT PRIMARY KEY,
    weekdays TEXT NOT NULL,
    utc_offset_hours INTEGER NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);
CREATE TABLE IF NOT EXISTS deadline_rules (
    code TEXT PRIMARY KEY,
    days INTEGER NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('calendar','working')),
    starts_from TEXT NOT NULL,
    citation TEXT NOT NULL,
    description_id TEXT NOT NULL,
    description_en TEXT NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);
