package dev.cfn.agents.process;

import static dev.cfn.agents.AgentFixtures.command;
import static dev.cfn.agents.AgentFixtures.invocation;
import static dev.cfn.agents.AgentFixtures.script;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cfn.InvalidInputException;
import dev.cfn.agents.AgentResult;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An agent flooding stdout and stderr: the logs kept under the home stay within the cap, the answer is read. */
class AgentOutputCapIT {
    private static final String FLOOD = """
            #!/bin/sh
            head -c 20000000 /dev/zero | tr '\\0' x
            echo
            head -c 3000000 /dev/zero | tr '\\0' e >&2
            echo 'the last words' >&2
            echo '{"confidence": 0.7, "summary": "flooded"}'
            """;

    @TempDir
    Path dir;

    private static ProcessAgentRuntime runtime(Map<String, String> extra) {
        Map<String, String> env = new java.util.HashMap<>(extra);
        env.put("PATH", System.getenv("PATH"));
        return new ProcessAgentRuntime(
                new ProcessRunner(ProcessReaper.global(), ResourceLimits.detect(), Duration.ofMillis(500), env));
    }

    @Test
    void a_flooding_agent_leaves_logs_within_the_cap_and_its_answer_is_still_read() throws Exception {
        Path agent = script(dir, "flood.sh", FLOOD);

        AgentResult r = runtime(Map.of("CFN_LOG_CAP", "64k"))
                .run(invocation(command("flood", List.of(agent.toString())), dir, Duration.ofSeconds(60)));

        assertThat(r.confidence()).isEqualTo(0.7);
        assertThat(r.summary()).isEqualTo("flooded");
        Path out = dir.resolve("logs/task-1/flood-1-1.out");
        Path log = dir.resolve("logs/task-1/flood-1-1.log");
        long stdoutBytes = 20_000_000L + 1 + "{\"confidence\": 0.7, \"summary\": \"flooded\"}\n".length();
        String marker = "\n[cfn: " + (stdoutBytes - 2 * 65536) + " bytes of output dropped here: the first and the last"
                + " 65536 bytes are kept]\n";
        assertThat(Files.size(out)).isEqualTo(2 * 65536 + marker.length());
        assertThat(head(out, 65536 + marker.length())).isEqualTo("x".repeat(65536) + marker);
        assertThat(Files.size(log)).isLessThanOrEqualTo(2 * 65536 + 200);
        assertThat(Files.readString(log).endsWith("eeethe last words\n"))
                .as("the log ends with the last bytes")
                .isTrue();
        try (Stream<Path> files = Files.list(out.getParent())) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".ring"));
        }
    }

    @Test
    void the_default_cap_keeps_8_mib_at_each_end() throws Exception {
        Path agent = script(dir, "flood.sh", FLOOD);

        AgentResult r = runtime(Map.of())
                .run(invocation(command("flood", List.of(agent.toString())), dir, Duration.ofSeconds(60)));

        assertThat(r.confidence()).isEqualTo(0.7);
        assertThat(Files.size(dir.resolve("logs/task-1/flood-1-1.out")))
                .isBetween(16L * 1024 * 1024, 16L * 1024 * 1024 + 200);
        assertThat(Files.size(dir.resolve("logs/task-1/flood-1-1.log"))).isEqualTo(3_000_000L + 15);
    }

    @Test
    void a_cap_that_is_not_a_size_is_refused_naming_it() {
        assertThatThrownBy(() -> runtime(Map.of("CFN_LOG_CAP", "lots")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("CFN_LOG_CAP must be a size such as 8m, 512k or 65536 (bytes), but was 'lots'");
    }

    private static String head(Path file, int n) throws Exception {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
            byte[] b = new byte[n];
            f.readFully(b);
            return new String(b, StandardCharsets.UTF_8);
        }
    }
}
