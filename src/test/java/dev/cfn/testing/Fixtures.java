package dev.cfn.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** The shared real-world fixtures beside the project ({@code ../shared/fixtures}), never copied in. */
public final class Fixtures {
    private Fixtures() {}

    /** The project folder: {@code cfn.basedir} under Failsafe, the working folder under Surefire. */
    public static Path projectDir() {
        String basedir = System.getProperty("cfn.basedir");
        return (basedir != null ? Path.of(basedir) : Path.of(""))
                .toAbsolutePath()
                .normalize();
    }

    /** The 12 Agent Skills from Anthropic's public repository; skips the test when absent. */
    public static Path anthropicSkills() {
        Path dir = projectDir().resolve("../shared/fixtures/skills/anthropic").normalize();
        assumeTrue(
                Files.isDirectory(dir),
                "skipped: the shared fixtures folder " + dir + " is absent (it holds the 12 Anthropic skills)");
        return dir;
    }
}
