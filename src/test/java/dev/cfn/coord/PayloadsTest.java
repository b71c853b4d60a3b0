package dev.cfn.coord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cfn.InvalidInputException;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class PayloadsTest {
    @Test
    void size_is_counted_in_utf8_bytes() {
        assertThat(Payloads.utf8Length("abc")).isEqualTo(3);
        assertThat(Payloads.utf8Length("é")).isEqualTo(2);
        assertThat(Payloads.utf8Length("€")).isEqualTo(3);
        assertThat(Payloads.utf8Length("😀")).isEqualTo(4);
    }

    @Test
    void a_payload_of_multibyte_characters_over_one_mib_is_refused() {
        String text = "é".repeat(Payloads.MAX_BYTES / 2 + 1);

        assertThatThrownBy(() -> Payloads.require("signal payload", text))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("signal payload must be at most 1 MiB (1048576 bytes), but was 1048578 bytes");
    }

    @Test
    void fields_count_names_and_values_together() {
        Map<String, String> fields =
                Map.of("a", "x".repeat(Payloads.MAX_BYTES / 2), "b", "y".repeat(Payloads.MAX_BYTES / 2));

        assertThatThrownBy(() -> Payloads.requireFields("context of task t", fields))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("context of task t must be at most 1 MiB (1048576 bytes), but was 1048578 bytes");
    }

    @Test
    void an_empty_field_name_is_refused() {
        assertThatThrownBy(() -> Payloads.requireFields("result", Map.of("", "v")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("result field names must not be empty");
    }

    @Test
    void confidence_must_be_a_number_from_zero_to_one() {
        assertThat(Payloads.requireConfidence(0.0)).isZero();
        assertThat(Payloads.requireConfidence(1.0)).isEqualTo(1.0);
        assertThatThrownBy(() -> Payloads.requireConfidence(Double.NaN))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("confidence must be from 0.0 to 1.0, but was NaN");
        assertThatThrownBy(() -> Payloads.requireConfidence(-0.1)).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void a_stored_confidence_is_parsed_or_reported_with_its_key() {
        assertThat(Payloads.parseConfidence("k", null)).isEmpty();
        assertThat(Payloads.parseConfidence("k", " 0.75 ")).isEqualTo(OptionalDouble.of(0.75));
        assertThatThrownBy(() -> Payloads.parseConfidence("swarm:t:a:confidence", "1.2"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("swarm:t:a:confidence must hold a number from 0.0 to 1.0, but was '1.2'");
    }

    @Test
    void a_completion_validates_its_parts() {
        assertThatThrownBy(() -> new Completion("complete", 2.0, Map.of()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("confidence must be from 0.0 to 1.0, but was 2.0");
        assertThatThrownBy(() -> Completion.of(null))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("signal payload must not be missing");
    }
}
