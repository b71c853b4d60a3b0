package dev.cfn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliContextTest {
    private static final int THREADS = 8;

    @TempDir
    Path dir;

    @Test
    void threads_asking_at_once_share_one_database_registry_loader_coordinator_and_usage_log() throws Exception {
        List<List<Object>> seen = new ArrayList<>();
        try (CliContext ctx = new CliContext(Map.of(), dir.resolve("home").toString(), null, null, true)) {
            CyclicBarrier together = new CyclicBarrier(THREADS);
            List<Future<List<Object>>> parts = new ArrayList<>();
            try (ExecutorService threads = Executors.newFixedThreadPool(THREADS)) {
                for (int i = 0; i < THREADS; i++) {
                    parts.add(threads.submit(() -> {
                        together.await();
                        return List.of(ctx.database(), ctx.registry(), ctx.loader(), ctx.coordinator(), ctx.usageLog());
                    }));
                }
            }
            for (Future<List<Object>> part : parts) {
                seen.add(part.get());
            }
        }

        List<Object> first = seen.get(0);
        for (List<Object> parts : seen) {
            for (int i = 0; i < first.size(); i++) {
                assertThat(parts.get(i)).as("part %d", i).isSameAs(first.get(i));
            }
        }
    }
}
