package dev.cfn.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cfn.InvalidInputException;
import dev.cfn.coord.IdempotencyKey;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class QueueKeySchemeTest {
    private final KeyScheme keys = KeyScheme.standard();

    @Test
    void queue_keys_are_named_as_documented() {
        assertThat(keys.queueStream("default", "coder")).isEqualTo("queue:default:agents:coder");
        assertThat(keys.queueTypes("default")).isEqualTo("queue:default:types");
        assertThat(keys.queueResult("default", "run-1", 2, "coder-2-1"))
                .isEqualTo("queue:default:result:run-1:2:coder-2-1");
        assertThat(keys.workers("default")).isEqualTo("queue:default:workers");
        assertThat(keys.workerHeartbeat("default", "host-42")).isEqualTo("queue:default:worker:host-42:heartbeat");
        assertThat(KeyScheme.namespaced("it-1:").queueTypes("q")).isEqualTo("it-1:queue:q:types");
    }

    @Test
    void every_queue_key_has_a_ttl() {
        assertThat(KeyScheme.Kind.QUEUE_STREAM.ttl()).isEqualTo(Duration.ofHours(24));
        assertThat(KeyScheme.Kind.QUEUE_TYPES.ttl()).isEqualTo(Duration.ofHours(24));
        assertThat(KeyScheme.Kind.QUEUE_RESULT.ttl()).isEqualTo(Duration.ofHours(24));
        assertThat(KeyScheme.Kind.WORKERS.ttl()).isEqualTo(Duration.ofHours(24));
        assertThat(KeyScheme.Kind.WORKER_HEARTBEAT.ttl()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void queue_keys_are_recognised_by_their_shape() {
        assertThat(keys.kindOf("queue:default:agents:coder")).isEqualTo(KeyScheme.Kind.QUEUE_STREAM);
        assertThat(keys.kindOf("queue:default:types")).isEqualTo(KeyScheme.Kind.QUEUE_TYPES);
        assertThat(keys.kindOf("queue:default:result:run-1:2:coder-2-1")).isEqualTo(KeyScheme.Kind.QUEUE_RESULT);
        assertThat(keys.kindOf("queue:default:workers")).isEqualTo(KeyScheme.Kind.WORKERS);
        assertThat(keys.kindOf("queue:default:worker:h-1:heartbeat")).isEqualTo(KeyScheme.Kind.WORKER_HEARTBEAT);
        assertThat(keys.kindOf("queue:default:other")).isEqualTo(KeyScheme.Kind.OTHER);
        assertThat(keys.kindOf("queue:default:worker:h-1:beat")).isEqualTo(KeyScheme.Kind.OTHER);
    }

    @Test
    void a_queue_name_with_a_colon_or_a_glob_is_rejected() {
        assertThatThrownBy(() -> keys.queueTypes("a:b"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("queue name must match ^[a-zA-Z0-9_.-]{1,64}$, but was 'a:b'");
        assertThatThrownBy(() -> keys.queueStream("q", "cod*"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("agent type must match");
        assertThatThrownBy(() -> new IdempotencyKey("run-1", 0, "a-1-1"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("iteration must be >= 1, but was 0");
        assertThat(new IdempotencyKey("run-1", 3, "a-3-1")).hasToString("run-1:3:a-3-1");
    }
}
