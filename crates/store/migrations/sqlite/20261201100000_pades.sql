-- PAdES signatures in the PDF (issue 13). Additive only.

-- Each person's document-signing key: ECDSA P-256, because PDF readers (poppler/NSS) cannot
-- verify Ed25519 in CMS. The secret half is sealed like the Ed25519 key, under the key derived
-- from the passphrase (user_credentials.kdf_salt), with its own nonce and associated data.
-- The certificate is issued by the office CA to leaders only.
CREATE TABLE document_keys (
    user_id       TEXT PRIMARY KEY NOT NULL REFERENCES users(id),
    key_nonce     TEXT NOT NULL,
    sealed_secret TEXT NOT NULL,
    public_key    TEXT NOT NULL,
    certificate   BLOB,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
);

-- The office CA: in solo mode the admin's document key plays the CA. One row.
CREATE TABLE office_ca (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    admin_id    TEXT NOT NULL REFERENCES users(id),
    certificate BLOB NOT NULL,
    created_at  TEXT NOT NULL
);

-- The PDF made and PAdES-signed when the leader signed; exports of that revision return
-- exactly these bytes, since the signature covers them.
ALTER TABLE signatures ADD COLUMN pdf BLOB;
ALTER TABLE signatures ADD COLUMN pdf_sha256 TEXT;
