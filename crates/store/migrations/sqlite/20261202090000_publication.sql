-- Publication (issue 18): unit settings, imported calendar years, 索引号 serials that are never
-- reused, validity changes (修改/废止) and public concerns with their responses.

CREATE TABLE unit_settings (
    unit_id    TEXT PRIMARY KEY NOT NULL REFERENCES units(id),
    settings   TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE calendar_years (
    year        INTEGER PRIMARY KEY NOT NULL,
    record      TEXT NOT NULL,
    imported_by TEXT NOT NULL,
    imported_at TEXT NOT NULL
);

-- One 索引号 per pack; (unit, year, serial) unique and rows never deleted, so a serial is
-- never given twice.
CREATE TABLE index_numbers (
    pack_id      TEXT PRIMARY KEY NOT NULL REFERENCES packs(id),
    unit_id      TEXT NOT NULL,
    year         INTEGER NOT NULL,
    serial       INTEGER NOT NULL,
    number       TEXT NOT NULL UNIQUE,
    allocated_at TEXT NOT NULL,
    UNIQUE (unit_id, year, serial)
);
CREATE TRIGGER index_numbers_are_kept BEFORE DELETE ON index_numbers
BEGIN
    SELECT RAISE(ABORT, 'index numbers are never reused');
END;
CREATE TRIGGER index_numbers_are_fixed BEFORE UPDATE ON index_numbers
BEGIN
    SELECT RAISE(ABORT, 'index numbers are never reused');
END;

CREATE TABLE validity_changes (
    id      INTEGER PRIMARY KEY AUTOINCREMENT,
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
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    concern_id TEXT NOT NULL REFERENCES concerns(id),
    record     TEXT NOT NULL
);
CREATE INDEX concern_responses_concern ON concern_responses(concern_id, id);
