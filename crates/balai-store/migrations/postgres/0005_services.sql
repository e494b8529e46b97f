-- The figures of each standard version that lists and filters need (completion time, total
-- fee, free or not), written beside the version's JSON when the version is saved, so that
-- /layanan and /api/v1/services filter ("gratis") and page in SQL without parsing every
-- standard. Derived from `standard_versions.standard`; audited as part of the version.
CREATE TABLE IF NOT EXISTS standard_summaries (
    version_id UUID PRIMARY KEY REFERENCES standard_versions (id),
    completion_value INTEGER NOT NULL,
    completion_unit TEXT NOT NULL,
    total_fee BIGINT NOT NULL,
    is_free BOOLEAN NOT NULL
);
-- One consultation forum record per draft version (PermenPANRB 16/2017).
CREATE UNIQUE INDEX IF NOT EXISTS consultation_forums_version ON consultation_forums (version_id);
-- The moderation queue reads pending comments.
CREATE INDEX IF NOT EXISTS consultation_comments_status ON consultation_comments (status);
