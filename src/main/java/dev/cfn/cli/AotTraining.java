package dev.cfn.cli;

import dev.cfn.OwnJar;
import dev.cfn.store.SqliteWarmUp;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The training runs of the JDK's AOT caches (JEP 483/514/515): {@code bin/cfn} starts the JVM once
 * per build and cache with {@code -XX:AOTCacheOutput}, {@value #PROPERTY} and {@value #MIX_PROPERTY},
 * and this runs a mix of real commands in that one JVM against a throwaway home, so that every later
 * start finds the classes they need already loaded and linked.
 *
 * <p>Every class in a cache is loaded at every start that uses it, used or not, so there are two
 * mixes. {@link Mix#HOT}: only the commands agents and scripts run all the time, on a home set up
 * by a child JVM that records nothing (set-up and reports added ~1,000 classes, ~20 ms of CPU, to
 * {@code skill show}). {@link Mix#FULL}: set-up, those commands and the reports, for every other
 * command. Help, completion and errors are in neither: they are rare and would weigh on both.
 */
final class AotTraining {
    /** System property naming the throwaway folder to train in; it must exist and be empty. */
    static final String PROPERTY = "cfn.aot.training";
    /** Optional system property naming a folder of SKILL.md files to import (the examples). */
    static final String SKILLS_PROPERTY = "cfn.aot.skills";
    /** System property naming the mix to train: {@code hot} or {@code full} (the default). */
    static final String MIX_PROPERTY = "cfn.aot.mix";
    /** System property of the set-up child: the home to set up (with {@value #SKILLS_PROPERTY}). */
    static final String SET_UP_PROPERTY = "cfn.aot.set-up";

    private static final String AGENT = "backend-developer";

    /** What a cache is trained on. */
    enum Mix {
        /** skill list, show, load and log, on a home set up by a child JVM. */
        HOT,
        /** Set-up, the hot commands and the reports, all recorded. */
        FULL;

        /** The mix a {@value #MIX_PROPERTY} value names; anything but "hot" is the full mix. */
        static Mix named(String name) {
            return "hot".equals(name) ? HOT : FULL;
        }
    }

    private AotTraining() {}

    /**
     * Sets up a home in {@code work} and runs {@code mix} on it; returns 0 when every command
     * succeeded, else names the failed commands on stderr. The commands' own output is discarded.
     * For the hot mix the set-up runs in a child JVM when cfn was started from a jar, else (tests)
     * in this one.
     */
    static int run(Path work, Path skills, Map<String, String> env, Mix mix) {
        Map<String, String> cleanEnv = withoutCfnSettings(env);
        Path home = work.resolve("home");
        Path source = skills != null && Files.isDirectory(skills) ? skills : writeSampleSkill(work);
        List<String> names = skillNames(source);
        Optional<Path> jar = OwnJar.find();
        int failures = mix == Mix.HOT && jar.isPresent()
                ? setUpInChild(jar.get(), home, source, cleanEnv)
                : runQuietly(setUp(home, source, names), cleanEnv);
        if (failures > 0) {
            return 1; // the other commands need the home
        }
        // What Main does before a command, so its classes are in the cache too (a class missing
        // from it is looked up in the jars, and that opens the 3,900-entry core jar).
        if (Main.mayOpenADatabase(new String[] {"skill", "list"})) {
            SqliteWarmUp.start();
        }
        Main.onlyDaemonThreadsLeft();
        List<List<String>> commands = new ArrayList<>(hotPaths(home, names));
        if (mix == Mix.FULL) {
            commands.addAll(reports(home));
        }
        return runQuietly(commands, cleanEnv) == 0 ? 0 : 1;
    }

    /** The set-up child's work ({@value #SET_UP_PROPERTY}): returns 0 when every step succeeded. */
    static int setUpHere(Path home, Path skills, Map<String, String> env) {
        return runQuietly(setUp(home, skills, skillNames(skills)), withoutCfnSettings(env)) == 0 ? 0 : 1;
    }

    /** {@code env} without the user's CFN_* settings, which must not steer a throwaway home. */
    private static Map<String, String> withoutCfnSettings(Map<String, String> env) {
        Map<String, String> clean = new HashMap<>(env);
        clean.keySet().removeIf(k -> k.startsWith("CFN_"));
        return clean;
    }

    private static int setUpInChild(Path jar, Path home, Path skills, Map<String, String> env) {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder child = new ProcessBuilder(
                        java.toString(),
                        "--enable-native-access=ALL-UNNAMED",
                        "-XX:TieredStopAtLevel=1",
                        "-D" + SET_UP_PROPERTY + "=" + home,
                        "-D" + SKILLS_PROPERTY + "=" + skills,
                        "-jar",
                        jar.toString())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        child.environment().clear();
        child.environment().putAll(env);
        try {
            int exit = child.start().waitFor();
            if (exit != 0) {
                System.err.println("cfn: AOT training: setting up the home in a child JVM exited " + exit);
            }
            return exit == 0 ? 0 : 1;
        } catch (IOException e) {
            System.err.println("cfn: AOT training: cannot start the set-up JVM: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    /** Runs {@code commands} with their output discarded; returns how many failed (named on stderr). */
    private static int runQuietly(List<List<String>> commands, Map<String, String> env) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        PrintStream sink = new PrintStream(OutputStream.nullOutputStream());
        System.setOut(sink);
        System.setErr(sink);
        try {
            int failures = 0;
            for (List<String> command : commands) {
                int exit = CfnCommand.run(command.toArray(String[]::new), env);
                if (exit != 0) {
                    err.println("cfn: AOT training: 'cfn " + String.join(" ", command) + "' exited " + exit);
                    failures++;
                }
            }
            return failures;
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    /** A home with the skills imported and deployed for two agent types. */
    static List<List<String>> setUp(Path home, Path skills, List<String> names) {
        String h = home.toString();
        List<List<String>> commands = new ArrayList<>();
        commands.add(List.of("--home", h, "init"));
        commands.add(List.of("--home", h, "skill", "import", skills.toString(), "--approver", "aot@cfn.dev"));
        for (int i = 0; i < names.size(); i++) {
            commands.add(List.of(
                    "--home",
                    h,
                    "skill",
                    "deploy",
                    names.get(i),
                    "--agents",
                    AGENT + ",tester",
                    "--priority",
                    Integer.toString(1 + i % 10)));
        }
        return commands;
    }

    /** The reports of the full mix. */
    static List<List<String>> reports(Path home) {
        String h = home.toString();
        return List.of(
                List.of("--home", h, "analytics", "effectiveness", "--json"),
                List.of("--home", h, "db", "stats", "--json"));
    }

    /** The commands agents and scripts run often: reading skills and logging their use. */
    static List<List<String>> hotPaths(Path home, List<String> names) {
        String h = home.toString();
        String first = names.get(0);
        List<List<String>> commands = new ArrayList<>();
        commands.add(List.of("--home", h, "skill", "list"));
        commands.add(List.of("--home", h, "skill", "list", "--json"));
        commands.add(List.of("--home", h, "skill", "show", first));
        commands.add(List.of("--home", h, "skill", "show", first, "--json"));
        commands.add(List.of("--home", h, "skill", "load", "--agent", AGENT));
        commands.add(List.of("--home", h, "skill", "load", "--agent", AGENT, "--json"));
        commands.add(List.of(
                "--home",
                h,
                "skill",
                "log",
                "--agent-id",
                "aot-1",
                "--agent-type",
                AGENT,
                "--skill",
                first,
                "--exit-code",
                "0"));
        return commands;
    }

    private static List<String> skillNames(Path skills) {
        try (Stream<Path> files = Files.walk(skills, 3)) {
            List<String> names = files.filter(p -> p.getFileName().toString().equals("SKILL.md"))
                    .map(p -> p.getParent().getFileName().toString())
                    .sorted()
                    .toList();
            if (names.isEmpty()) {
                throw new IllegalStateException("no SKILL.md under " + skills);
            }
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path writeSampleSkill(Path work) {
        Path dir = work.resolve("skills").resolve("aot-training");
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("SKILL.md"), """
                    ---
                    name: aot-training
                    description: A skill that exists only to train the start-up cache.
                    version: 1.0.0
                    category: testing
                    tags: [training]
                    ---

                    # Training
                    Nothing to see here.
                    """);
            return dir.getParent();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
