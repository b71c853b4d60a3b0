package dev.cfn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cfn.testing.Cfn;
import dev.cfn.testing.Fixtures;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's first set-up command, {@code examples/quickstart.sh}, works on a fresh home. */
class QuickstartIT {
    @TempDir
    Path tmp;

    @Test
    void the_quickstart_imports_deploys_and_loads_the_example_skills() throws Exception {
        Path home = tmp.resolve("home");
        Path script = Fixtures.projectDir().resolve("examples/quickstart.sh");
        Path out = tmp.resolve("quickstart.out");
        Path err = tmp.resolve("quickstart.err");
        ProcessBuilder builder = new ProcessBuilder("bash", script.toString(), home.toString())
                .directory(tmp.toFile())
                .redirectOutput(out.toFile())
                .redirectError(err.toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("CFN_"));
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process process = builder.start();
        assertThat(process.waitFor(300, TimeUnit.SECONDS))
                .as("quickstart finished")
                .isTrue();

        assertThat(process.exitValue())
                .as("exit; stderr:\n%s", Files.readString(err))
                .isZero();
        List<String> stdout = Files.readAllLines(out, StandardCharsets.UTF_8);
        List<String> loaded = stdout.stream()
                .filter(line -> line.matches("[a-z0-9-]+ \\d+\\.\\d+\\.\\d+  priority .*"))
                .toList();
        assertThat(loaded)
                .extracting(line -> line.split(" ")[0])
                .containsExactly("cfn-coordination", "error-handling", "tdd-workflow", "api-design");
        assertThat(loaded.get(0)).contains("priority 1", "required");
        assertThat(stdout)
                .as("the quickstart's CFN loop on the example agents proceeds")
                .anyMatch(line -> line.matches("run run-\\S+: success after 2 iteration\\(s\\), \\d+ ms"))
                .anyMatch(line -> line.startsWith("decision: PROCEED"));

        Cfn cfn = new Cfn(home, tmp.resolve("scratch"));
        JsonNode again = cfn.run(
                        "--json",
                        "skill",
                        "import",
                        Fixtures.projectDir().resolve("examples/skills").toString())
                .ok()
                .json();
        assertThat(again.get("unchanged").asInt())
                .isEqualTo(again.get("files").asInt())
                .isPositive();
        assertThat(cfn.run("--json", "db", "check").ok().json().get("ok").asBoolean())
                .isTrue();
    }
}
