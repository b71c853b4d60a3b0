-- loop runs: runs, iterations, agent results and decisions, written as they happen
CREATE TABLE loop_runs (
    id            TEXT    PRIMARY KEY,
    task          TEXT    NOT NULL,
    mode          TEXT    NOT NULL,
    settings      TEXT    NOT NULL,
    baseline      TEXT    NOT NULL,
    status        TEXT    NOT NULL CHECK (status IN ('running', 'success', 'failed', 'aborted')),
    iterations    INTEGER NOT NULL DEFAULT 0,
    final_decision TEXT,
    exit_reason   TEXT,
    owner_pid     INTEGER,
    heartbeat_ms  INTEGER,
    created_ms    INTEGER NOT NULL,
    updated_ms    INTEGER NOT NULL,
    finished_ms   INTEGER
);
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

-- The primary key is the idempotency key (run, iteration, agent): a result is counted once,
-- whoever delivers it and however often.
CREATE TABLE agent_results (
    run_id            TEXT    NOT NULL REFERENCES loop_runs (id) ON DELETE CASCADE,
    iteration         INTEGER NOT NULL,
    agent_id          TEXT    NOT NULL,
    agent_type        TEXT    NOT NULL,
    loop              TEXT    NOT NULL,
    status            TEXT    NOT NULL,
    confidence        REAL    NOT NULL,
    confidence_reason TEXT,
    summary           TEXT,
    files             TEXT,
    feedback          TEXT,
    decision          TEXT,
    reasoning         TEXT,
    exit_code         INTEGER,
    duration_ms       INTEGER NOT NULL,
    input_tokens      INTEGER NOT NULL DEFAULT 0,
    output_tokens     INTEGER NOT NULL DEFAULT 0,
    created_ms        INTEGER NOT NULL,
    PRIMARY KEY (run_id, iteration, agent_id)
);

CREATE TABLE loop_decisions (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    run_id     TEXT    NOT NULL REFERENCES loop_runs (id) ON DELETE CASCADE,
    iteration  INTEGER NOT NULL,
    decision   TEXT    NOT NULL CHECK (decision IN ('PROCEED', 'ITERATE', 'ABORT')),
    source     TEXT    NOT NULL,
    reason     TEXT    NOT NULL,
    created_ms INTEGER NOT NULL
);
CREATE INDEX idx_loop_decisions_run ON loop_decisions (run_id, iteration);
