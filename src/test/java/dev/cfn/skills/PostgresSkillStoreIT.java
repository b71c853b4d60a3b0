package dev.cfn.skills;

import dev.cfn.store.Database;
import dev.cfn.store.PgSchema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The skill store's contract on the real PostgreSQL: a fresh schema for this class, emptied before
 * each test and dropped afterwards.
 */
class PostgresSkillStoreIT extends SkillStoreContract {
    private static PgSchema schema;

    @BeforeAll
    static void createSchema() {
        schema = PgSchema.create("cfn_contract");
    }

    @AfterAll
    static void dropSchema() throws Exception {
        schema.close();
    }

    @Override
    protected void resetStore() {
        try (Database store = schema.open()) {
            store.write(sql -> {
                sql.execute("TRUNCATE skills, skill_versions, approval_history, agent_skill_mappings,"
                        + " skill_usage_log, loop_runs, loop_iterations, agent_results, loop_decisions"
                        + " RESTART IDENTITY CASCADE");
                sql.execute("UPDATE change_epochs SET epoch = 0");
                return null;
            });
        }
    }

    @Override
    protected Database openStore() {
        return schema.open();
    }
}
