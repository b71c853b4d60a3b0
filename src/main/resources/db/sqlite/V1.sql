-- skills registry: skills, immutable versions, approvals, agent mappings, usage log
CREATE TABLE skills (
    id                  INTEGER PRIMARY KEY AUTOINCREMENT,
    name                TEXT    NOT NULL UNIQUE,
    category            TEXT    NOT NULL CHECK (category IN ('coordination', 'foundation', 'testing', 'infrastructure', 'domain')),
    approval_level      TEXT    NOT NULL CHECK (approval_level IN ('auto', 'escalate', 'human')),
    status              TEXT    NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'deprecated', 'archived')),
    team                TEXT,
    owner               TEXT,
    latest_version_id   INTEGER REFERENCES skill_versions (id),
    deployed_version_id INTEGER REFERENCES skill_versions (id),
    replacement_id      INTEGER REFERENCES skills (id) ON DELETE SET NULL,
    deprecation_note    TEXT,
    created_ms          INTEGER NOT NULL,
    updated_ms          INTEGER NOT NULL
);
CREATE INDEX idx_skills_status ON skills (status, name);

-- Content never changes once written: an agent can always load the exact version it was given.
-- The approval state is the one mutable column; approval_history keeps every decision.
CREATE TABLE skill_versions (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    skill_id       INTEGER NOT NULL REFERENCES skills (id) ON DELETE CASCADE,
    version        TEXT    NOT NULL,
    major          INTEGER NOT NULL,
    minor          INTEGER NOT NULL,
    patch          INTEGER NOT NULL,
    content        TEXT    NOT NULL,
    content_hash   TEXT    NOT NULL,
    front_matter   TEXT    NOT NULL,
    source_path    TEXT,
    category       TEXT    NOT NULL,
    approval_level TEXT    NOT NULL CHECK (approval_level IN ('auto', 'escalate', 'human')),
    state          TEXT    NOT NULL CHECK (state IN ('pending', 'approved', 'rejected', 'escalated', 'needs_correction')),
    created_ms     INTEGER NOT NULL,
    decided_ms     INTEGER,
    UNIQUE (skill_id, major, minor, patch)
);
CREATE INDEX idx_skill_versions_state ON skill_versions (state, created_ms);

CREATE TRIGGER skill_versions_immutable
BEFORE UPDATE OF skill_id, version, major, minor, patch, content, content_hash, front_matter ON skill_versions
BEGIN
    SELECT RAISE(ABORT, 'skill_versions content is immutable');
END;

CREATE TABLE approval_history (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    skill_id       INTEGER NOT NULL REFERENCES skills (id) ON DELETE CASCADE,
    version_id     INTEGER NOT NULL REFERENCES skill_versions (id) ON DELETE CASCADE,
    version        TEXT    NOT NULL,
    approval_level TEXT    NOT NULL CHECK (approval_level IN ('auto', 'escalate', 'human')),
    approver       TEXT    NOT NULL,
    decision       TEXT    NOT NULL CHECK (decision IN ('approved', 'rejected', 'escalated', 'needs_correction')),
    reasoning      TEXT,
    created_ms     INTEGER NOT NULL
);
CREATE INDEX idx_approval_history_skill ON approval_history (skill_id, created_ms);
CREATE INDEX idx_approval_history_created ON approval_history (created_ms);
CREATE INDEX idx_approval_history_version ON approval_history (version_id);

CREATE TABLE agent_skill_mappings (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
    agent_type        TEXT    NOT NULL,
    skill_id          INTEGER NOT NULL REFERENCES skills (id) ON DELETE CASCADE,
    priority          INTEGER NOT NULL DEFAULT 5 CHECK (priority BETWEEN 1 AND 10),
    required          INTEGER NOT NULL DEFAULT 0 CHECK (required IN (0, 1)),
    enabled           INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
    conditions        TEXT,
    pinned_version_id INTEGER REFERENCES skill_versions (id),
    created_ms        INTEGER NOT NULL,
    updated_ms        INTEGER NOT NULL,
    UNIQUE (agent_type, skill_id)
);
CREATE INDEX idx_agent_skill_mappings_skill ON agent_skill_mappings (skill_id);

CREATE TABLE skill_usage_log (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
    agent_id          TEXT    NOT NULL,
    agent_type        TEXT    NOT NULL,
    skill_id          INTEGER NOT NULL REFERENCES skills (id) ON DELETE CASCADE,
    skill_version     TEXT,
    task_id           TEXT,
    phase             TEXT,
    exit_code         INTEGER,
    duration_ms       INTEGER,
    confidence_before REAL,
    confidence_after  REAL,
    created_ms        INTEGER NOT NULL
);
CREATE INDEX idx_usage_created ON skill_usage_log (created_ms);
CREATE INDEX idx_usage_skill_created ON skill_usage_log (skill_id, created_ms);
CREATE INDEX idx_usage_agent_type ON skill_usage_log (agent_type, created_ms);

-- One counter per group of tables, bumped in every transaction that writes them. Caches key on
-- it, so a write by any process invalidates every cache that read those tables.
CREATE TABLE change_epochs (
    name  TEXT    PRIMARY KEY,
    epoch INTEGER NOT NULL
);
INSERT INTO change_epochs (name, epoch) VALUES ('skills', 0), ('usage', 0);
