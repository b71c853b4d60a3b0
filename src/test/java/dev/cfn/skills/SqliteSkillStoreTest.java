package dev.cfn.skills;

import dev.cfn.store.Database;
import dev.cfn.store.SqliteDatabase;

/** The skill store's contract on a real SQLite file, new for each test. */
class SqliteSkillStoreTest extends SkillStoreContract {
    @Override
    protected void resetStore() {
        // dir is a new temporary folder for each test: the file does not exist yet
    }

    @Override
    protected Database openStore() {
        return SqliteDatabase.open(dir.resolve("cfn.db"));
    }
}
