package dev.cfn.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cfn.skills.DeployRequest;
import dev.cfn.skills.Mapping;
import dev.cfn.skills.SkillRegistry;
import dev.cfn.skills.file.SkillFileParser;
import dev.cfn.store.SqliteDatabase;
import dev.cfn.testing.Cfn;
import dev.cfn.testing.Cfn.Result;
import dev.cfn.testing.SkillMd;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Several {@code cfn} processes writing one database at once: all succeed, nothing is lost. */
class ConcurrentWritersIT {
    @TempDir
    Path tmp;

    private Cfn cfn;

    @BeforeEach
    void twoDeployedSkills() {
        cfn = new Cfn(tmp.resolve("home"), tmp.resolve("scratch"));
        try (SqliteDatabase db = SqliteDatabase.open(cfn.dbFile())) {
            SkillRegistry registry = new SkillRegistry(db, Clock.systemUTC());
            for (String name : List.of("alpha", "beta")) {
                registry.propose(
                        List.of(new SkillFileParser().read(SkillMd.of(name).writeIn(tmp.resolve("v0")))), null, false);
                registry.deploy(
                        new DeployRequest(name, null, List.of("coder"), 3, false, Mapping.Conditions.NONE, false));
            }
        }
    }

    @Test
    void processes_blocked_by_another_writer_wait_for_it_and_then_both_succeed() throws Exception {
        Path alpha = SkillMd.of("alpha").version("1.0.1").writeIn(tmp.resolve("v1"));
        try (Connection holder = DriverManager.getConnection("jdbc:sqlite:" + cfn.dbFile());
                Statement s = holder.createStatement()) {
            s.execute("BEGIN IMMEDIATE"); // this test is the writer now
            var update = cfn.startWithHome("skill", "update", "alpha", alpha.toString());
            var log =
                    cfn.startWithHome("skill", "log", "--agent-id", "a-1", "--agent-type", "coder", "--skill", "beta");
            await().atMost(Duration.ofSeconds(60)).until(() -> opened(update.process()) && opened(log.process()));
            // With the database in our hands they cannot finish: they must be waiting, not failing.
            await().during(Duration.ofMillis(300))
                    .atMost(Duration.ofSeconds(2))
                    .until(() -> update.process().isAlive() && log.process().isAlive());
            s.execute("COMMIT");

            Result updated = update.await().ok();
            Result logged = log.await().ok();
            assertThat(updated.stderr()).isEmpty();
            assertThat(logged.stderr()).isEmpty();
        }
        assertThat(versions(cfn.run("--json", "skill", "load", "--agent", "coder")
                        .ok()
                        .json()))
                .containsExactly("alpha 1.0.1", "beta 1.0.0");
        assertThat(Files.readAllLines(cfn.home().resolve("logs/usage.jsonl"))).hasSize(1);
    }

    @Test
    void two_streams_of_updates_to_different_skills_lose_no_write() throws Exception {
        int updates = 4;
        List<CompletableFuture<List<Result>>> streams = new ArrayList<>();
        for (String name : List.of("alpha", "beta")) {
            List<Path> files = new ArrayList<>();
            for (int i = 1; i <= updates; i++) {
                files.add(SkillMd.of(name).version("1.0." + i).writeIn(tmp.resolve(name + "-" + i)));
            }
            streams.add(CompletableFuture.supplyAsync(() -> files.stream()
                    .map(f -> cfn.run("skill", "update", name, f.toString(), "--change", "patch"))
                    .toList()));
        }

        for (var stream : streams) {
            for (Result result : stream.get()) {
                result.ok();
                assertThat(result.stderr()).isEmpty();
            }
        }
        assertThat(versions(cfn.run("--json", "skill", "load", "--agent", "coder")
                        .ok()
                        .json()))
                .containsExactly("alpha 1.0." + updates, "beta 1.0." + updates);
        assertThat(cfn.run("--json", "skill", "history", "alpha").ok().json()).hasSize(updates + 1);
        assertThat(cfn.run("--json", "skill", "history", "beta").ok().json()).hasSize(updates + 1);
    }

    @Test
    void readers_during_a_large_import_see_all_of_it_or_none_of_it() throws Exception {
        Path tree = tmp.resolve("bulk");
        for (int i = 0; i < 1000; i++) {
            SkillMd.of("bulk-" + i).writeIn(tree);
        }
        var importing = cfn.startWithHome("skill", "import", tree.toString());
        List<Result> reads = new ArrayList<>();
        do {
            reads.add(cfn.run("--json", "skill", "list"));
            reads.add(cfn.run("--json", "skill", "load", "--agent", "coder"));
        } while (importing.process().isAlive() && reads.size() < 20);

        assertThat(importing.await().ok().stderr())
                .as("no progress bar when stderr is not a terminal")
                .isEmpty();
        for (Result read : reads) {
            JsonNode doc = read.ok().json();
            if (doc.isArray()) {
                assertThat(doc.size()).as("skills listed during the import").isIn(2, 1002);
            } else {
                assertThat(versions(doc)).containsExactly("alpha 1.0.0", "beta 1.0.0");
            }
        }
        assertThat(cfn.run("--json", "skill", "list").ok().json()).hasSize(1002);
    }

    private static List<String> versions(JsonNode load) {
        List<String> out = new ArrayList<>();
        load.get("skills")
                .forEach(s ->
                        out.add(s.get("name").asText() + " " + s.get("version").asText()));
        return out;
    }

    /** Whether the process holds the database file open (it has reached the point of writing). */
    private boolean opened(Process process) throws IOException {
        Path fds = Path.of("/proc", String.valueOf(process.pid()), "fd");
        if (!Files.isDirectory(fds)) {
            return !process.isAlive();
        }
        try (Stream<Path> links = Files.list(fds)) {
            return links.anyMatch(link -> {
                try {
                    return Files.readSymbolicLink(link).equals(cfn.dbFile());
                } catch (IOException e) {
                    return false; // the descriptor closed meanwhile
                }
            });
        } catch (IOException e) {
            return !process.isAlive();
        }
    }
}
