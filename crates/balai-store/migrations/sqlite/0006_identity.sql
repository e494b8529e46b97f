-- The last TOTP time step accepted per user, so a code seen once cannot be replayed within its
-- window (RFC 6238 §5.2). Kept in the database, not in memory, so every server instance
-- refuses the replay; updated with a conditional upsert that only moves forward.
CREATE TABLE IF NOT EXISTS totp_steps (
    user_id BLOB PRIMARY KEY REFERENCES users (id),
    last_step BIGINT NOT NULL
);
