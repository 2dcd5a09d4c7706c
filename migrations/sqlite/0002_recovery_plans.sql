-- Recovery plans and their parts. Dates are ISO 8601 (YYYY-MM-DD), timestamps UTC RFC 3339.
-- Multi-value fields (drivers, signs) hold comma-separated playbook ids.

CREATE TABLE plans (
    id                   INTEGER PRIMARY KEY,
    employee_id          INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    opened_by            INTEGER REFERENCES users(id) ON DELETE SET NULL,
    status               TEXT NOT NULL CHECK (status IN ('draft', 'active', 'closed')),
    outcome              TEXT CHECK (outcome IN ('recovered', 'partly_recovered', 'referred_to_support', 'withdrawn')),
    event_title          TEXT NOT NULL,
    event_date           TEXT NOT NULL,
    event_kind           TEXT NOT NULL,
    event_visibility     TEXT NOT NULL CHECK (event_visibility IN ('public', 'private')),
    what_happened        TEXT NOT NULL DEFAULT '',
    what_is_known        TEXT NOT NULL DEFAULT '',
    open_questions       TEXT NOT NULL DEFAULT '',
    drivers              TEXT NOT NULL DEFAULT '',
    technical_fix        TEXT NOT NULL DEFAULT '',
    communication_change TEXT NOT NULL DEFAULT '',
    created_at           TEXT NOT NULL,
    updated_at           TEXT NOT NULL,
    activated_at         TEXT,
    closed_at            TEXT
);
CREATE INDEX plans_by_employee ON plans(employee_id);
-- At most one active plan per employee.
CREATE UNIQUE INDEX plans_one_active_per_employee ON plans(employee_id) WHERE status = 'active';

CREATE TABLE small_wins (
    id          INTEGER PRIMARY KEY,
    plan_id     INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
    title       TEXT NOT NULL,
    due_date    TEXT NOT NULL,
    recognition TEXT CHECK (recognition IN ('private', 'team', 'public')),
    done_on     TEXT,
    created_at  TEXT NOT NULL
);
-- Exactly one open small win at a time.
CREATE UNIQUE INDEX small_wins_one_open_per_plan ON small_wins(plan_id) WHERE done_on IS NULL;

CREATE TABLE plan_tasks (
    id         INTEGER PRIMARY KEY,
    plan_id    INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
    kind       TEXT NOT NULL CHECK (kind IN ('practice', 'paired_work', 'micro_experiment', 'shadowing')),
    title      TEXT NOT NULL,
    colleague  TEXT NOT NULL DEFAULT '',
    hypothesis TEXT NOT NULL DEFAULT '',
    risk_level TEXT CHECK (risk_level IN ('low', 'medium', 'high')),
    result     TEXT NOT NULL DEFAULT '',
    due_date   TEXT,
    status     TEXT NOT NULL CHECK (status IN ('todo', 'in_progress', 'done', 'dropped')),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX plan_tasks_by_plan ON plan_tasks(plan_id);

CREATE TABLE milestones (
    id          INTEGER PRIMARY KEY,
    plan_id     INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
    title       TEXT NOT NULL,
    target_date TEXT NOT NULL,
    reached_on  TEXT,
    created_at  TEXT NOT NULL
);
CREATE INDEX milestones_by_plan ON milestones(plan_id);

CREATE TABLE goal_recalibrations (
    id              INTEGER PRIMARY KEY,
    plan_id         INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
    goal            TEXT NOT NULL,
    usual_scope     TEXT NOT NULL,
    temporary_scope TEXT NOT NULL,
    restore_by      TEXT NOT NULL,
    created_at      TEXT NOT NULL
);
CREATE INDEX goal_recalibrations_by_plan ON goal_recalibrations(plan_id);

CREATE TABLE check_ins (
    id                  INTEGER PRIMARY KEY,
    plan_id             INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
    held_on             TEXT NOT NULL,
    self_confidence     INTEGER CHECK (self_confidence BETWEEN 1 AND 5),
    observed_readiness  INTEGER CHECK (observed_readiness BETWEEN 1 AND 5),
    signs               TEXT NOT NULL DEFAULT '',
    shared_summary      TEXT NOT NULL DEFAULT '',
    private_note        TEXT NOT NULL DEFAULT '',
    next_check_in       TEXT,
    employee_reflection TEXT NOT NULL DEFAULT '',
    created_at          TEXT NOT NULL,
    updated_at          TEXT NOT NULL
);
CREATE INDEX check_ins_by_plan ON check_ins(plan_id, held_on);

CREATE TABLE private_notes (
    id         INTEGER PRIMARY KEY,
    plan_id    INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
    body       TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX private_notes_by_plan ON private_notes(plan_id);

-- The plan's own timeline: machine-written lines (never note text). Lines marked manager_only
-- (about private notes) are not shown to the employee.
CREATE TABLE plan_events (
    id           INTEGER PRIMARY KEY,
    plan_id      INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
    occurred_at  TEXT NOT NULL,
    actor_id     INTEGER REFERENCES users(id) ON DELETE SET NULL,
    description  TEXT NOT NULL,
    manager_only BOOLEAN NOT NULL DEFAULT FALSE
);
CREATE INDEX plan_events_by_plan ON plan_events(plan_id, occurred_at);

CREATE INDEX audit_events_by_target ON audit_events(target_kind, target_id, occurred_at);
