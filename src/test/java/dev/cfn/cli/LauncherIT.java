package dev.cfn.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/cfn in a fresh copy holding nothing but the launcher and the built jar: the AOT cache (and the
 * copy of the jar it belongs to) is made once per build, also when two first runs race, used
 * afterwards and remade when the jar changes; the sqlite native library is extracted once and reused.
 */
class LauncherIT {
    private static final String NATIVE_DEBUG = "-Dorg.slf4j.simpleLogger.log.dev.cfn.store.SqliteNativeLibrary=debug";

    @TempDir
    Path dir;

    private Path root;
    private Path jar;
    private Path xdg;

    @BeforeEach
    void copyLauncherAndJar() throws IOException {
        Path basedir = Path.of(System.getProperty("cfn.basedir"));
        root = dir.resolve("cfn");
        Files.createDirectories(root.resolve("bin/lib"));
        Files.createDirectories(root.resolve("target"));
        Files.copy(basedir.resolve("bin/cfn"), root.resolve("bin/cfn"));
        Files.setPosixFilePermissions(root.resolve("bin/cfn"), PosixFilePermissions.fromString("rwxr-xr-x"));
        try (Stream<Path> libs = Files.list(basedir.resolve("bin/lib"))) {
            for (Path lib : libs.toList()) {
                Files.copy(lib, root.resolve("bin/lib").resolve(lib.getFileName()));
            }
        }
        jar = root.resolve("target/cfn.jar");
        Files.copy(Path.of(System.getProperty("cfn.jar")), jar, StandardCopyOption.COPY_ATTRIBUTES);
        xdg = dir.resolve("xdg");
    }

