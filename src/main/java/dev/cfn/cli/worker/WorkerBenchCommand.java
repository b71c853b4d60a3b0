package dev.cfn.cli.worker;

import dev.cfn.InvalidInputException;
import dev.cfn.cli.CfnSubcommand;
import dev.cfn.cli.CommaList;
import dev.cfn.coord.RedisStreamWorkQueue;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "bench",
        description = {
            "Agent tasks per second through the Redis Streams queue with 1, 2 and 4 real 'cfn worker'"
                    + " processes, in one run.",
            "",
            "The agents are instant (/bin/echo). Per worker count: a warm-up, then --tasks tasks"
                    + " enqueued at once and every result awaited; prints tasks/s and the ratio to one worker."
                    + " Each count uses a queue of its own, removed afterwards. Needs --redis."
        },
        footer = {"", "Example: cfn worker bench --redis redis://127.0.0.1:6379 --tasks 200 --workers 1,2,4"})
public final class WorkerBenchCommand extends CfnSubcommand {
    @Option(names = "--tasks", defaultValue = "200", paramLabel = "K", description = "Timed tasks per worker count.")
    int tasks;

    @Option(names = "--workers", defaultValue = "1,2,4", paramLabel = "n,m", description = "Worker counts to measure.")
    String workers;

    @Option(names = "--concurrency", defaultValue = "4", paramLabel = "N", description = "Agents at once per worker.")
    int concurrency;

    @Override
    protected void execute() throws IOException {
        String url = ctx().settings()
                .redisUrl()
                .orElseThrow(
                        () -> new InvalidInputException("cfn worker bench needs --redis URL (or env CFN_REDIS_URL)"));
        List<Integer> counts = counts();
        if (tasks < 1 || concurrency < 1) {
            throw new InvalidInputException(
                    "--tasks and --concurrency must be at least 1, but were " + tasks + " and " + concurrency);
        }
        Path dir = Files.createTempDirectory("cfn-worker-bench");
        try {
            print(run(url, counts, dir));
        } finally {
            deleteTree(dir);
        }
    }

    private List<Map<String, Object>> run(String url, List<Integer> counts, Path dir) throws IOException {
        QueueBench bench = new QueueBench(ctx().coordinator(), dir);
        String tag = HexFormat.of().formatHex(randomBytes());
        List<Map<String, Object>> rows = new ArrayList<>();
        Double base = null;
        for (int n : counts) {
            double seconds = measure(url, bench, "bench-" + tag + "-" + n, n, dir.resolve("w" + n));
            double rate = tasks / seconds;
            base = base == null ? rate : base;
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("workers", n);
            row.put("tasks", tasks);
            row.put("seconds", seconds);
            row.put("tasks_per_sec", rate);
            row.put("ratio_to_first", rate / base);
            rows.add(row);
            if (!out().json()) {
                out().err().printf("cfn: %d worker(s): %d tasks in %.3f s%n", n, tasks, seconds);
                out().err().flush();
            }
        }
        return rows;
    }

    private void print(List<Map<String, Object>> rows) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("cores", Runtime.getRuntime().availableProcessors());
        doc.put("concurrency_per_worker", concurrency);
        doc.put("load_average", loadAverage());
        doc.put("rows", rows);
        out().print(doc, () -> table(rows));
    }

    private static void deleteTree(Path root) throws IOException {
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private double measure(String url, QueueBench bench, String queueName, int n, Path dir) throws IOException {
        Files.createDirectories(dir);
        try (RedisStreamWorkQueue queue = RedisStreamWorkQueue.create(url, queueName)) {
            try (WorkerFleet fleet = WorkerFleet.start(url, queueName, n, concurrency, dir)) {
                fleet.awaitLive(queue, 120_000);
                bench.push(queue, queueName + "-warmup", Math.max(20, tasks / 10), Duration.ofSeconds(120));
                return bench.push(queue, queueName + "-run", tasks, Duration.ofSeconds(300));
            } finally {
                queue.purge();
            }
        }
    }

    private List<Integer> counts() {
        List<Integer> out = new ArrayList<>();
        for (String s : CommaList.split(workers)) {
            try {
                int n = Integer.parseInt(s);
                if (n < 1 || n > 64) {
                    throw new NumberFormatException();
                }
                out.add(n);
            } catch (NumberFormatException e) {
                throw new InvalidInputException("--workers takes counts from 1 to 64, but had '" + s + "'");
            }
        }
        if (out.isEmpty()) {
            throw new InvalidInputException("--workers needs at least one count");
        }
        return out;
    }

    private void table(List<Map<String, Object>> rows) {
        out().line(String.format(
                "queue throughput, instant agents, %d cores, %d at once per worker (load average %s)",
                Runtime.getRuntime().availableProcessors(), concurrency, loadAverage()));
        out().line(String.format("%-8s %7s %9s %10s %12s", "workers", "tasks", "seconds", "tasks/s", "vs first"));
        for (Map<String, Object> r : rows) {
            out().line(String.format(
                    "%-8d %7d %9.3f %10.1f %11.2fx",
                    r.get("workers"),
                    r.get("tasks"),
                    r.get("seconds"),
                    r.get("tasks_per_sec"),
                    r.get("ratio_to_first")));
        }
    }

    /** The 1-minute load average (Linux), to read the figures against: these machines are shared. */
    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static byte[] randomBytes() {
        byte[] b = new byte[3];
        ThreadLocalRandom.current().nextBytes(b);
        return b;
    }
}
