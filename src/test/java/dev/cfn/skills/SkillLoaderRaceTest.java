package dev.cfn.skills;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cfn.store.Database;
import dev.cfn.store.Dialect;
import dev.cfn.store.SqlWork;
import dev.cfn.store.SqliteDatabase;
import dev.cfn.testing.SkillMd;
import dev.cfn.testing.SqliteTest;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A load that read the old rows, and is still on its way into the cache when another process
 * commits an update, must not leave those rows cached for good.
 */
class SkillLoaderRaceTest extends SqliteTest {
    private static final LoadRequest CODER = LoadRequest.of("coder");

    @Test
    void a_load_in_flight_during_an_update_by_another_process_does_not_stay_cached() throws Exception {
        propose(SkillMd.of("tdd"));
        registry.deploy(new DeployRequest("tdd", null, List.of("coder"), 3, false, Mapping.Conditions.NONE, false));
        GatedDatabase gated = new GatedDatabase(db);
        SkillLoader loader = new SkillLoader(gated, null, 100);

        // Thread B reads the 1.0.0 rows, then stalls before its result reaches the cache.
        CompletableFuture<List<LoadedSkill>> slow = CompletableFuture.supplyAsync(() -> loader.load(CODER));
        assertThat(gated.arrived.await(5, TimeUnit.SECONDS)).isTrue();
        long stalledAt = System.nanoTime();

        // Another process updates the skill: the change epoch moves.
        try (SqliteDatabase other = SqliteDatabase.open(dbFile())) {
            new SkillRegistry(other, clock).update("tdd", file(SkillMd.of("tdd").version("1.0.1")), null, null);
        }
        // Let the loader's 1 ms epoch window pass, then a second load notices the new epoch.
        await().until(() -> System.nanoTime() - stalledAt > TimeUnit.MILLISECONDS.toNanos(2));
        Thread second = new Thread(() -> loader.load(CODER));
        second.start();
        await().atMost(Duration.ofSeconds(5))
                .until(() -> second.getState() == Thread.State.BLOCKED
                        || second.getState() == Thread.State.WAITING
                        || second.getState() == Thread.State.TERMINATED);
        gated.release.countDown();
        slow.get(5, TimeUnit.SECONDS);
        second.join(5_000);

        await().atMost(Duration.ofMillis(500))
                .pollInterval(Duration.ofMillis(2))
                .untilAsserted(() -> assertThat(loader.load(CODER))
                        .extracting(LoadedSkill::version)
                        .containsExactly("1.0.1"));
    }

    /** Delegates to a real database; the first list-returning read stalls until released. */
    private static final class GatedDatabase implements Database {
        final CountDownLatch arrived = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        private final Database delegate;
        private volatile boolean gateUsed;

        GatedDatabase(Database delegate) {
            this.delegate = delegate;
        }

        @Override
        public <T> T read(SqlWork<T> work) {
            T result = delegate.read(work);
            if (result instanceof List<?> && !gateUsed) {
                gateUsed = true;
                arrived.countDown();
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return result;
        }

        @Override
        public <T> T write(SqlWork<T> work) {
            return delegate.write(work);
        }

        @Override
        public <T> T outsideTransaction(SqlWork<T> work) {
            return delegate.outsideTransaction(work);
        }

        @Override
        public Dialect dialect() {
            return delegate.dialect();
        }

        @Override
        public String describe() {
            return delegate.describe();
        }

        @Override
        public void close() {}
    }
}