    @Test
    void caches_are_made_once_reused_and_the_aot_cache_is_remade_for_a_new_jar() throws Exception {
        assumeThat(Runtime.version().feature())
                .as("the AOT cache needs JDK 25+")
                .isGreaterThanOrEqualTo(25);

        // Two first runs at once: one trains the cache, the other runs without it; both succeed.
        Launch first = start(Map.of(), "--home", dir.resolve("h1").toString(), "init");
        Launch second = start(Map.of(), "--home", dir.resolve("h2").toString(), "init");
        assertThat(finish(first).exit()).isZero();
        assertThat(finish(second).exit()).isZero();
        Path cache = onlyAotCache();
        assertThat(cache.getFileName().toString()).matches("cfn-\\d+-\\d+-\\d+\\.aot");
        assertThat(Files.readString(jar.resolveSibling("cfn-aot.log")))
                .as("the training (a set-up child JVM, then the hot commands) names no failed step")
                .doesNotContain("AOT training:");
        assertThat(targetFiles())
                .as("the cache, the copy of the jar it belongs to, no temporary files")
                .containsExactlyInAnyOrder(
                        "cfn.jar",
                        "cfn.aot.key",
                        cache.getFileName().toString(),
                        cache.getFileName() + ".jar",
                        cache.getFileName() + ".core.jar",
                        cache.getFileName() + ".rest.jar");
        Path library = onlyNativeLibrary();
        FileTime extractedAt = Files.getLastModifiedTime(library);
        Object inode = Files.getAttribute(library, "unix:ino");

        Result list = run(
                Map.of("CFN_JAVA_OPTS", NATIVE_DEBUG),
                "--home",
                dir.resolve("h1").toString(),
                "skill",
                "list");
        assertThat(list.exit()).as(list.err()).isZero();
        assertThat(list.err()).contains("sqlite native library reused from " + library);
        assertThat(Files.getLastModifiedTime(library)).isEqualTo(extractedAt);
        assertThat(Files.getAttribute(library, "unix:ino")).isEqualTo(inode);

        // A hot command (skill list/show/load/log) made and uses the lean cache of the same build.
        Path hot = cache.resolveSibling(cache.getFileName().toString().replace(".aot", ".hot.aot"));
        assertThat(hot).isRegularFile();
        Result hotLine = run(
                Map.of("CFN_LAUNCHER_DEBUG", "1"), "--home", dir.resolve("h1").toString(), "skill", "show", "x");
        assertThat(hotLine.err()).contains("-XX:AOTCache=" + hot + " ");
        assertThat(javaLine(run(Map.of("CFN_LAUNCHER_DEBUG", "1"), "--version")))
                .contains("-XX:AOTCache=" + cache + " ");

        // With the cache, a one-shot command reads only the small first jar: its classes come from the
        // cache, so neither the core jar nor the 34,000-entry rest jar is opened.
        Result show = run(
                Map.of("CFN_JAVA_OPTS", "-Dsun.misc.URLClassPath.debug=true"),
                "--home",
                dir.resolve("h1").toString(),
                "skill",
                "list");
        assertThat(show.exit()).as(show.err()).isZero();
        assertThat(show.err().lines().filter(l -> l.startsWith("Opening ")))
                .as(show.err())
                .containsExactly("Opening "
                        + cache.resolveSibling(cache.getFileName() + ".jar")
                                .toUri()
                                .toURL());

        // A command that starts cfn again in a child JVM (here serve bench's server) must hand it the
        // launched jar, whose manifest chains the split jars, not the jar holding its own classes.
        Result bench = run(Map.of(), "serve", "bench", "--rate", "50", "--seconds", "1", "--warmup", "0");
        assertThat(bench.exit()).as(bench.err()).isZero();
        assertThat(bench.out()).contains("achieved_rate_per_s").containsPattern("(?m)^errors: +0$");

        Result version = run(Map.of(), "--version");
        assertThat(version.out())
                .contains("JDK " + Runtime.version().feature())
                .contains("AOT cache: in use (" + cache + ")")
                .contains("SQLite native library: cached, in use (" + library + ")");

        // A rebuilt jar (here: a new modification time) gets a new cache; the old one is removed.
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().plusSeconds(5)));
        Result afterRebuild = run(Map.of(), "--version");
        Path newCache = onlyAotCache();
        assertThat(newCache).isNotEqualTo(cache);
        assertThat(afterRebuild.out()).contains("AOT cache: in use (" + newCache + ")");
        assertThat(targetFiles())
                .containsExactlyInAnyOrder(
                        "cfn.jar",
                        "cfn.aot.key",
                        newCache.getFileName().toString(),
                        newCache.getFileName() + ".jar",
                        newCache.getFileName() + ".core.jar",
                        newCache.getFileName() + ".rest.jar");
    }

    @Test
    void one_shot_commands_get_c1_and_the_serial_gc_long_running_ones_full_tiers_and_the_parallel_gc()
            throws Exception {
        List<List<String>> oneShot = List.of(
                List.of("--version"),
                List.of("skill", "show", "--help"),
                List.of("--home", "h", "--json", "skill", "load", "--help"),
                List.of("loop", "show", "--help"),
                List.of("db", "stats", "--help"));
        List<List<String>> longRunning = List.of(
                List.of("serve", "--help"),
                List.of("bench", "--help"),
                List.of("--home", "h", "loop", "run", "--help"),
                List.of("--db=jdbc:sqlite:x.db", "coord", "bench", "--help"),
                List.of("db", "bench-update", "--help"));
        for (List<String> args : oneShot) {
            String java = javaCommandLine(args);
            assertThat(java)
                    .as("cfn %s", args)
                    .contains("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC")
                    .doesNotContain("-XX:+UseParallelGC");
        }
        for (List<String> args : longRunning) {
            String java = javaCommandLine(args);
            assertThat(java)
                    .as("cfn %s", args)
                    .contains("-XX:+UseParallelGC")
                    .doesNotContain("-XX:TieredStopAtLevel", "-XX:+UseSerialGC", "CompileThresholdScaling");
        }
    }

    /** The java command line bin/cfn runs for {@code args}, as CFN_LAUNCHER_DEBUG=1 prints it. */
    private String javaCommandLine(List<String> args) throws Exception {
        Result result = run(Map.of("CFN_LAUNCHER_DEBUG", "1", "CFN_AOT", "off"), args.toArray(String[]::new));
        assertThat(result.exit()).as(result.err()).isZero();
        List<String> lines = result.err()
                .lines()
                .filter(l -> l.startsWith("cfn: launcher ("))
                .toList();
        assertThat(lines).as(result.err()).hasSize(1);
        assertThat(lines.get(0)).endsWith(" " + String.join(" ", args));
        return lines.get(0);
    }

    @Test
    void cfn_aot_off_runs_without_training() throws Exception {
        Result version = run(Map.of("CFN_AOT", "off"), "--version");

        assertThat(version.exit()).isZero();
        assertThat(version.out()).contains("AOT cache: not in use: turned off by CFN_AOT=off");
        assertThat(targetFiles()).containsExactly("cfn.jar");
    }

    private static String javaLine(Result result) {
        return result.err()
                .lines()
                .filter(l -> l.startsWith("cfn: launcher ("))
                .findFirst()
                .orElse("");
    }

    /** The full cache (the hot one, .hot.aot, is made only by a hot command). */
    private Path onlyAotCache() throws IOException {
        List<String> caches = targetFiles().stream()
                .filter(n -> n.endsWith(".aot") && !n.endsWith(".hot.aot"))
                .toList();
        assertThat(caches).as("AOT caches in target/; see target/cfn-aot.log").hasSize(1);
        return root.resolve("target").resolve(caches.get(0));
    }

    private Path onlyNativeLibrary() throws IOException {
        try (Stream<Path> files = Files.walk(xdg)) {
            List<Path> libraries = files.filter(p -> p.getFileName().toString().equals("libsqlitejdbc.so"))
                    .toList();
            assertThat(libraries).hasSize(1);
            assertThat(libraries.get(0).toString()).contains("/cfn/sqlite-");
            return libraries.get(0);
        }
    }

    private List<String> targetFiles() throws IOException {
        try (Stream<Path> files = Files.list(root.resolve("target"))) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> !n.endsWith(".lock") && !n.endsWith(".log"))
                    .sorted()
                    .toList();
        }
    }

    private Result run(Map<String, String> extraEnv, String... args) throws Exception {
        return finish(start(extraEnv, args));
    }

    private Launch start(Map<String, String> extraEnv, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(root.resolve("bin/cfn").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(k -> k.startsWith("CFN_") || k.startsWith("JAVA_TOOL"));
        env.putAll(Map.of(
                "HOME", dir.resolve("user").toString(),
                "XDG_CACHE_HOME", xdg.toString(),
                "JAVA_HOME", System.getProperty("java.home")));
        env.putAll(extraEnv);
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        builder.redirectOutput(out.toFile()).redirectError(err.toFile());
        return new Launch(builder.start(), out, err);
    }

    private static Result finish(Launch launch) throws Exception {
        assertThat(launch.process().waitFor(3, TimeUnit.MINUTES))
                .as("cfn finished")
                .isTrue();
        return new Result(
                launch.process().exitValue(),
                Files.readString(launch.out(), StandardCharsets.UTF_8),
                Files.readString(launch.err(), StandardCharsets.UTF_8));
    }

    private record Launch(Process process, Path out, Path err) {}

    private record Result(int exit, String out, String err) {}
}
