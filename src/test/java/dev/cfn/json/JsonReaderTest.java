package dev.cfn.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonReaderTest {
    @Test
    void reads_objects_arrays_strings_with_escapes_integers_booleans_and_null() throws IOException {
        Object document = new JsonReader("""
                 { "a" : [ 1, -20, 0, 1.50, 2e-3, -0.5E+10, true, false, null ], "s" : "q\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\\u20ac%n",
                   "empty" : { }, "none" : [ ] }
                """).document();

        assertThat(document)
                .isEqualTo(Map.of(
                        "a",
                                Arrays.asList(
                                        n("1"),
                                        n("-20"),
                                        n("0"),
                                        n("1.50"),
                                        n("2e-3"),
                                        n("-0.5E+10"),
                                        true,
                                        false,
                                        null),
                        "s", "q\"\\/\b\f\n\r\t\u00e9\u20ac%n",
                        "empty", Map.of(),
                        "none", List.of()));
    }

    @Test
    void numbers_keep_their_text_and_give_ints() throws IOException {
        assertThat(((JsonReader.Number) new JsonReader(" 42 ").document()).intValue())
                .isEqualTo(42);
    }

    private static JsonReader.Number n(String text) {
        return new JsonReader.Number(text);
    }

    @Test
    void keeps_the_order_of_members() throws IOException {
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) new JsonReader("{\"z\":1,\"a\":2,\"m\":3}").document();

        assertThat(map.keySet()).containsExactly("z", "a", "m");
    }

    @Test
    void malformed_documents_name_the_offset() {
        for (String text : List.of(
                "{\"a\" 1}",
                "[1 2]",
                "\"open",
                "{\"a\":1} x",
                "[1.]",
                "[01]",
                "[-]",
                "[1e]",
                "[.5]",
                "\"\\x\"",
                "\"\\u12\"",
                "")) {
            assertThatThrownBy(() -> new JsonReader(text).document())
                    .as(text)
                    .isInstanceOf(IOException.class)
                    .hasMessageStartingWith("malformed JSON at offset ");
        }
    }
}
