-- Files uploaded through the application (architecture §4): the bytes live in the object store
-- under a random key; this row records what they are (type told by their first bytes), how big,
-- their SHA-256 and who uploaded them. Audited as subject `stored_file`.
CREATE TABLE IF NOT EXISTS stored_files (
    id UUID PRIMARY KEY,
    object_key TEXT NOT NULL UNIQUE,
    file_name TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size_bytes BIGINT NOT NULL,
    sha256 TEXT NOT NULL,
    uploaded_by UUID,
    created_at TIMESTAMPTZ NOT NULL
);
-- The signed agreement an organisation's membership of the mall rests on (Mesuji Pasal 8(2–3)).
-- `agreement_document` stays as a free-text archive reference or link.
ALTER TABLE organisations ADD COLUMN IF NOT EXISTS agreement_file_id UUID REFERENCES stored_files (id);
