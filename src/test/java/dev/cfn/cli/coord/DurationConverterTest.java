package dev.cfn.cli.coord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class DurationConverterTest {
    private final DurationConverter converter = new DurationConverter();

    @Test
    void durations_with_and_without_units_are_read() {
        assertThat(converter.convert("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(converter.convert("30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(converter.convert("30")).isEqualTo(Duration.ofSeconds(30));
        assertThat(converter.convert("5m")).isEqualTo(Duration.ofMinutes(5));
        assertThat(converter.convert("1h")).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void anything_else_is_refused_with_the_rule() {
        assertThatThrownBy(() -> converter.convert("-5s"))
                .isInstanceOf(CommandLine.TypeConversionException.class)
                .hasMessage("must be a whole number with an optional unit ms, s, m or h (e.g. 30s), but was '-5s'");
        assertThatThrownBy(() -> converter.convert("1.5s")).isInstanceOf(CommandLine.TypeConversionException.class);
    }

    @Test
    void durations_print_as_typed() {
        assertThat(DurationConverter.format(Duration.ofMillis(300))).isEqualTo("300ms");
        assertThat(DurationConverter.format(Duration.ofSeconds(30))).isEqualTo("30s");
        assertThat(DurationConverter.format(Duration.ofMinutes(2))).isEqualTo("2m");
    }
}
