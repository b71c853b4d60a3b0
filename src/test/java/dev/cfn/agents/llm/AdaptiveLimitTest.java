package dev.cfn.agents.llm;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class AdaptiveLimitTest {
    private static long soon() {
        return System.nanoTime() + Duration.ofSeconds(5).toNanos();
    }

    @Test
    void a_wave_of_429s_halves_the_limit_once_and_successes_grow_it_back() throws Exception {
        AdaptiveLimit limit = new AdaptiveLimit(8);
        long[] tickets = new long[8];
        for (int i = 0; i < 8; i++) {
            tickets[i] = limit.acquire(soon());
        }
        for (long t : tickets) {
            limit.rateLimited(t); // the whole first wave was refused
        }
        assertThat(limit.limit()).isEqualTo(4);

        long next = limit.acquire(soon());
        limit.rateLimited(next); // a call started after the halving halves again
        assertThat(limit.limit()).isEqualTo(2);

        for (int i = 0; i < 2; i++) {
            limit.acquire(soon());
            limit.succeeded();
        }
        assertThat(limit.limit()).isEqualTo(3);
        for (int i = 0; i < 3 + 4 + 5 + 6 + 7; i++) {
            limit.acquire(soon());
            limit.succeeded();
        }
        assertThat(limit.limit()).isEqualTo(8);
    }

    @Test
    void no_more_than_the_limit_are_in_flight_and_a_waiter_gives_up_at_its_deadline() throws Exception {
        AdaptiveLimit limit = new AdaptiveLimit(1);
        assertThat(limit.acquire(soon())).isZero();

        assertThat(limit.acquire(System.nanoTime() + Duration.ofMillis(50).toNanos()))
                .isEqualTo(-1);

        limit.succeeded();
        assertThat(limit.acquire(soon())).isEqualTo(1);
    }

    @Test
    void never_below_one() {
        AdaptiveLimit limit = new AdaptiveLimit(1);
        limit.rateLimited(0);
        assertThat(limit.limit()).isEqualTo(1);
    }

    @Test
    void backoff_honours_retry_after_else_grows_with_jitter() {
        assertThat(ModelCalls.backoff(0, Duration.ofSeconds(1))).isEqualTo(Duration.ofSeconds(1));
        for (int attempt = 0; attempt < 12; attempt++) {
            long cap = Math.min(20_000, 500L << Math.min(attempt, 10));
            assertThat(ModelCalls.backoff(attempt, null).toMillis()).isBetween(cap / 2, cap);
        }
    }

    @Test
    void retry_after_is_read_as_seconds_or_a_date() {
        assertThat(ApiFailure.parseRetryAfter("1")).isEqualTo(Duration.ofSeconds(1));
        assertThat(ApiFailure.parseRetryAfter("0.5")).isEqualTo(Duration.ofMillis(500));
        assertThat(ApiFailure.parseRetryAfter("Wed, 21 Oct 2015 07:28:00 GMT")).isEqualTo(Duration.ZERO);
        assertThat(ApiFailure.parseRetryAfter("soon")).isNull();
    }
}
