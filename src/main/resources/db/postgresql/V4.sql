-- runs can stop (budget, cancel) and resume; agent results carry usage and cost; stored run events; agent sessions
ALTER TABLE loop_runs DROP CONSTRAINT IF EXISTS loop_runs_status_check;
ALTER TABLE loop_runs ADD CONSTRAINT loop_runs_status_check
    CHECK (status IN ('running', 'success', 'failed', 'aborted', 'stopped'));
ALTER TABLE loop_runs ADD COLUMN cancel_requested TEXT;

ALTER TABLE agent_results ADD COLUMN cache_read_tokens  BIGINT           NOT NULL DEFAULT 0;
ALTER TABLE agent_results ADD COLUMN cache_write_tokens BIGINT           NOT NULL DEFAULT 0;
ALTER TABLE agent_results ADD COLUMN turns              INTEGER          NOT NULL DEFAULT 0;
ALTER TABLE agent_results ADD COLUMN api_ms             BIGINT           NOT NULL DEFAULT 0;
ALTER TABLE agent_results ADD COLUMN cost_usd           DOUBLE PRECISION NOT NULL DEFAULT 0;

-- What a run told its listeners, numbered per run: a run started anywhere shows the same history.
CREATE TABLE loop_events (
    run_id     TEXT    NOT NULL REFERENCES loop_runs (id) ON DELETE CASCADE,
    seq        INTEGER NOT NULL,
    name       TEXT    NOT NULL,
    data       TEXT    NOT NULL,
    created_ms BIGINT  NOT NULL,
    PRIMARY KEY (run_id, seq)
);

-- A runtime's own session per agent slot (Claude Code's session id), so iteration N+1 and a resume continue it.
CREATE TABLE agent_sessions (
    run_id     TEXT    NOT NULL REFERENCES loop_runs (id) ON DELETE CASCADE,
    slot       TEXT    NOT NULL,
    session_id TEXT    NOT NULL,
    workdir    TEXT    NOT NULL,
    updated_ms BIGINT  NOT NULL,
    PRIMARY KEY (run_id, slot)
);
