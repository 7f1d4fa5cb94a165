-- Team mode, part 2: enrolments signed by an admin, sign-in challenges and session tokens
-- (hashes only), sign-in failures for rate limiting, and a NOTIFY for every audit row.

CREATE TABLE enrolments (
    id                  BIGSERIAL PRIMARY KEY,
    user_id             TEXT NOT NULL REFERENCES users(id),
    record              TEXT NOT NULL,
    enrolled_at         TEXT NOT NULL
);
CREATE INDEX enrolments_user ON enrolments(user_id, id);

-- Single-use nonces: a server process that did not issue one can still check it, so any
-- process behind a load balancer may answer.
CREATE TABLE auth_challenges (
    nonce       TEXT PRIMARY KEY,
    user_id     TEXT NOT NULL,
    expires_at  TEXT NOT NULL
);

-- Only SHA-256 of each token: a copy of the database does not let anyone act as a user.
CREATE TABLE auth_sessions (
    token_sha256 TEXT PRIMARY KEY,
    user_id      TEXT NOT NULL REFERENCES users(id),
    expires_at   TEXT NOT NULL,
    created_at   TEXT NOT NULL
);

CREATE TABLE auth_failures (
    id       BIGSERIAL PRIMARY KEY,
    user_id  TEXT NOT NULL,
    address  TEXT NOT NULL,
    at       TEXT NOT NULL
);
CREATE INDEX auth_failures_user ON auth_failures(user_id, at);
CREATE INDEX auth_failures_address ON auth_failures(address, at);

-- Sent in the writing transaction and delivered at commit: listeners learn of a change only
-- once it is durable. The payload is the sequence number; listeners read the row itself.
CREATE FUNCTION jiedu_notify_audit() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('jiedu_audit', NEW.seq::text);
    RETURN NULL;
END $$;
CREATE TRIGGER audit_log_notify AFTER INSERT ON audit_log
    FOR EACH ROW EXECUTE FUNCTION jiedu_notify_audit();

DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'jiedu_writer') THEN
        GRANT SELECT, INSERT, UPDATE, DELETE ON enrolments, auth_challenges, auth_sessions, auth_failures TO jiedu_writer;
        GRANT USAGE, SELECT ON enrolments_id_seq, auth_failures_id_seq TO jiedu_writer;
        REVOKE UPDATE ON enrolments FROM jiedu_writer;
    END IF;
END $$;
