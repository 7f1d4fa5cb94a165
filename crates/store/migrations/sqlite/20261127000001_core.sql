-- Units, people, packs with their immutable revisions, and the hash-chained audit log.
CREATE TABLE units (
    id   TEXT PRIMARY KEY NOT NULL,
    name TEXT NOT NULL,
    head TEXT NOT NULL DEFAULT ''
);

CREATE TABLE users (
    id         TEXT PRIMARY KEY NOT NULL,
    name       TEXT NOT NULL,
    unit_id    TEXT NOT NULL REFERENCES units(id),
    role       TEXT NOT NULL CHECK (role IN ('drafter', 'leader', 'openness_office', 'press_officer', 'admin')),
    created_at TEXT NOT NULL
);

-- seq doubles as the full-text index's rowid.
CREATE TABLE packs (
    seq              INTEGER PRIMARY KEY,
    id               TEXT NOT NULL UNIQUE,
    unit_id          TEXT NOT NULL REFERENCES units(id),
    title            TEXT NOT NULL,
    state            TEXT NOT NULL CHECK (state IN ('drafting', 'submitted', 'returned', 'signed', 'deployed')),
    current_revision INTEGER NOT NULL,
    content_hash     TEXT NOT NULL,
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL
);

CREATE TABLE revisions (
    pack_id      TEXT NOT NULL REFERENCES packs(id),
    revision     INTEGER NOT NULL,
    content      TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    author       TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    PRIMARY KEY (pack_id, revision)
);

-- Nothing saved is ever overwritten: a save is a new revision.
CREATE TRIGGER revisions_are_immutable BEFORE UPDATE ON revisions
BEGIN SELECT RAISE(ABORT, 'revisions are immutable'); END;
CREATE TRIGGER revisions_are_kept BEFORE DELETE ON revisions
BEGIN SELECT RAISE(ABORT, 'revisions are never deleted'); END;

CREATE TABLE signatures (
    id           INTEGER PRIMARY KEY,
    pack_id      TEXT NOT NULL REFERENCES packs(id),
    revision     INTEGER NOT NULL,
    content_hash TEXT NOT NULL,
    record       TEXT NOT NULL,
    voided_at    TEXT,
    void_reason  TEXT
);

CREATE TABLE deployments (
    id           INTEGER PRIMARY KEY,
    pack_id      TEXT NOT NULL REFERENCES packs(id),
    content_hash TEXT NOT NULL,
    record       TEXT NOT NULL
);

CREATE TABLE audit_log (
    seq          INTEGER PRIMARY KEY AUTOINCREMENT,
    at           TEXT NOT NULL,
    actor        TEXT NOT NULL,
    action       TEXT NOT NULL,
    pack_id      TEXT,
    revision     INTEGER,
    content_hash TEXT,
    detail       TEXT NOT NULL DEFAULT '{}',
    prev_hash    TEXT NOT NULL,
    hash         TEXT NOT NULL
);
CREATE INDEX audit_log_pack ON audit_log(pack_id, seq);

CREATE TRIGGER audit_log_is_append_only BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_log_is_kept BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
