package dev.cfn.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cfn.skills.ProposeResult;
import dev.cfn.skills.SkillRegistry;
import dev.cfn.skills.file.SkillFile;
import dev.cfn.skills.file.SkillFileParser;
import dev.cfn.store.ChangeEpochs;
import dev.cfn.store.SqliteDatabase;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * Base of tests against a real SQLite file in a temporary folder, with a registry on a clock that
 * stands still until the test moves it.
 */
public abstract class SqliteTest {
    @TempDir
    protected Path dir;

    protected final MutableClock clock = MutableClock.standard();
    protected SqliteDatabase db;
    protected SkillRegistry registry;
    private int files;

    @BeforeEach
    void openDatabase() {
        db = SqliteDatabase.open(dbFile());
        registry = new SkillRegistry(db, clock);
    }

    @AfterEach
    void closeDatabase() {
        db.close();
    }

    protected Path dbFile() {
        return dir.resolve("cfn.db");
    }

    /** Writes the file in a folder of its own (so versions of one skill never overwrite) and parses it. */
    protected SkillFile file(SkillMd md) {
        return new SkillFileParser().read(md.writeIn(dir.resolve("files").resolve(String.valueOf(++files))));
    }

    /** Proposes one file as {@code cfn skill propose} does. */
    protected ProposeResult propose(SkillMd md) {
        return registry.propose(List.of(file(md)), null, false).get(0);
    }

    protected Map<String, List<List<Object>>> dump() {
        return DbDump.of(db);
    }

    protected long epoch(String name) {
        return db.read(sql -> ChangeEpochs.read(sql, name));
    }

    protected long count(String table) {
        return db.read(sql -> sql.count("SELECT COUNT(*) FROM " + table));
    }

    /** Asserts that the operation throws exactly this type and message, and that no row changed. */
    protected void assertFailsAndChangesNothing(
            ThrowingCallable operation, Class<? extends Throwable> type, String message) {
        var before = dump();
        assertThatThrownBy(operation).isExactlyInstanceOf(type).hasMessage(message);
        assertThat(dump()).isEqualTo(before);
    }
}
