package dev.cfn.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cfn.InvalidInputException;
import org.junit.jupiter.api.Test;

class VocabularyTest {
    @Test
    void an_agent_may_write_a_decision_in_any_case_and_padding() {
        assertThat(Decision.lenient(" proceed\n")).isEqualTo(Decision.PROCEED);
        assertThat(Decision.lenient("Iterate")).isEqualTo(Decision.ITERATE);
        assertThat(Decision.lenient("MAYBE")).isNull();
        assertThat(Decision.lenient(null)).isNull();
    }

    @Test
    void a_stored_decision_must_be_exact_and_a_bad_one_is_named() {
        assertThat(Decision.parse("swarm:t:decision", "ABORT")).isEqualTo(Decision.ABORT);
        assertThatThrownBy(() -> Decision.parse("swarm:t:decision", "abort\u0007"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("swarm:t:decision must hold PROCEED, ITERATE or ABORT, but was 'abort\\u0007'");
    }

    @Test
    void phases_read_and_print_their_wire_labels() {
        for (Phase p : Phase.values()) {
            assertThat(Phase.of("--loop", p.label())).isSameAs(p);
            assertThat(p).hasToString(p.label());
        }
        assertThat(Phase.PRODUCT_OWNER.label()).isEqualTo("product-owner");
        assertThatThrownBy(() -> Phase.of("--loop", "loop4"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("--loop must be loop3, loop2 or product-owner, but was 'loop4'");
    }
}
