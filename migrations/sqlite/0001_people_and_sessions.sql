-- People, organisation, sessions, sign-in throttling, settings and the audit log.
-- Timestamps are UTC RFC 3339 text; booleans are 0/1. Queries stay portable (see src/server/db).

CREATE TABLE departments (
    id              INTEGER PRIMARY KEY,
    name            TEXT NOT NULL,
    name_normalized TEXT NOT NULL UNIQUE,
    created_at      TEXT NOT NULL
);

CREATE TABLE users (
    id                   INTEGER PRIMARY KEY,
    email                TEXT NOT NULL,
    email_normalized     TEXT NOT NULL UNIQUE,
    display_name         TEXT NOT NULL,
    password_hash        TEXT NOT NULL,
    must_change_password BOOLEAN NOT NULL DEFAULT FALSE,
    is_active            BOOLEAN NOT NULL DEFAULT TRUE,
    is_hr                BOOLEAN NOT NULL DEFAULT FALSE,
    is_admin             BOOLEAN NOT NULL DEFAULT FALSE,
    department_id        INTEGER REFERENCES departments(id),
    manager_id           INTEGER REFERENCES users(id),
    created_at           TEXT NOT NULL,
    updated_at           TEXT NOT NULL,
    CHECK (manager_id IS NULL OR manager_id <> id)
);
CREATE INDEX users_by_manager ON users(manager_id);
CREATE INDEX users_by_department ON users(department_id);

-- Only a SHA-256 of the session token is stored, so a copy of the database cannot be used to sign in.
CREATE TABLE sessions (
    token_hash   TEXT PRIMARY KEY,
    user_id      INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at   TEXT NOT NULL,
    last_seen_at TEXT NOT NULL
);
CREATE INDEX sessions_by_user ON sessions(user_id);

CREATE TABLE login_failures (
    id               INTEGER PRIMARY KEY,
    email_normalized TEXT NOT NULL,
    client_ip        TEXT NOT NULL,
    failed_at        TEXT NOT NULL
);
CREATE INDEX login_failures_by_email ON login_failures(email_normalized, failed_at);
CREATE INDEX login_failures_by_ip ON login_failures(client_ip, failed_at);

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- Who did what to which target, when. Never holds note text or other free text from plans.
CREATE TABLE audit_events (
    id          INTEGER PRIMARY KEY,
    occurred_at TEXT NOT NULL,
    actor_id    INTEGER,
    action      TEXT NOT NULL,
    target_kind TEXT,
    target_id   INTEGER,
    detail      TEXT
);
CREATE INDEX audit_events_by_time ON audit_events(occurred_at);

CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
BEGIN
    SELECT RAISE(ABORT, 'audit_events is append-only');
END;
CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
BEGIN
    SELECT RAISE(ABORT, 'audit_events is append-only');
END;
