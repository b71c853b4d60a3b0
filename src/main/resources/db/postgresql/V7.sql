-- governance and learning (#17): where a version came from, and whether approving it deploys it.
-- origin: null (propose, import), 'update' (a review-level update: approving it deploys it to the
-- skill's mappings), 'reflection' (proposed by a run's reflector; approving never deploys it).
ALTER TABLE skill_versions ADD COLUMN origin TEXT;
-- the loop run a reflection-proposed version came from
ALTER TABLE skill_versions ADD COLUMN origin_run TEXT;

-- what a run's reflector proposed after its PROCEED (JSON), null when no reflection ran
ALTER TABLE loop_runs ADD COLUMN reflection TEXT;
