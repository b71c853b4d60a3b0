package dev.cfn.store;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The verification after a copy: every table holds as many rows in the target as in the source,
 * and every skill version's content on the target hashes to its recorded SHA-256, which equals the
 * source's.
 */
record MigrationCheck(long versionsChecked, List<String> problems) {
    MigrationCheck {
        problems = List.copyOf(problems);
    }

    static MigrationCheck of(Sql source, Database target, Map<String, Long> sourceCounts) throws SQLException {
        List<String> problems = new ArrayList<>();
        Map<Long, String> sourceHashes = new HashMap<>();
        for (Object[] row : source.query(
                "SELECT id, content_hash FROM skill_versions", r -> new Object[] {r.getLong(1), r.getString(2)})) {
            sourceHashes.put((Long) row[0], (String) row[1]);
        }
        long checked = target.read(sql -> {
            for (var entry : sourceCounts.entrySet()) {
                long actual = sql.count("SELECT COUNT(*) FROM " + entry.getKey());
                if (actual != entry.getValue()) {
                    problems.add("rows: " + entry.getKey() + " has " + actual + " rows in the target, "
                            + entry.getValue() + " in the source");
                }
            }
            List<String> hashProblems = sql.query(
                    "SELECT id, content, content_hash FROM skill_versions ORDER BY id",
                    r -> hashProblem(r.getLong(1), r.getString(2), r.getString(3), sourceHashes));
            hashProblems.stream().filter(p -> p != null).forEach(problems::add);
            return (long) hashProblems.size();
        });
        return new MigrationCheck(checked, problems);
    }

    private static String hashProblem(long id, String content, String recorded, Map<Long, String> sourceHashes) {
        String actual = sha256(content);
        if (!actual.equals(recorded)) {
            return "hash: version #" + id + " hashes to " + actual + " in the target, but " + recorded + " is recorded";
        }
        String expected = sourceHashes.get(id);
        if (!recorded.equals(expected)) {
            return "hash: version #" + id + " is " + recorded + " in the target, but "
                    + (expected == null ? "missing" : expected) + " in the source";
        }
        return null;
    }

    static String sha256(String content) {
        return Sha256.hex(content);
    }
}
