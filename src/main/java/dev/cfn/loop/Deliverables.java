package dev.cfn.loop;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The deliverable check that stops "consensus on vapor": every expected file must exist and differ
 * from what it was when the run started (a SHA-256 snapshot taken then and stored with the run, so
 * a resumed run checks against the same baseline). Works in any folder, git or not.
 */
public final class Deliverables {
    static final String ABSENT = "absent";

    private Deliverables() {}

    /** Each expected file's SHA-256 now, or {@value #ABSENT}. */
    public static Map<String, String> snapshot(Path workdir, List<String> files) {
        Map<String, String> hashes = new LinkedHashMap<>();
        for (String f : files) {
            hashes.put(f, hash(workdir.resolve(f)));
        }
        return hashes;
    }

    /** The problems found; empty when every expected file exists and changed. */
    public static List<String> check(Path workdir, Map<String, String> baseline) {
        List<String> problems = new ArrayList<>();
        baseline.forEach((file, before) -> {
            String now = hash(workdir.resolve(file));
            if (now.equals(ABSENT)) {
                problems.add("expected file " + file + " does not exist");
            } else if (now.equals(before)) {
                problems.add("expected file " + file + " did not change since the run started");
            }
        });
        return problems;
    }

    private static String hash(Path file) {
        if (!Files.isRegularFile(file)) {
            return ABSENT;
        }
        try {
            return dev.cfn.store.Sha256.hex(Files.readAllBytes(file));
        } catch (IOException e) {
            return ABSENT;
        }
    }
}
