-- Synchronized review, sign-off and deployment (issue 4): credentials of local users and the
-- leader's comments on returned packs. Additive only: signatures and deployments already exist.

-- One row per user who can act: the passphrase as an argon2id PHC string, and an Ed25519 key
-- pair whose secret half is encrypted with ChaCha20-Poly1305 under a key derived from the
-- passphrase (argon2id, its own salt and parameters). The public key is kept in clear.
CREATE TABLE user_credentials (
    user_id         TEXT PRIMARY KEY NOT NULL REFERENCES users(id),
    passphrase_hash TEXT NOT NULL,
    kdf_params      TEXT NOT NULL,
    kdf_salt        TEXT NOT NULL,
    key_nonce       TEXT NOT NULL,
    secret_key      TEXT NOT NULL,
    public_key      TEXT NOT NULL,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);

-- A leader's comment, attached to a part of the pack (policy.sections[3], plan, chart:ID, qa:ID).
CREATE TABLE comments (
    id                INTEGER PRIMARY KEY,
    pack_id           TEXT NOT NULL REFERENCES packs(id),
    revision          INTEGER NOT NULL,
    author            TEXT NOT NULL,
    part              TEXT NOT NULL,
    body              TEXT NOT NULL,
    created_at        TEXT NOT NULL,
    resolved_at       TEXT,
    resolved_by       TEXT,
    resolved_revision INTEGER
);
CREATE INDEX comments_pack ON comments(pack_id, id);
