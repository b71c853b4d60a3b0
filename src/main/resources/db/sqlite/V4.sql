-- runs can stop (budget, cancel) and resume; agent results carry usage and cost; stored run events; agent sessions
-- SQLite cannot change a CHECK in place: loop_runs is rebuilt, and with it the tables that reference it
-- (dropped first, so dropping loop_runs cascades to nothing), each copied back whole.
CREATE TABLE loop_runs_v4 (
    id               TEXT    PRIMARY KEY,
    task             TEXT    NOT NULL,
    mode             TEXT    NOT NULL,
    settings         TEXT    NOT NULL,
    baseline         TEXT    NOT NULL,
    status           TEXT    NOT NULL CHECK (status IN ('running', 'success', 'failed', 'aborted', 'stopped')),
    iterations       INTEGER NOT NULL DEFAULT 0,
    final_decision   TEXT,
    exit_reason      TEXT,
    owner_pid        INTEGER,
    heartbeat_ms     INTEGER,
    created_ms       INTEGER NOT NULL,
    updated_ms       INTEGER NOT NULL,
    finished_ms      INTEGER,
    cancel_requested TEXT
);
INSERT INTO loop_runs_v4 (id, task, mode, settings, baseline, status, iterations, final_decision, exit_reason,
                          owner_pid, heartbeat_ms, created_ms, updated_ms, finished_ms)
    SELECT id, task, mode, settings, baseline, status, iterations, final_decision, exit_reason,
           owner_pid, heartbeat_ms, created_ms, updated_ms, finished_ms FROM loop_runs;
CREATE TABLE loop_iterations_v4 AS SELECT * FROM loop_iterations;
CREATE TABLE agent_results_v4 AS SELECT * FROM agent_results;
CREATE TABLE loop_decisions_v4 AS SELECT * FROM loop_decisions;
DROP TABLE loop_decisions;
DROP TABLE agent_results;
DROP TABLE loop_iterations;
DROP TABLE loop_runs;
ALTER TABLE loop_runs_v4 RENAME TO loop_runs;
CREATE INDEX idx_loop_runs_created ON loop_runs (created_ms);
CREATE INDEX idx_loop_runs_status ON loop_runs (status, created_ms);

CREATE TABLE loop_iterations (
    run_id           TEXT    NOT NULL REFERENCES loop_runs (id) ON DELETE CASCADE,
    iteration        INTEGER NOT NULL,
    gate_score       REAL,
    gate_passed      INTEGER,
    consensus_score  REAL,
    consensus_passed INTEGER,
    deliverables_ok  INTEGER,
    deliverables     TEXT,
    decision         TEXT,
    reason           TEXT,
    feedback         TEXT,
    started_ms       INTEGER NOT NULL,
    finished_ms      INTEGER,
    PRIMARY KEY (run_id, iteration)
);
INSERT INTO loop_iterations (run_id, iteration, gate_score, gate_passed, consensus_score, consensus_passed,
                             deliverables_ok, deliverables, decision, reason, feedback, started_ms, finished_ms)
    SELECT run_id, iteration, gate_score, gate_passed, consensus_score, consensus_passed,
           deliverables_ok, deliverables, decision, reason, feedback, started_ms, finished_ms FROM loop_iterations_v4;
DROP TABLE loop_iterations_v4;

-- The primary key is the idempotency key (run, iteration, agent): a result is counted once,
-- whoever delivers it and however often.
CREATE TABLE agent_results (
    run_id             TEXT    NOT NULL REFERENCES loop_runs (id) ON DELETE CASCADE,
    iteration          INTEGER NOT NULL,
    agent_id           TEXT    NOT NULL,
    agent_type         TEXT    NOT NULL,
    loop               TEXT    NOT NULL,
    status             TEXT    NOT NULL,
    confidence         REAL    NOT NULL,
    confidence_reason  TEXT,
    summary            TEXT,
    files              TEXT,
    feedback           TEXT,
    decision           TEXT,
    reasoning          TEXT,
    exit_code          INTEGER,
    duration_ms        INTEGER NOT NULL,
    input_tokens       INTEGER NOT NULL DEFAULT 0,
    output_tokens      INTEGER NOT NULL DEFAULT 0,
    created_ms         INTEGER NOT NULL,
    cache_read_tokens  INTEGER NOT NULL DEFAULT 0,
    cache_write_tokens INTEGER NOT NULL DEFAULT 0,
    turns              INTEGER NOT NULL DEFAULT 0,
    api_ms             INTEGER NOT NULL DEFAULT 0,
    cost_usd           REAL    NOT NULL DEFAULT 0,
    PRIMARY KEY (run_id, iteration, agent_id)
);
INSERT INTO agent_results (run_id, iteration, agent_id, agent_type, loop, status, confidence, confidence_reason,
                           summary, files, feedback, decision, reasoning, exit_code, duration_ms, input_tokens,
                           output_tokens, created_ms)
    SELECT run_id, iteration, agent_id, agent_type, loop, status, confidence, confidence_reason,
           summary, files, feedback, decision, reasoning, exit_code, duration_ms, input_tokens,
           output_tokens, created_ms FROM agent_results_v4;
DROP TABLE agent_results_v4;

CREATE TABLE loop_decisions (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    run_id     TEXT    NOT NULL REFERENCES loop_runs (id) ON DELETE CASCADE,
    iteration  INTEGER NOT NULL,
    decision   TEXT    NOT NULL CHECK (decision IN ('PROCEED', 'ITERATE', 'ABORT')),
    source     TEXT    NOT NULL,
    reason     TEXT    NOT NULL,
    created_ms INTEGER NOT NULL
);
INSERT INTO loop_decisions (id, run_id, iteration, decision, source, reason, created_ms)
    SELECT id, run_id, iteration, decision, source, reason, created_ms FROM loop_decisions_v4;
DROP TABLE loop_decisions_v4;
CREATE INDEX idx_loop_decisions_run ON loop_decisions (run_id, iteration);

-- What a run told its listeners, numbered per run: a run started anywhere shows the same history.
CREATE TABLE loop_events (
    run_id     TEXT    NOT NULL REFERENCES loop_runs (id) ON DELETE CASCADE,
    seq        INTEGER NOT NULL,
    name       TEXT    NOT NULL,
    data       TEXT    NOT NULL,
    created_ms INTEGER NOT NULL,
    PRIMARY KEY (run_id, seq)
);

-- A runtime's own session per agent slot (Claude Code's session id), so iteration N+1 and a resume continue it.
CREATE TABLE agent_sessions (
    run_id     TEXT    NOT NULL REFERENCES loop_runs (id) ON DELETE CASCADE,
    slot       TEXT    NOT NULL,
    session_id TEXT    NOT NULL,
    workdir    TEXT    NOT NULL,
    updated_ms INTEGER NOT NULL,
    PRIMARY KEY (run_id, slot)
);
