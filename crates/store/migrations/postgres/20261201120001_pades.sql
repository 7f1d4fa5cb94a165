-- PAdES signatures in the PDF (issue 13), as SQLite's 20261201100000_pades.

CREATE TABLE document_keys (
    user_id       TEXT PRIMARY KEY NOT NULL REFERENCES users(id),
    key_nonce     TEXT NOT NULL,
    sealed_secret TEXT NOT NULL,
    public_key    TEXT NOT NULL,
    certificate   BYTEA,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
);

CREATE TABLE office_ca (
    id          BIGINT PRIMARY KEY CHECK (id = 1),
    admin_id    TEXT NOT NULL REFERENCES users(id),
    certificate BYTEA NOT NULL,
    created_at  TEXT NOT NULL
);

ALTER TABLE signatures ADD COLUMN pdf BYTEA;
ALTER TABLE signatures ADD COLUMN pdf_sha256 TEXT;

DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'jiedu_writer') THEN
        GRANT SELECT, INSERT, UPDATE, DELETE ON document_keys, office_ca TO jiedu_writer;
    END IF;
END
$$;
