package dev.cfn.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The streamed JSON of {@code --json} and of the usage log is byte for byte what databind writes. */
class JsonTextTest {
    private static final ObjectMapper DATABIND = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final ObjectMapper COMPACT = new ObjectMapper();

    @Test
    void plain_documents_stream_exactly_as_databind_writes_them() throws Exception {
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("empty_map", Map.of());
        nested.put("empty_list", List.of());
        nested.put("null", null);
        nested.put("unicode", "é ✓ \u0001 \"quoted\" \\ / \n\t");
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("agent_type", "backend-developer");
        doc.put("int", 42);
        doc.put("long", Long.MIN_VALUE);
        doc.put("double", 0.1 + 0.2);
        doc.put("nan", Double.NaN);
        doc.put("float", 1.5f);
        doc.put("decimal", new BigDecimal("12.3400"));
        doc.put("big", new BigInteger("123456789012345678901234567890"));
        doc.put("flag", true);
        doc.put("set", Set.of("one"));
        doc.put("rows", new ArrayList<>(List.of(nested, List.of(1, "two", false), Arrays.asList(null, 2.5))));
        for (Object document : List.of(doc, List.of(), Map.of(), "text", 7, List.of(doc, doc))) {
            assertThat(JsonText.isPlain(document)).isTrue();
            assertThat(JsonText.of(document)).isEqualTo(DATABIND.writeValueAsString(document));
            assertThat(JsonText.compact(document)).isEqualTo(COMPACT.writeValueAsString(document));
        }
    }

    @Test
    void other_values_go_through_databind() throws Exception {
        record Row(String name, int count) {}
        Map<Object, Object> numericKeys = new LinkedHashMap<>();
        numericKeys.put(1, "one");
        for (Object document : List.<Object>of(
                new Row("a", 1), Map.of("row", new Row("b", 2)), numericKeys, new String[] {"x"}, Thread.State.NEW)) {
            assertThat(JsonText.isPlain(document)).as(document.toString()).isFalse();
            assertThat(JsonText.of(document)).isEqualTo(DATABIND.writeValueAsString(document));
            assertThat(JsonText.compact(document)).isEqualTo(COMPACT.writeValueAsString(document));
        }
    }
}
