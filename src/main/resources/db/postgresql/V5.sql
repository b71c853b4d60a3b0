-- budgets and cancel: how long a run has been driven, and what agents ended by a stop had spent
ALTER TABLE loop_runs ADD COLUMN active_ms BIGINT NOT NULL DEFAULT 0;

-- An agent ended because its run stopped (a budget, a cancel) leaves no result (a resume runs it
-- again) but has spent: kept here so the run's costs count every dollar.
CREATE TABLE agent_stops (
    run_id             TEXT             NOT NULL REFERENCES loop_runs (id) ON DELETE CASCADE,
    iteration          INTEGER          NOT NULL,
    agent_id           TEXT             NOT NULL,
    agent_type         TEXT             NOT NULL,
    loop               TEXT             NOT NULL,
    reason             TEXT             NOT NULL,
    duration_ms        BIGINT           NOT NULL,
    input_tokens       BIGINT           NOT NULL DEFAULT 0,
    output_tokens      BIGINT           NOT NULL DEFAULT 0,
    cache_read_tokens  BIGINT           NOT NULL DEFAULT 0,
    cache_write_tokens BIGINT           NOT NULL DEFAULT 0,
    turns              INTEGER          NOT NULL DEFAULT 0,
    api_ms             BIGINT           NOT NULL DEFAULT 0,
    cost_usd           DOUBLE PRECISION NOT NULL DEFAULT 0,
    created_ms         BIGINT           NOT NULL,
    PRIMARY KEY (run_id, iteration, agent_id, created_ms)
);
