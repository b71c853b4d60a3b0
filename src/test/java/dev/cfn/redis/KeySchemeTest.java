package dev.cfn.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cfn.InvalidInputException;
import dev.cfn.protocol.Phase;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KeySchemeTest {
    private final KeyScheme keys = KeyScheme.standard();

    @Test
    void keys_are_named_exactly_as_the_protocol_documents() {
        assertThat(keys.done("t1", "coder-1-1")).isEqualTo("swarm:t1:coder-1-1:done");
        assertThat(keys.confidence("t1", "coder-1-1")).isEqualTo("swarm:t1:coder-1-1:confidence");
        assertThat(keys.result("t1", "coder-1-1")).isEqualTo("swarm:t1:coder-1-1:result");
        assertThat(keys.heartbeat("t1", "coder-1-1")).isEqualTo("swarm:t1:coder-1-1:heartbeat");
        assertThat(keys.messages("t1", "coder-1-1")).isEqualTo("swarm:t1:coder-1-1:messages");
        assertThat(keys.decision("t1")).isEqualTo("swarm:t1:decision");
        assertThat(keys.context("t1")).isEqualTo("swarm:t1:context");
        assertThat(keys.agentIds("t1", Phase.LOOP3, 2)).isEqualTo("swarm:t1:loop3:agent_ids:iteration2");
        assertThat(keys.agentIds("t1", Phase.LOOP2, 1)).isEqualTo("swarm:t1:loop2:agent_ids:iteration1");
        assertThat(keys.queryCache("ab12")).isEqualTo("cache:query:ab12");
        assertThat(keys.taskPattern("t1")).isEqualTo("swarm:t1:*");
    }

    @Test
    void ttls_follow_the_issue() {
        assertThat(KeyScheme.Kind.DONE.ttl()).isEqualTo(Duration.ofSeconds(3600));
        assertThat(KeyScheme.Kind.CONFIDENCE.ttl()).isEqualTo(Duration.ofSeconds(3600));
        assertThat(KeyScheme.Kind.RESULT.ttl()).isEqualTo(Duration.ofSeconds(3600));
        assertThat(KeyScheme.Kind.DECISION.ttl()).isEqualTo(Duration.ofSeconds(3600));
        assertThat(KeyScheme.Kind.HEARTBEAT.ttl()).isEqualTo(Duration.ofSeconds(60));
        assertThat(KeyScheme.Kind.MESSAGES.ttl()).isEqualTo(Duration.ofHours(24));
        assertThat(KeyScheme.Kind.CONTEXT.ttl()).isEqualTo(Duration.ofSeconds(86_400));
        assertThat(KeyScheme.Kind.QUERY_CACHE.ttl()).isEqualTo(Duration.ofSeconds(300));
    }

    @Test
    void a_namespace_prefixes_every_key_and_pattern() {
        KeyScheme ns = KeyScheme.namespaced("it-1234:");

        assertThat(ns.done("t1", "a")).isEqualTo("it-1234:swarm:t1:a:done");
        assertThat(ns.queryCache("ab")).isEqualTo("it-1234:cache:query:ab");
        assertThat(ns.taskPattern("t1")).isEqualTo("it-1234:swarm:t1:*");
        assertThat(ns.allPattern()).isEqualTo("it-1234:*");
        assertThat(ns.kindOf("it-1234:swarm:t1:a:done")).isEqualTo(KeyScheme.Kind.DONE);
        assertThat(ns.kindOf("swarm:t1:a:done")).isEqualTo(KeyScheme.Kind.OTHER);
    }

    @Test
    void a_namespace_with_glob_characters_is_refused() {
        assertThatThrownBy(() -> KeyScheme.namespaced("it*"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("namespace must match ^[a-zA-Z0-9_.:-]{0,64}$, but was 'it*'");
    }

    @Test
    void kinds_are_recognised_from_the_key_shape() {
        assertThat(keys.kindOf("swarm:t:a:done")).isEqualTo(KeyScheme.Kind.DONE);
        assertThat(keys.kindOf("swarm:t:a:heartbeat")).isEqualTo(KeyScheme.Kind.HEARTBEAT);
        assertThat(keys.kindOf("swarm:t:decision")).isEqualTo(KeyScheme.Kind.DECISION);
        assertThat(keys.kindOf("swarm:t:context")).isEqualTo(KeyScheme.Kind.CONTEXT);
        assertThat(keys.kindOf("swarm:t:loop3:agent_ids:iteration12")).isEqualTo(KeyScheme.Kind.AGENT_IDS);
        assertThat(keys.kindOf("cache:query:ff")).isEqualTo(KeyScheme.Kind.QUERY_CACHE);
        assertThat(keys.kindOf("swarm:t:done")).isEqualTo(KeyScheme.Kind.OTHER);
        assertThat(keys.kindOf("coord:t:a:done")).isEqualTo(KeyScheme.Kind.OTHER);
        assertThat(keys.kindOf("cfn_loop:task:t:context")).isEqualTo(KeyScheme.Kind.OTHER);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "coder-1-1", "task_2.v1", "epic:phase-3", "A.b_c:d-9"})
    void ids_of_the_allowed_alphabet_are_accepted(String id) {
        assertThat(KeyScheme.requireTaskId(id)).isEqualTo(id);
        assertThat(KeyScheme.requireAgentId(id)).isEqualTo(id);
    }

    @Test
    void an_id_of_128_characters_is_accepted_and_129_refused() {
        assertThat(KeyScheme.requireTaskId("x".repeat(128))).hasSize(128);
        assertThatThrownBy(() -> KeyScheme.requireTaskId("x".repeat(129)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("task id must match ^[a-zA-Z0-9_.:-]{1,128}$, but was 'xxxx")
                .hasMessageEndingWith("...'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a b", "a*", "a?", "a[1]", "é", "a/b", "a\nb", "a{b}"})
    void ids_outside_the_alphabet_are_refused(String id) {
        assertThatThrownBy(() -> KeyScheme.requireAgentId(id))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("agent id must match ^[a-zA-Z0-9_.:-]{1,128}$, but was '")
                .hasMessageNotContaining("\n");
    }

    @Test
    void an_iteration_below_one_is_refused() {
        assertThatThrownBy(() -> keys.agentIds("t1", Phase.LOOP3, 0))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("iteration must be >= 1, but was 0");
    }
}
