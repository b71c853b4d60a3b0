package dev.cfn.cli.bench;

import dev.cfn.CfnException;
import dev.cfn.bench.JitMode;
import dev.cfn.cli.Main;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The JVM a benchmark runs in. bin/cfn starts one-shot commands with the C1 compiler only (quick
 * start-up), which measured the hot paths 1.5-2x slower than the full tiered JIT a long-running
 * cfn process uses; so {@code cfn bench}, started that way, runs itself once more in a child JVM
 * with the default JIT and waits for it (output goes straight to this process's streams).
 */
final class BenchJvm {
    static final String CHILD = "CFN_BENCH_CHILD";

    private BenchJvm() {}

    /** Whether to re-run in a child JVM: C1 only here, and not already the child. */
    static boolean shouldFork() {
        return JitMode.c1Only() && System.getenv(CHILD) == null;
    }

    /**
     * Runs {@code cfn ARGS} in a child JVM with the default JIT and waits for it.
     *
     * @throws CfnException if the child fails (it has printed why)
     */
    static void runChild(List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current()
                .info()
                .command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.add("--enable-native-access=ALL-UNNAMED");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Main.class.getName());
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
        builder.environment().put(CHILD, "1");
        try {
            int exit = builder.start().waitFor();
            if (exit != 0) {
                throw new CfnException("the benchmark JVM failed with exit code " + exit);
            }
        } catch (java.io.IOException e) {
            throw new CfnException("cannot start a JVM for the benchmark: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CfnException("interrupted while the benchmark ran", e);
        }
    }
}
