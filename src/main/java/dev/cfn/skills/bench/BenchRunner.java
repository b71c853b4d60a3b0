package dev.cfn.skills.bench;

import dev.cfn.CfnException;
import dev.cfn.bench.JitMode;
import dev.cfn.bench.Samples;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs every benchmark on a fresh temporary registry of the issue's size, then (when asked) the
 * seed-style baseline on a copy of the same data taken before any phase wrote to it.
 */
public final class BenchRunner {
    private final BenchConfig config;
    private final BenchProgress progress;

    public BenchRunner(BenchConfig config, BenchProgress progress) {
        this.config = config;
        this.progress = progress;
    }

    /**
     * @throws CfnException if a phase or the baseline script fails
     */
    public BenchReport run() {
        DataShape shape = DataShape.ISSUE;
        progress.update("generating 1,000 skills, 5,000 mappings, 50,000 usage rows", 0, 1);
        long start = System.nanoTime();
        try (BenchFixture fixture = BenchFixture.create(shape)) {
            long generation = System.nanoTime() - start;
            Path copy = config.baseline() ? copyDatabase(fixture) : null;
            Map<String, BenchRow> rows = measure(fixture, shape);
            if (copy != null) {
                addBaseline(rows, new SeedBaseline(config.baselineScript(), progress).run(copy, config.quick()));
            }
            List<BenchRow> ordered = new ArrayList<>();
            for (Operation op : Operations.all()) {
                if (rows.containsKey(op.key())) {
                    ordered.add(rows.get(op.key()));
                }
            }
            return new BenchReport(ordered, shape, generation, config.quick(), copy != null, jvm());
        } catch (IOException e) {
            throw new CfnException("benchmark I/O failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CfnException("benchmark interrupted", e);
        }
    }

    private Map<String, BenchRow> measure(BenchFixture fixture, DataShape shape) throws IOException {
        Measure measure = new Measure(progress);
        ReadPhases reads = new ReadPhases(config, measure, fixture, shape);
        WritePhases writes = new WritePhases(config, measure, fixture, shape);
        List<BenchRow> rows = new ArrayList<>();
        rows.add(reads.loadCold());
        rows.add(reads.loadFirst());
        rows.add(reads.loadCached());
        rows.addAll(reads.analytics());
        rows.add(reads.concurrent());
        rows.add(writes.log());
        rows.add(writes.deploy());
        rows.add(writes.update());
        rows.add(writes.bulkImport());
        rows.add(new ZipfPhase(config, progress).run());
        Map<String, BenchRow> byKey = new LinkedHashMap<>();
        rows.forEach(r -> byKey.put(r.operation().key(), r));
        return byKey;
    }

    private static void addBaseline(Map<String, BenchRow> rows, Map<String, Samples> baseline) {
        rows.replaceAll((key, row) -> {
            Samples s = row.operation().baselineKey() == null
                    ? null
                    : baseline.get(row.operation().baselineKey());
            return s == null || s.count() == 0 ? row : row.withBaseline((double) s.p50());
        });
    }

    /** A consistent copy of the database file, taken with the WAL folded in. */
    static Path copyDatabase(BenchFixture fixture) throws IOException {
        fixture.db().outsideTransaction(sql -> {
            sql.execute("PRAGMA wal_checkpoint(TRUNCATE)");
            return null;
        });
        Path dir = Files.createDirectories(fixture.home().resolve("baseline"));
        Path copy = dir.resolve("seed.db");
        Files.copy(fixture.db().file(), copy, StandardCopyOption.REPLACE_EXISTING);
        return copy;
    }

    private static String jvm() {
        return System.getProperty("java.vm.name") + " " + Runtime.version() + ", "
                + JitMode.describe() + ", " + Runtime.getRuntime().availableProcessors() + " cores, max heap "
                + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MiB";
    }
}
