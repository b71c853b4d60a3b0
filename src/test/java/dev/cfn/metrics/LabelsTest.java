package dev.cfn.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LabelsTest {
    @Test
    void agent_types_are_kept_up_to_the_limit_then_become_other() {
        Labels labels = new Labels();
        for (int i = 0; i < Labels.MAX_AGENT_TYPES; i++) {
            assertThat(labels.agentType("type-" + i)).isEqualTo("type-" + i);
        }
        assertThat(labels.agentType("one-too-many")).isEqualTo("other");
        assertThat(labels.agentType("type-7")).as("a known type stays").isEqualTo("type-7");
    }

    @Test
    void hostile_or_odd_agent_types_become_other() {
        Labels labels = new Labels();
        assertThat(labels.agentType("coder\"} 1\nevil{x=\"")).isEqualTo("other");
        assertThat(labels.agentType("x".repeat(65))).isEqualTo("other");
        assertThat(labels.agentType(null)).isEqualTo("other");
        assertThat(labels.agentType("Backend-Developer")).isEqualTo("backend-developer");
    }

    @Test
    void modes_statuses_and_words_are_closed_sets() {
        assertThat(Labels.mode("MVP")).isEqualTo("mvp");
        assertThat(Labels.mode(null)).isEqualTo("none");
        assertThat(Labels.mode("turbo")).isEqualTo("other");
        assertThat(Labels.oneOf(Labels.STATUSES, "TIMEOUT")).isEqualTo("timeout");
        assertThat(Labels.oneOf(Labels.DECISIONS, "maybe")).isEqualTo("other");
        assertThat(Labels.word("unavailable")).isEqualTo("unavailable");
        assertThat(Labels.word("task-123")).isEqualTo("other");
    }
}
