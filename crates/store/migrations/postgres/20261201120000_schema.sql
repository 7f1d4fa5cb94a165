-- The Jiedu schema on PostgreSQL (team mode): the same tables as the SQLite migrations up to
-- 20261128100000_drafts, with the same guarantees. Timestamps stay RFC 3339 TEXT, as on SQLite,
-- because the hash chain and the signatures cover their exact text.
--
-- Every later migration that adds a table must grant it to jiedu_writer (see the end).

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

CREATE TABLE packs (
    seq              BIGSERIAL PRIMARY KEY,
    id               TEXT NOT NULL UNIQUE,
    unit_id          TEXT NOT NULL REFERENCES units(id),
    title            TEXT NOT NULL,
    state            TEXT NOT NULL CHECK (state IN ('drafting', 'submitted', 'returned', 'signed', 'deployed')),
    current_revision BIGINT NOT NULL,
    content_hash     TEXT NOT NULL,
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL
);

CREATE TABLE revisions (
    pack_id      TEXT NOT NULL REFERENCES packs(id),
    revision     BIGINT NOT NULL,
    content      TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    author       TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    PRIMARY KEY (pack_id, revision)
);

CREATE TABLE signatures (
    id           BIGSERIAL PRIMARY KEY,
    pack_id      TEXT NOT NULL REFERENCES packs(id),
    revision     BIGINT NOT NULL,
    content_hash TEXT NOT NULL,
    record       TEXT NOT NULL,
    voided_at    TEXT,
    void_reason  TEXT
);

CREATE TABLE deployments (
    id           BIGSERIAL PRIMARY KEY,
    pack_id      TEXT NOT NULL REFERENCES packs(id),
    content_hash TEXT NOT NULL,
    record       TEXT NOT NULL
);

-- prev_hash is unique: every row has exactly one predecessor and no row two successors, so
-- the chain cannot fork even if a writer skipped the write lock.
CREATE TABLE audit_log (
    seq          BIGSERIAL PRIMARY KEY,
    at           TEXT NOT NULL,
    actor        TEXT NOT NULL,
    action       TEXT NOT NULL,
    pack_id      TEXT,
    revision     BIGINT,
    content_hash TEXT,
    detail       TEXT NOT NULL DEFAULT '{}',
    prev_hash    TEXT NOT NULL UNIQUE,
    hash         TEXT NOT NULL
);
CREATE INDEX audit_log_pack ON audit_log(pack_id, seq);

CREATE FUNCTION jiedu_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '%', TG_ARGV[0] USING ERRCODE = 'restrict_violation';
END;
$$;

CREATE TRIGGER revisions_are_immutable BEFORE UPDATE ON revisions
    FOR EACH ROW EXECUTE FUNCTION jiedu_refuse_change('revisions are immutable');
CREATE TRIGGER revisions_are_kept BEFORE DELETE ON revisions
    FOR EACH ROW EXECUTE FUNCTION jiedu_refuse_change('revisions are never deleted');
CREATE TRIGGER revisions_are_not_truncated BEFORE TRUNCATE ON revisions
    FOR EACH STATEMENT EXECUTE FUNCTION jiedu_refuse_change('revisions are never deleted');
CREATE TRIGGER audit_log_is_append_only BEFORE UPDATE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION jiedu_refuse_change('the audit log is append-only');
CREATE TRIGGER audit_log_is_kept BEFORE DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION jiedu_refuse_change('the audit log is append-only');
CREATE TRIGGER audit_log_is_not_truncated BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION jiedu_refuse_change('the audit log is append-only');

-- Chinese search: the same character bigrams and unigrams as SQLite's FTS5 table, as
-- tsvectors of ready-made lexemes (array_to_tsvector: no parser, no position limit) with GIN
-- indexes (TECH-NOTES.md: a 2-character query in about 0.6 ms).
CREATE TABLE pack_search (
    seq      BIGINT PRIMARY KEY REFERENCES packs(seq),
    grams    TSVECTOR NOT NULL,
    unigrams TSVECTOR NOT NULL
);
CREATE INDEX pack_search_grams ON pack_search USING GIN (grams);
CREATE INDEX pack_search_unigrams ON pack_search USING GIN (unigrams);

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

CREATE TABLE comments (
    id                BIGSERIAL PRIMARY KEY,
    pack_id           TEXT NOT NULL REFERENCES packs(id),
    revision          BIGINT NOT NULL,
    author            TEXT NOT NULL,
    part              TEXT NOT NULL,
    body              TEXT NOT NULL,
    created_at        TEXT NOT NULL,
    resolved_at       TEXT,
    resolved_by       TEXT,
    resolved_revision BIGINT
);
CREATE INDEX comments_pack ON comments(pack_id, id);

CREATE TABLE drafts (
    pack_id       TEXT NOT NULL REFERENCES packs(id),
    user_id       TEXT NOT NULL REFERENCES users(id),
    base_revision BIGINT NOT NULL,
    content       TEXT NOT NULL,
    saved_at      TEXT NOT NULL,
    PRIMARY KEY (pack_id, user_id)
);

-- The role Jiedu's connections act as (SET ROLE on connect): it may read and write everything
-- except change or remove revisions and audit rows. Roles belong to the whole server, so it may
-- exist already; a login that may not create roles still gets the triggers above.
DO $$
BEGIN
    BEGIN
        CREATE ROLE jiedu_writer NOLOGIN;
    EXCEPTION
        WHEN duplicate_object OR unique_violation THEN NULL;
        WHEN insufficient_privilege THEN
            RAISE NOTICE 'jiedu_writer not created: %', SQLERRM;
            RETURN;
    END;
END
$$;

DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'jiedu_writer') THEN
        GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO jiedu_writer;
        GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO jiedu_writer;
        REVOKE UPDATE, DELETE, TRUNCATE ON revisions, audit_log FROM jiedu_writer;
        REVOKE ALL ON _sqlx_migrations FROM jiedu_writer;
    END IF;
END
$$;
