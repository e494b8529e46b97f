-- Signing keys under the signer's sole control (Batang Pasal 14): one Ed25519 key pair per
-- official, made at enrolment; the private half is stored only encrypted under a signing
-- passphrase the official alone knows (balai_docs::sign::EncryptedKey). Revoked keys stay, with
-- the date, so documents signed before the revocation still verify years later. At most one
-- key per official is not revoked. Audited as subject `signing_key` (the encrypted key as its
-- SHA-256 only).
CREATE TABLE IF NOT EXISTS signing_keys (
    id UUID PRIMARY KEY,
    user_id UUID NOT NULL REFERENCES users (id),
    key_id TEXT NOT NULL UNIQUE,
    public_key TEXT NOT NULL,
    encrypted_key TEXT NOT NULL,
    signer_name TEXT NOT NULL,
    position TEXT NOT NULL,
    organisation_id UUID REFERENCES organisations (id),
    valid_from TIMESTAMPTZ NOT NULL,
    revoked_at TIMESTAMPTZ,
    revoked_reason TEXT,
    version INTEGER NOT NULL DEFAULT 1,
    updated_at TIMESTAMPTZ NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS signing_keys_one_active ON signing_keys (user_id) WHERE revoked_at IS NULL;

-- Documents signed and issued (Batang Pasal 11(3–4), 14–15): licences, rejection letters,
-- inspection reports. `subject_type`/`subject_id` name what the document is about (e.g. an
-- application). `content` is the JSON of the printed fields; the QR signature covers its
-- SHA-256 (`content_digest`). The signed PDF is in the object store under `object_key`, its
-- SHA-256 in `sha256`. `consent` records the official's consent to sign (statement, time,
-- request). Never changed once written. Audited as subject `issued_document`.
CREATE TABLE IF NOT EXISTS issued_documents (
    id UUID PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('licence', 'rejection', 'inspection_report', 'letter')),
    subject_type TEXT NOT NULL,
    subject_id TEXT NOT NULL,
    organisation_id UUID REFERENCES organisations (id),
    number TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL,
    holder TEXT NOT NULL,
    signer_user_id UUID NOT NULL REFERENCES users (id),
    signer_name TEXT NOT NULL,
    position TEXT NOT NULL,
    signer_kind TEXT NOT NULL CHECK (signer_kind IN ('platform', 'bsre')),
    key_id TEXT NOT NULL,
    content TEXT NOT NULL,
    content_digest TEXT NOT NULL,
    qr_text TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    size_bytes BIGINT NOT NULL,
    object_key TEXT NOT NULL UNIQUE,
    signed_at TIMESTAMPTZ NOT NULL,
    consent TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS issued_documents_subject ON issued_documents (subject_type, subject_id);
