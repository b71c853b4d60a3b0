package dev.cfn.coord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Redis Streams queue against the real Redis: delivery, ack, the lease (taken over once it
 * runs out, kept while renewed), giving back, first result wins, TTLs, heartbeats. Each test has
 * a queue of its own, purged afterwards.
 */
class RedisStreamWorkQueueIT {
    private static final Duration LEASE = Duration.ofMillis(600);
    private static final Duration BLOCK = Duration.ofMillis(200);

    private RedisStreamWorkQueue queue;
    private RawRedis raw;

    @BeforeEach
    void open() {
        queue = RedisStreamWorkQueue.create(
                RawRedis.URL, "it-" + UUID.randomUUID().toString().substring(0, 8));
        raw = new RawRedis(RawRedis.URL);
    }

    @AfterEach
    void close() {
        queue.purge();
        queue.close();
        raw.close();
    }

    private static WorkItem item(String type, int n) {
        return new WorkItem(type, new IdempotencyKey("run-1", 1, type + "-1-" + n), "{\"n\":" + n + "}");
    }

    private List<Delivery> takeAll(String worker, List<String> types, int max) {
        return queue.take(worker, types, max, LEASE, BLOCK);
    }

    @Test
    void an_acked_entry_is_never_delivered_again() {
        queue.enqueue(item("coder", 1));

        List<Delivery> first = takeAll("w1", List.of(), 10);
        assertThat(first).singleElement().satisfies(d -> {
            assertThat(d.payload()).isEqualTo("{\"n\":1}");
            assertThat(d.agentType()).isEqualTo("coder");
            assertThat(d.reclaimed()).isFalse();
        });
        queue.ack(first.get(0));

        assertThat(queue.take("w2", List.of(), 10, Duration.ZERO, BLOCK))
                .as("nothing pending either: a lease of zero would take over any unacked entry")
                .isEmpty();
        assertThat(raw.keys("queue:" + queue.name() + ":agents:*")).hasSize(1);
    }

    @Test
    void an_entry_of_a_dead_worker_is_taken_over_after_its_lease_and_not_before() {
        queue.enqueue(item("coder", 1));
        Delivery held = takeAll("dead", List.of(), 1).get(0);

        assertThat(takeAll("alive", List.of(), 1)).as("still leased").isEmpty();

        List<Delivery> taken =
                await().atMost(Duration.ofSeconds(5)).until(() -> takeAll("alive", List.of(), 1), l -> !l.isEmpty());
        assertThat(taken).singleElement().satisfies(d -> {
            assertThat(d.entryId()).isEqualTo(held.entryId());
            assertThat(d.reclaimed()).isTrue();
            assertThat(d.payload()).isEqualTo("{\"n\":1}");
        });
    }

    @Test
    void a_renewed_lease_keeps_the_entry_with_its_worker() {
        queue.enqueue(item("coder", 1));
        Delivery held = takeAll("busy", List.of(), 1).get(0);
        long until = System.nanoTime() + LEASE.multipliedBy(3).toNanos();
        while (System.nanoTime() < until) {
            queue.renew("busy", List.of(held));
            assertThat(takeAll("other", List.of(), 1)).isEmpty(); // blocks BLOCK each time
        }
    }

    @Test
    void a_released_entry_is_taken_at_once_by_another_worker() {
        queue.enqueue(item("coder", 1));
        Delivery held = takeAll("stopping", List.of(), 1).get(0);

        queue.release("stopping", held);

        assertThat(takeAll("other", List.of(), 1))
                .singleElement()
                .satisfies(d -> assertThat(d.entryId()).isEqualTo(held.entryId()));
    }

    @Test
    void a_worker_takes_only_the_types_it_serves_and_at_most_max() {
        queue.enqueue(item("coder", 1));
        queue.enqueue(item("tester", 1));
        queue.enqueue(item("tester", 2));

        List<Delivery> testers = takeAll("w1", List.of("tester"), 1);
        assertThat(testers)
                .singleElement()
                .satisfies(d -> assertThat(d.agentType()).isEqualTo("tester"));
        List<Delivery> rest = takeAll("w2", List.of(), 5);
        assertThat(rest).extracting(Delivery::agentType).containsExactlyInAnyOrder("coder", "tester");
    }

    @Test
    void the_first_result_stored_under_a_key_wins() {
        IdempotencyKey key = new IdempotencyKey("run-7", 2, "coder-2-1");
        assertThat(queue.result(key)).isEmpty();

        assertThat(queue.putResult(key, "first")).isEqualTo("first");
        assertThat(queue.putResult(key, "second")).isEqualTo("first");
        assertThat(queue.result(key)).contains("first");
    }

    @Test
    void every_key_of_the_queue_has_a_ttl() {
        queue.enqueue(item("coder", 1));
        queue.putResult(new IdempotencyKey("run-1", 1, "coder-1-1"), "{}");
        queue.heartbeat(status("w1"), Duration.ofSeconds(5));

        List<String> keys = raw.keys("queue:" + queue.name() + ":*");
        assertThat(keys).hasSize(5);
        for (String key : keys) {
            assertThat(raw.ttl(key)).as(key).isPresent();
        }
    }

    @Test
    void a_worker_is_live_while_it_beats_then_dead_and_gone_once_retired() {
        queue.heartbeat(status("w1"), Duration.ofMillis(500));
        queue.heartbeat(status("w2"), Duration.ofSeconds(30));
        assertThat(mine())
                .extracting(WorkerStatus::id, WorkerStatus::alive)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("w1", true),
                        org.assertj.core.groups.Tuple.tuple("w2", true));

        await().atMost(Duration.ofSeconds(5))
                .until(() -> mine().stream().anyMatch(w -> w.id().equals("w1") && !w.alive()));

        queue.retire("w2");
        assertThat(mine()).extracting(WorkerStatus::id).containsExactly("w1");
    }

    private List<WorkerStatus> mine() {
        return queue.workers().stream()
                .filter(w -> w.queue().equals(queue.name()))
                .toList();
    }

    private WorkerStatus status(String id) {
        return new WorkerStatus(queue.name(), id, "host", 1, 2, List.of(), 0, 0, 1, 1, true);
    }
}
