package dev.cfn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One-shot commands load no Micrometer class (start-up is a tracked target): the instrumented code
 * reaches metrics through the no-op probe only. Checked with the JVM's class-load log of the real jar.
 */
class OneShotMetricsFreeIT {
    @TempDir
    Path tmp;

    @Test
    void skill_list_and_a_skill_load_load_no_micrometer_class() throws Exception {
        String home = tmp.resolve("home").toString();
        assertThat(run(tmp.resolve("init.log"), "--home", home, "init")).isZero();
        for (List<String> args : List.of(
                List.of("--home", home, "skill", "list"),
                List.of("--home", home, "skill", "load", "--agent", "coder"))) {
            Path log = tmp.resolve("classes-" + args.get(3) + ".log");
            assertThat(run(log, args.toArray(String[]::new)))
                    .as("exit of %s", args)
                    .isZero();
            List<String> loaded = Files.readAllLines(log);
            assertThat(loaded).as("the class-load log").anyMatch(l -> l.contains("dev.cfn.cli.Main"));
            assertThat(loaded).as("classes loaded by cfn %s", args).noneMatch(l -> l.contains("io.micrometer"));
            assertThat(loaded).noneMatch(l -> l.contains("dev.cfn.metrics.MicrometerProbe"));
        }
    }

    private static int run(Path classLog, String... args) throws Exception {
        String jar = System.getProperty("cfn.jar", "target/cfn.jar");
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED",
                "-Xlog:class+load=info:file=" + classLog,
                "-jar",
                jar));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().keySet().removeIf(k -> k.startsWith("CFN_"));
        Process p = builder.start();
        if (!p.waitFor(2, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("cfn " + String.join(" ", args) + " did not finish within 2 minutes");
        }
        return p.exitValue();
    }
}
