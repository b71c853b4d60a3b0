package dev.cfn.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cfn.InvalidInputException;
import dev.cfn.config.Settings;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PostgresUrlTest {

    @Test
    void the_printable_form_hides_passwords_in_parameters_and_user_info() {
        assertThat(PostgresUrl.redact("jdbc:postgresql://h:5432/db?user=u&password=s3cret&ssl=true"))
                .isEqualTo("jdbc:postgresql://h:5432/db?user=u&password=***&ssl=true");
        assertThat(PostgresUrl.redact("jdbc:postgresql://u:s3cret@h/db")).isEqualTo("jdbc:postgresql://u:***@h/db");
        assertThat(PostgresUrl.parse("jdbc:postgresql://h/db?password=s3cret").password())
                .isEqualTo("s3cret");
    }

    @Test
    void current_schema_names_where_the_tables_live() {
        assertThat(PostgresUrl.parse("jdbc:postgresql://h/db?currentSchema=cfn,public")
                        .schema())
                .contains("cfn");
        assertThat(PostgresUrl.parse("jdbc:postgresql://h/db").schema()).isEmpty();
    }

    @Test
    void a_schema_that_is_not_a_plain_identifier_is_rejected() {
        assertThatThrownBy(() -> PostgresUrl.parse("jdbc:postgresql://h/db?currentSchema=a;drop"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("--db jdbc:postgresql://h/db?currentSchema=a;drop: currentSchema must be letters, digits"
                        + " and _ (not starting with a digit), but was 'a;drop'");
    }

    @Test
    void with_schema_replaces_any_current_schema_and_keeps_other_parameters() {
        assertThat(PostgresUrl.parse("jdbc:postgresql://h/db").withSchema("s1").url())
                .isEqualTo("jdbc:postgresql://h/db?currentSchema=s1");
        assertThat(PostgresUrl.parse("jdbc:postgresql://h/db?currentSchema=old&user=u")
                        .withSchema("s2")
                        .url())
                .isEqualTo("jdbc:postgresql://h/db?user=u&currentSchema=s2");
        assertThat(PostgresUrl.parse("jdbc:postgresql://h/db?user=u&currentSchema=old&ssl=true")
                        .withSchema("s3"))
                .isEqualTo(
                        new PostgresUrl("jdbc:postgresql://h/db?user=u&ssl=true&currentSchema=s3", Optional.of("s3")));
    }

    @Test
    void a_database_url_of_another_kind_is_invalid_input_naming_it_without_its_password() {
        Settings settings =
                new Settings(Path.of("/tmp/unused"), Optional.of("jdbc:mysql://u:pw@h/db"), Optional.empty(), 0);

        assertThatThrownBy(() -> Databases.open(settings))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("--db jdbc:mysql://u:***@h/db must be a jdbc:postgresql://host:port/database or"
                        + " jdbc:sqlite:FILE URL");
    }

    @Test
    void a_postgresql_url_the_driver_cannot_read_is_invalid_input() {
        assertThatThrownBy(() -> PostgresUrl.parse("jdbc:postgresql://h:notaport/db"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(
                        "--db jdbc:postgresql://h:notaport/db must be a URL like jdbc:postgresql://host:5432/database");
    }
}
