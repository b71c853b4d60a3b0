package dev.cfn.store;

import dev.cfn.CfnException;
import dev.cfn.NotFoundException;
import dev.cfn.json.JsonText;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.SQLException;
import java.time.Clock;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Dual logging: each event is one row of skill_usage_log (the source of truth) and then one JSON
 * line of {@code usage.jsonl}, written unbuffered right after the commit. A line lost to a crash
 * between the two is restored when the log is next opened: {@link #open} appends every committed
 * row missing from the file's tail. Thread-safe.
 */
public final class UsageLog implements AutoCloseable {
    /** How many of the newest rows {@link #open} checks against the file. */
    static final int RECOVERY_WINDOW = 1000;

    private static final String INSERT = "INSERT INTO skill_usage_log (agent_id, agent_type, skill_id, skill_version,"
            + " task_id, phase, exit_code, duration_ms, confidence_before, confidence_after, created_ms)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String SKILL = "SELECT s.id, dv.version FROM skills s"
            + " LEFT JOIN skill_versions dv ON dv.id = s.deployed_version_id WHERE s.name = ?";

    private final Database db;
    private final Clock clock;
    private final Path file;
    private final FileChannel channel;

    private UsageLog(Database db, Clock clock, Path file, FileChannel channel) {
        this.db = db;
        this.clock = clock;
        this.file = file;
        this.channel = channel;
    }

    /** Opens {@code dir/usage.jsonl} for appending and restores lines a crash may have lost. */
    public static UsageLog open(Database db, Clock clock, Path dir) {
        Path file = dir.resolve("usage.jsonl");
        try {
            Files.createDirectories(dir);
            FileChannel channel = FileChannel.open(
                    file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
            UsageLog log = new UsageLog(db, clock, file, channel);
            try {
                RecoveryLock.run(dir.resolve("usage.jsonl.lock"), log::recover);
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
            return log;
        } catch (IOException e) {
            throw new CfnException("cannot open the usage log " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Records one event: the row commits first, then its line is appended.
     *
     * @return the row's id
     * @throws NotFoundException if the skill does not exist
     */
    public long log(UsageEvent event) {
        long now = clock.millis();
        Map<String, Object> row = db.write(sql -> {
            var skill = sql.one(SKILL, r -> new Object[] {r.getLong(1), r.getString(2)}, event.skill())
                    .orElseThrow(() -> new NotFoundException("skill '" + event.skill() + "' does not exist"));
            String version = event.skillVersion() != null ? event.skillVersion() : (String) skill[1];
            long id = sql.insert(
                    INSERT,
                    event.agentId(),
                    event.agentType(),
                    skill[0],
                    version,
                    event.taskId(),
                    event.phase(),
                    event.exitCode(),
                    event.durationMs(),
                    event.confidenceBefore(),
                    event.confidenceAfter(),
                    now);
            ChangeEpochs.bump(sql, ChangeEpochs.USAGE);
            return line(id, now, event, version);
        });
        append(List.of(row));
        return ((Number) row.get("id")).longValue();
    }

    private static final String SELECT_ROW = "SELECT u.id, u.agent_id, u.agent_type, s.name, u.skill_version,"
            + " u.task_id, u.phase, u.exit_code, u.duration_ms, u.confidence_before, u.confidence_after, u.created_ms"
            + " FROM skill_usage_log u JOIN skills s ON s.id = u.skill_id";

    private static Map<String, Object> line(long id, long now, UsageEvent e, String version) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("ts_ms", now);
        m.put("agent_id", e.agentId());
        m.put("agent_type", e.agentType());
        m.put("skill", e.skill());
        m.put("skill_version", version);
        m.put("task_id", e.taskId());
        m.put("phase", e.phase());
        m.put("exit_code", e.exitCode());
        m.put("duration_ms", e.durationMs());
        m.put("confidence_before", e.confidenceBefore());
        m.put("confidence_after", e.confidenceAfter());
        return m;
    }

    private static Map<String, Object> rowMap(java.sql.ResultSet r) throws SQLException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.getLong(1));
        m.put("ts_ms", r.getLong(12));
        m.put("agent_id", r.getString(2));
        m.put("agent_type", r.getString(3));
        m.put("skill", r.getString(4));
        m.put("skill_version", r.getString(5));
        m.put("task_id", r.getString(6));
        m.put("phase", r.getString(7));
        m.put("exit_code", r.getObject(8));
        m.put("duration_ms", r.getObject(9));
        m.put("confidence_before", r.getObject(10));
        m.put("confidence_after", r.getObject(11));
        return m;
    }

    private synchronized void append(List<Map<String, Object>> rows) {
        try {
            StringBuilder text = new StringBuilder();
            for (Map<String, Object> row : rows) {
                text.append(JsonText.compact(row)).append('\n');
            }
            ByteBuffer buffer = ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8));
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        } catch (IOException e) {
            throw new CfnException(
                    "the usage row committed but " + file + " could not be written (" + e.getMessage()
                            + "); it will be restored when the log is next opened",
                    e);
        }
    }

    /** Appends the newest committed rows whose ids the file's tail does not hold. */
    private void recover() throws IOException {
        Set<Long> inFile = new HashSet<>();
        long complete = idsInTail(inFile);
        if (complete < channel.size()) {
            // A crash mid-append left a last line without its newline: drop it, its row is restored below.
            channel.truncate(complete);
        }
        List<Map<String, Object>> missing = db.read(sql -> {
            long floor = sql.count("SELECT COALESCE(MIN(id), 0) FROM (SELECT id FROM skill_usage_log"
                    + " ORDER BY id DESC LIMIT " + RECOVERY_WINDOW + ") t");
            return sql.query(SELECT_ROW + " WHERE u.id >= ? ORDER BY u.id", UsageLog::rowMap, floor);
        });
        missing.removeIf(row -> inFile.contains(((Number) row.get("id")).longValue()));
        if (!missing.isEmpty()) {
            append(missing);
        }
    }

    /** Collects the ids of the complete lines in the file's tail; returns where the complete lines end. */
    private long idsInTail(Set<Long> ids) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            long length = raf.length();
            long start = Math.max(0, length - 512L * RECOVERY_WINDOW);
            byte[] tail = new byte[(int) (length - start)];
            raf.seek(start);
            raf.readFully(tail);
            int complete = tail.length;
            while (complete > 0 && tail[complete - 1] != '\n') {
                complete--;
            }
            if (complete == 0 && start > 0) {
                complete = tail.length; // one line longer than the window: leave it alone
            }
            for (String line : new String(tail, 0, complete, StandardCharsets.UTF_8).split("\n")) {
                int at = line.indexOf("{\"id\":");
                if (at == 0) {
                    int end = line.indexOf(',');
                    try {
                        ids.add(Long.parseLong(line.substring(6, end < 0 ? line.length() - 1 : end)));
                    } catch (NumberFormatException | StringIndexOutOfBoundsException ignored) {
                        // a torn line: its row is restored below
                    }
                }
            }
            return start + complete;
        }
    }

    public Path file() {
        return file;
    }

    @Override
    public synchronized void close() {
        try {
            channel.force(false);
            channel.close();
        } catch (IOException ignored) {
            // every line was already handed to the OS; nothing more to flush
        }
    }
}
