-- Team mode, part 2: enrolments signed by an admin, sign-in challenges and session tokens
-- (hashes only), and sign-in failures for rate limiting. The same tables as on PostgreSQL, so a
-- one-person trial server runs on SQLite too.

CREATE TABLE enrolments (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id     TEXT NOT NULL REFERENCES users(id),
    record      TEXT NOT NULL,
    enrolled_at TEXT NOT NULL
);
CREATE INDEX enrolments_user ON enrolments(user_id, id);

CREATE TABLE auth_challenges (
    nonce       TEXT PRIMARY KEY,
    user_id     TEXT NOT NULL,
    expires_at  TEXT NOT NULL
);

CREATE TABLE auth_sessions (
    token_sha256 TEXT PRIMARY KEY,
    user_id      TEXT NOT NULL REFERENCES users(id),
    expires_at   TEXT NOT NULL,
    created_at   TEXT NOT NULL
);

CREATE TABLE auth_failures (
    id       INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id  TEXT NOT NULL,
    address  TEXT NOT NULL,
    at       TEXT NOT NULL
);
CREATE INDEX auth_failures_user ON auth_failures(user_id, at);
CREATE INDEX auth_failures_address ON auth_failures(address, at);
