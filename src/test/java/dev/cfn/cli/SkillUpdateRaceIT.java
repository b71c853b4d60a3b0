package dev.cfn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cfn.store.PgSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real {@code cfn skill update} processes racing on one skill in PostgreSQL: the test holds the
 * skill's row lock until all of them are blocked on it, then lets them go at once. Each exits 0 or 4
 * (conflict); after every round the latest and deployed versions are the highest that exists, and
 * every version reported as updated exists.
 */
class SkillUpdateRaceIT {
    private static final int ROUNDS = 3;
    private static final int WRITERS = 3;

    @TempDir
    Path dir;

    private PgSchema schema;

    @BeforeEach
    void createSchema() {
        schema = PgSchema.create("cfn_race_it");
    }

    @AfterEach
    void dropSchema() throws Exception {
        schema.close();
    }

    @Test
    void concurrent_update_processes_either_win_or_exit_4_and_never_lose_a_version() throws Exception {
        cfn("skill", "propose", write("1.0.0", "first").toString()).requireExit(0);
        cfn("skill", "deploy", "race", "--agents", "coder").requireExit(0);
        List<String> reported = new ArrayList<>();
        for (int round = 1; round <= ROUNDS; round++) {
            List<CfnProcess> writers = new ArrayList<>();
            try (Gate gate = Gate.closeOn(schema)) { // every writer blocks on the skill row until it opens
                for (int w = 1; w <= WRITERS; w++) {
                    String version = round + "." + w + ".0";
                    writers.add(CfnProcess.start(
                            dir.resolve("logs"),
                            args(
                                    "skill",
                                    "update",
                                    "race",
                                    write(version, "round " + round + " writer " + w)
                                            .toString())));
                }
                gate.awaitBlocked(writers);
            }
            for (CfnProcess writer : writers) {
                var result = writer.await();
                assertThat(result.exit()).as(result.err()).isIn(0, 4);
                if (result.exit() == 0) {
                    reported.add(result.out().replaceAll("(?s).* to (\\S+) .*", "$1"));
                } else {
                    assertThat(result.err()).startsWith("cfn: ").contains("must be greater than the latest");
                }
            }
            long highest = schema.count("SELECT MAX(" + ORDINAL + ") FROM skill_versions v");
            assertThat(pointed("latest_version_id"))
                    .as("latest after round " + round)
                    .isEqualTo(highest);
            assertThat(pointed("deployed_version_id"))
                    .as("deployed after round " + round)
                    .isEqualTo(highest);
        }
        assertThat(reported).isNotEmpty();
        for (String v : reported) {
            assertThat(schema.count("SELECT COUNT(*) FROM skill_versions WHERE version = '" + v + "'"))
                    .as("version %s reported as updated", v)
                    .isEqualTo(1);
        }
        assertThat(schema.count("SELECT COUNT(*) FROM skill_versions")).isEqualTo(1 + reported.size());
    }

    /** A version as one comparable number: 1.2.3 -> 1002003. */
    private static final String ORDINAL = "v.major * 1000000 + v.minor * 1000 + v.patch";

    private long pointed(String column) throws Exception {
        return schema.count("SELECT " + ORDINAL + " FROM skills s JOIN skill_versions v ON v.id = s." + column);
    }

    private Path write(String version, String body) throws Exception {
        Path file = dir.resolve("files").resolve(version).resolve("race").resolve("SKILL.md");
        Files.createDirectories(file.getParent());
        Files.writeString(
                file,
                "---\nname: race\ndescription: Raced skill.\nversion: " + version + "\ncategory: testing\n---\n\n"
                        + body + "\n");
        return file;
    }

    private String[] args(String... args) {
        List<String> all = new ArrayList<>(List.of(
                "--home", dir.resolve("home").toString(), "--db", schema.url().url()));
        all.addAll(List.of(args));
        return all.toArray(String[]::new);
    }

    private Checked cfn(String... args) throws Exception {
        return new Checked(CfnProcess.run(dir.resolve("logs"), args(args)));
    }

    private record Checked(CfnProcess.Result result) {
        void requireExit(int code) {
            assertThat(result.exit()).as(result.err()).isEqualTo(code);
        }
    }
}
