package dev.cfn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One-shot commands stay lean: the real CLI, run with {@code -Xlog:class+load} (plain {@code java
 * -jar}, no AOT cache, so the log lists what the command itself loads), loads no class of the
 * metrics registry, the HTTP server, the Redis client or the Anthropic SDK, no annotation proxy
 * (the picocli model comes from the build's command models), and no Jackson on the text path of
 * {@code skill show}.
 */
class OneShotClassesIT {
    private static final List<String> HEAVY = List.of(
            "io.micrometer.",
            "dev.cfn.metrics.MicrometerProbe",
            "io.javalin.",
            "org.eclipse.jetty.",
            "io.lettuce.",
            "com.anthropic.",
            "io.modelcontextprotocol.",
            "reactor.");

    @TempDir
    Path dir;

    @Test
    void skill_list_show_and_load_load_no_server_redis_metrics_or_sdk_classes() throws Exception {
        Path home = dir.resolve("home");
        Path skill = dir.resolve("skills/lean-skill");
        Files.createDirectories(skill);
        Files.writeString(skill.resolve("SKILL.md"), """
                ---
                name: lean-skill
                description: A skill for the class-loading test.
                version: 1.0.0
                category: testing
                ---

                # Lean
                Body.
                """);
        assertThat(CfnProcess.run(dir, "--home", home.toString(), "init").exit())
                .isZero();
        var imported = CfnProcess.run(
                dir,
                "--home",
                home.toString(),
                "skill",
                "import",
                skill.getParent().toString(),
                "--approver",
                "t@x.io");
        assertThat(imported.exit()).as(imported.err()).isZero();
        var deployed = CfnProcess.run(
                dir,
                "--home",
                home.toString(),
                "skill",
                "deploy",
                "lean-skill",
                "--agents",
                "tester",
                "--priority",
                "1");
        assertThat(deployed.exit()).as(deployed.err()).isZero();

        Map<String, List<String>> commands = Map.of(
                "list", List.of("skill", "list"),
                "show", List.of("skill", "show", "lean-skill"),
                "load", List.of("skill", "load", "--agent", "tester", "--json"));
        for (var command : commands.entrySet()) {
            Path log = dir.resolve(command.getKey() + "-classes.log");
            String[] args = java.util.stream.Stream.concat(
                            java.util.stream.Stream.of("--home", home.toString()), command.getValue().stream())
                    .toArray(String[]::new);
            var result = CfnProcess.start(dir, Map.of("JAVA_TOOL_OPTIONS", "-Xlog:class+load:file=" + log), args)
                    .await();
            assertThat(result.exit()).as(result.err()).isZero();
            List<String> loaded = Files.readAllLines(log);
            assertThat(loaded).as("the log names the command's own classes").anyMatch(l -> l.contains(" dev.cfn.cli."));
            for (String prefix : HEAVY) {
                assertThat(loaded)
                        .as("cfn %s loads no %s class", String.join(" ", command.getValue()), prefix)
                        .noneMatch(l -> l.contains("] " + prefix));
            }
            assertThat(loaded)
                    .as(
                            "cfn %s reads the build's command models, not annotations (each annotation type"
                                    + " read costs a dynamic proxy class generated at start-up)",
                            String.join(" ", command.getValue()))
                    .noneMatch(l -> l.contains("source: __dynamic_proxy__"))
                    .noneMatch(l -> l.contains("] com.fasterxml.jackson.core.JsonFactory ")
                            && command.getKey().equals("show"));
            if (command.getKey().equals("show")) {
                assertThat(loaded)
                        .as("skill show prints text: no Jackson databind")
                        .noneMatch(l -> l.contains("] com.fasterxml.jackson.databind."));
            }
        }
    }
}
