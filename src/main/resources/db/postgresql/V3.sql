-- analytics: usage index covering the per-skill reports (replaces idx_usage_skill_created)
DROP INDEX idx_usage_skill_created;
CREATE INDEX idx_usage_skill_covering ON skill_usage_log (skill_id, created_ms)
    INCLUDE (confidence_before, confidence_after, duration_ms, exit_code);
