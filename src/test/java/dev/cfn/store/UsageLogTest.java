package dev.cfn.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cfn.InvalidInputException;
import dev.cfn.NotFoundException;
import dev.cfn.skills.DeployRequest;
import dev.cfn.skills.Mapping;
import dev.cfn.testing.SkillMd;
import dev.cfn.testing.SqliteTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class UsageLogTest extends SqliteTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TRICKY = "coder-1 \"x\"; DROP TABLE skill_usage_log; -- Grüße 🙂";

    private Path logs;

    @BeforeEach
    void deploySkill() {
        propose(SkillMd.of("tdd").version("1.4.0"));
        registry.deploy(new DeployRequest("tdd", null, List.of("coder"), 3, false, Mapping.Conditions.NONE, false));
        logs = dir.resolve("logs");
    }

    @Test
    void one_event_is_one_row_and_one_json_line_with_the_same_fields() throws IOException {
        long epoch = epoch(ChangeEpochs.USAGE);
        long id;
        try (UsageLog log = UsageLog.open(db, clock, logs)) {
            id = log.log(event("tdd", null, 0.5, 0.75));
        }

        assertThat(count("skill_usage_log")).isEqualTo(1);
        assertThat(epoch(ChangeEpochs.USAGE)).isEqualTo(epoch + 1);
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("id", (int) id);
        expected.put("ts_ms", clock.millis());
        expected.put("agent_id", "coder-1");
        expected.put("agent_type", "coder");
        expected.put("skill", "tdd");
        expected.put("skill_version", "1.4.0");
        expected.put("task_id", "task-7");
        expected.put("phase", "loop3");
        expected.put("exit_code", 0);
        expected.put("duration_ms", 1234);
        expected.put("confidence_before", 0.5);
        expected.put("confidence_after", 0.75);
        assertThat(lines())
                .singleElement()
                .satisfies(line -> assertThat(parse(line)).isEqualTo(expected));
        var row = db.read(sql -> sql.one(
                        "SELECT agent_id, agent_type, skill_version, task_id, phase, exit_code, duration_ms,"
                                + " confidence_before, confidence_after, created_ms FROM skill_usage_log WHERE id = ?",
                        r -> List.<Object>of(
                                r.getString(1),
                                r.getString(2),
                                r.getString(3),
                                r.getString(4),
                                r.getString(5),
                                r.getInt(6),
                                r.getLong(7),
                                r.getDouble(8),
                                r.getDouble(9),
                                r.getLong(10)),
                        id))
                .orElseThrow();
        assertThat(row)
                .containsExactly("coder-1", "coder", "1.4.0", "task-7", "loop3", 0, 1234L, 0.5, 0.75, clock.millis());
    }

    @Test
    void an_explicit_version_is_kept_and_unknown_fields_are_null() throws IOException {
        try (UsageLog log = UsageLog.open(db, clock, logs)) {
            log.log(new UsageEvent("a-1", "coder", "tdd", "1.0.0", null, null, null, null, null, null));
        }

        Map<String, Object> line = parse(lines().get(0));
        assertThat(line).containsEntry("skill_version", "1.0.0").containsEntry("exit_code", null);
        assertThat(line.get("confidence_before")).isNull();
    }

    @Test
    void an_unknown_skill_is_not_found_and_writes_neither_row_nor_line() throws IOException {
        try (UsageLog log = UsageLog.open(db, clock, logs)) {
            assertFailsAndChangesNothing(
                    () -> log.log(event("nope", null, null, null)),
                    NotFoundException.class,
                    "skill 'nope' does not exist");
        }

        assertThat(lines()).isEmpty();
    }

    @Test
    void an_event_is_validated_before_anything_is_written() {
        assertThatThrownBy(() -> event("tdd", null, 0.5, 1.5))
                .isExactlyInstanceOf(InvalidInputException.class)
                .hasMessage("--confidence-after must be 0 to 1, but was 1.5");
        assertThatThrownBy(() -> event("tdd", null, Double.NaN, 0.5))
                .hasMessage("--confidence-before must be 0 to 1, but was NaN");
        assertThatThrownBy(() -> new UsageEvent("a", "coder", "tdd", null, null, null, null, -1L, null, null))
                .isExactlyInstanceOf(InvalidInputException.class)
                .hasMessage("--duration-ms must be >= 0, but was -1");
    }

    @Test
    void text_with_quotes_sql_and_non_ascii_is_kept_verbatim_in_row_and_line() throws IOException {
        try (UsageLog log = UsageLog.open(db, clock, logs)) {
            log.log(new UsageEvent(TRICKY, "coder", "tdd", null, TRICKY, "loop3", 1, 5L, null, null));
        }

        assertThat(parse(lines().get(0))).containsEntry("agent_id", TRICKY).containsEntry("task_id", TRICKY);
        List<List<String>> rows = db.read(sql -> sql.query(
                "SELECT agent_id, task_id FROM skill_usage_log", r -> List.of(r.getString(1), r.getString(2))));
        assertThat(rows).containsExactly(List.of(TRICKY, TRICKY));
    }

    @Test
    void a_line_lost_between_commit_and_write_is_restored_on_the_next_open_without_duplicates() throws IOException {
        try (UsageLog log = UsageLog.open(db, clock, logs)) {
            for (int i = 0; i < 3; i++) {
                log.log(event("tdd", null, 0.25 * i, 0.3));
            }
        }
        List<String> written = lines();
        writeLines(written.subList(0, 2)); // the crash: row 3 committed, its line never written

        UsageLog.open(db, clock, logs).close();

        assertThat(lines()).isEqualTo(written);
        UsageLog.open(db, clock, logs).close();
        assertThat(lines()).isEqualTo(written);
    }

    @Test
    void logs_opened_at_the_same_moment_restore_a_lost_line_once() throws Exception {
        try (UsageLog log = UsageLog.open(db, clock, logs)) {
            for (int i = 0; i < 20; i++) {
                log.log(event("tdd", null, null, null));
            }
        }
        List<String> written = lines();
        writeLines(written.subList(0, 10)); // the crash: ten rows committed, their lines lost

        int opens = 8;
        java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(opens);
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(opens)) {
            List<java.util.concurrent.Future<?>> done = new ArrayList<>();
            for (int i = 0; i < opens; i++) {
                done.add(pool.submit(() -> {
                    start.await();
                    UsageLog.open(db, clock, logs).close();
                    return null;
                }));
            }
            for (var f : done) {
                f.get();
            }
        }

        assertThat(lines()).isEqualTo(written);
    }

    @Test
    void reopening_a_complete_log_leaves_the_file_byte_for_byte_unchanged() throws IOException {
        try (UsageLog log = UsageLog.open(db, clock, logs)) {
            log.log(event("tdd", null, null, null));
            log.log(event("tdd", "1.4.0", 0.1, 0.9));
        }
        byte[] before = Files.readAllBytes(logs.resolve("usage.jsonl"));

        UsageLog.open(db, clock, logs).close();

        assertThat(Files.readAllBytes(logs.resolve("usage.jsonl"))).isEqualTo(before);
    }

    @Test
    void a_line_torn_by_a_crash_is_replaced_by_the_committed_row() throws IOException {
        try (UsageLog log = UsageLog.open(db, clock, logs)) {
            log.log(event("tdd", null, 0.1, 0.2));
            log.log(event("tdd", null, 0.3, 0.4));
        }
        List<String> written = lines();
        Path file = logs.resolve("usage.jsonl");
        String torn = written.get(0) + "\n" + written.get(1).substring(0, 20); // crash mid-write, no newline
        Files.writeString(file, torn, StandardCharsets.UTF_8);

        UsageLog.open(db, clock, logs).close();

        assertThat(lines()).isEqualTo(written);
        assertThat(Files.readString(file)).endsWith("\n");
    }

    private static UsageEvent event(String skill, String version, Double before, Double after) {
        return new UsageEvent("coder-1", "coder", skill, version, "task-7", "loop3", 0, 1234L, before, after);
    }

    private List<String> lines() throws IOException {
        Path file = logs.resolve("usage.jsonl");
        return Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
    }

    private void writeLines(List<String> lines) throws IOException {
        List<String> copy = new ArrayList<>(lines);
        Files.write(logs.resolve("usage.jsonl"), copy, StandardCharsets.UTF_8);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> parse(String line) throws IOException {
        return JSON.readValue(line, LinkedHashMap.class);
    }
}
