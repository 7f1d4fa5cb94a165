-- Publication (issue 18): the same tables as the SQLite migration of the same name.

CREATE TABLE unit_settings (
    unit_id    TEXT PRIMARY KEY NOT NULL REFERENCES units(id),
    settings   TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE calendar_years (
    year        BIGINT PRIMARY KEY NOT NULL,
    record      TEXT NOT NULL,
    imported_by TEXT NOT NULL,
    imported_at TEXT NOT NULL
);

CREATE TABLE index_numbers (
    pack_id      TEXT PRIMARY KEY NOT NULL REFERENCES packs(id),
    unit_id      TEXT NOT NULL,
    year         BIGINT NOT NULL,
    serial       BIGINT NOT NULL,
    number       TEXT NOT NULL UNIQUE,
    allocated_at TEXT NOT NULL,
    UNIQUE (unit_id, year, serial)
);
CREATE TRIGGER index_numbers_are_kept BEFORE DELETE ON index_numbers
    FOR EACH ROW EXECUTE FUNCTION jiedu_refuse_change('index numbers are never reused');
CREATE TRIGGER index_numbers_are_fixed BEFORE UPDATE ON index_numbers
    FOR EACH ROW EXECUTE FUNCTION jiedu_refuse_change('index numbers are never reused');

CREATE TABLE validity_changes (
    id      BIGSERIAL PRIMARY KEY,
    pack_id TEXT NOT NULL REFERENCES packs(id),
    by_pack TEXT NOT NULL REFERENCES packs(id),
    record  TEXT NOT NULL,
    UNIQUE (pack_id, by_pack)
);

CREATE TABLE concerns (
    id          TEXT PRIMARY KEY NOT NULL,
    unit_id     TEXT NOT NULL REFERENCES units(id),
    pack_id     TEXT REFERENCES packs(id),
    started_at  TEXT NOT NULL,
    record      TEXT NOT NULL
);
CREATE INDEX concerns_started ON concerns(started_at);

CREATE TABLE concern_responses (
    id         BIGSERIAL PRIMARY KEY,
    concern_id TEXT NOT NULL REFERENCES concerns(id),
    record     TEXT NOT NULL
);
CREATE INDEX concern_responses_concern ON concern_responses(concern_id, id);

DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'jiedu_writer') THEN
        GRANT SELECT, INSERT, UPDATE, DELETE ON unit_settings, calendar_years, index_numbers,
            validity_changes, concerns, concern_responses TO jiedu_writer;
        GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO jiedu_writer;
        REVOKE UPDATE, DELETE, TRUNCATE ON index_numbers FROM jiedu_writer;
    END IF;
END
$$;
