package dev.cfn.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cfn.RetriableException;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class RedisMemoryPollerTest {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    @Test
    void a_reading_becomes_the_gauges_and_a_failed_poll_blanks_them_without_breaking_the_scrape() {
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        MemoryReading.Source source = () -> {
            if (failure.get() != null) {
                throw failure.get();
            }
            return new MemoryReading(800, 1000);
        };
        try (RedisMemoryPoller poller = new RedisMemoryPoller(registry, source, Duration.ofHours(1))) {
            poller.poll();
            Scrape ok = Scrape.of(registry.scrape());
            assertThat(ok.value("cfn_redis_memory_used_bytes", Map.of())).isEqualTo(800.0);
            assertThat(ok.value("cfn_redis_memory_max_bytes", Map.of())).isEqualTo(1000.0);

            failure.set(new RetriableException("Redis at redis://127.0.0.1:1 is unreachable"));
            poller.poll();
            Scrape down = Scrape.of(registry.scrape());
            assertThat(down.value("cfn_redis_memory_used_bytes", Map.of())).isNaN();
            assertThat(down.value("cfn_redis_memory_poll_failures_total", Map.of()))
                    .isGreaterThanOrEqualTo(1.0);
        }
    }

    @Test
    void the_registry_watches_redis_at_most_once() {
        try (CfnMetrics metrics = CfnMetrics.create()) {
            metrics.watchRedisMemory(() -> new MemoryReading(1, 0), Duration.ofHours(1));
            assertThatThrownBy(() -> metrics.watchRedisMemory(() -> new MemoryReading(1, 0), Duration.ofHours(1)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("Redis memory is already watched");
        }
    }
}
