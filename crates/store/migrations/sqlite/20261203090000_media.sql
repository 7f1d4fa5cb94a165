-- Media (issue 20): files stored once by SHA-256. A blob row exists only once every chunk of
-- it is written and its hash checked; chunks are written under a key of their own, outside the
-- write lock, so a long upload does not hold up other desks and two uploads of the same file
-- cannot mix their chunks.

CREATE TABLE media_blobs (
    sha256     TEXT PRIMARY KEY NOT NULL,
    chunks_key TEXT NOT NULL UNIQUE,
    format     TEXT NOT NULL,
    byte_len   INTEGER NOT NULL,
    chunk_size INTEGER NOT NULL,
    info       TEXT NOT NULL,
    added_by   TEXT NOT NULL,
    added_at   TEXT NOT NULL
);

CREATE TABLE media_chunks (
    chunks_key TEXT NOT NULL,
    seq        INTEGER NOT NULL,
    data       BLOB NOT NULL,
    PRIMARY KEY (chunks_key, seq)
);

-- An upload in progress through the server: its chunks are written under its id as
-- chunks_key and become the blob's when it is finished and checked. Kept in the database, as
-- everything else, so any server process behind a load balancer can take the next chunk.
CREATE TABLE media_uploads (
    id         TEXT PRIMARY KEY NOT NULL,
    file_name  TEXT NOT NULL,
    byte_len   INTEGER NOT NULL,
    received   INTEGER NOT NULL,
    actor      TEXT NOT NULL,
    started_at TEXT NOT NULL
);
