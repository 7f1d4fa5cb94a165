-- Media (issue 20): the same tables as the SQLite migration of the same name.

CREATE TABLE media_blobs (
    sha256     TEXT PRIMARY KEY NOT NULL,
    chunks_key TEXT NOT NULL UNIQUE,
    format     TEXT NOT NULL,
    byte_len   BIGINT NOT NULL,
    chunk_size BIGINT NOT NULL,
    info       TEXT NOT NULL,
    added_by   TEXT NOT NULL,
    added_at   TEXT NOT NULL
);

CREATE TABLE media_chunks (
    chunks_key TEXT NOT NULL,
    seq        BIGINT NOT NULL,
    data       BYTEA NOT NULL,
    PRIMARY KEY (chunks_key, seq)
);

CREATE TABLE media_uploads (
    id         TEXT PRIMARY KEY NOT NULL,
    file_name  TEXT NOT NULL,
    byte_len   BIGINT NOT NULL,
    received   BIGINT NOT NULL,
    actor      TEXT NOT NULL,
    started_at TEXT NOT NULL
);

DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'jiedu_writer') THEN
        GRANT SELECT, INSERT, DELETE ON media_blobs TO jiedu_writer;
        GRANT SELECT, INSERT, UPDATE, DELETE ON media_chunks, media_uploads TO jiedu_writer;
    END IF;
END
$$;
