package dev.cfn.loop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cfn.agents.AgentSession;
import dev.cfn.store.Database;
import dev.cfn.store.PgSchema;
import dev.cfn.store.SqliteDatabase;
import dev.cfn.testing.MutableClock;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sessions of a run's agent slots in the run store, on SQLite and PostgreSQL: what a resumed run
 * (another process) finds, the latest per slot.
 */
class RunSessionsIT {
    private static final LoopSettings SETTINGS =
            new LoopSettings("t", "mvp", 0.7, 0.8, 3, 0.66, List.of("coder"), List.of(), null, List.of(), "/tmp/w", 2);

    @TempDir
    Path dir;

    @Test
    void sessions_are_kept_per_run_and_slot_the_latest_winning_on_sqlite() {
        try (SqliteDatabase db = SqliteDatabase.open(dir.resolve("cfn.db"))) {
            checkContract(db);
        }
    }

    @Test
    void sessions_are_kept_per_run_and_slot_the_latest_winning_on_postgresql() throws Exception {
        try (PgSchema schema = PgSchema.create("cfn_sessions_it");
                Database db = schema.open()) {
            checkContract(db);
        }
    }

    private void checkContract(Database db) {
        RunStore store = new RunStore(db);
        store.create("run-1", SETTINGS, Map.of(), 1);
        store.create("run-2", SETTINGS, Map.of(), 1);
        MutableClock clock = new MutableClock(java.time.Instant.ofEpochMilli(1_000));
        RunSessions run1 = new RunSessions(store, "run-1", clock);
        Path work = dir.resolve("work");

        assertThat(run1.find("coder-1")).isEmpty();
        run1.save("coder-1", new AgentSession("s-1", work));
        run1.save("coder-2", new AgentSession("s-2", work));
        run1.save("coder-1", new AgentSession("s-3", work));

        // A new store on the same database: what cfn loop resume in another process sees.
        RunStore later = new RunStore(db);
        assertThat(later.session("run-1", "coder-1")).contains(new AgentSession("s-3", work));
        assertThat(later.session("run-1", "coder-2")).contains(new AgentSession("s-2", work));
        assertThat(later.session("run-2", "coder-1")).isEmpty();
    }
}
