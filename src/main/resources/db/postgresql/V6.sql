-- a loop that knows what it judges: the run's acceptance criteria and the commit it started from,
-- each iteration's workdir snapshot before and after (a git tree id, or a content hash outside git)
-- with HEAD, and the skill versions each agent result was given
ALTER TABLE loop_runs ADD COLUMN criteria TEXT NOT NULL DEFAULT '[]';
ALTER TABLE loop_runs ADD COLUMN start_commit TEXT;
ALTER TABLE loop_iterations ADD COLUMN tree_before TEXT;
ALTER TABLE loop_iterations ADD COLUMN head_before TEXT;
ALTER TABLE loop_iterations ADD COLUMN tree_after TEXT;
ALTER TABLE loop_iterations ADD COLUMN head_after TEXT;
ALTER TABLE agent_results ADD COLUMN skills TEXT NOT NULL DEFAULT '[]';
