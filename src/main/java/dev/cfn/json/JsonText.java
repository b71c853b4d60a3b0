package dev.cfn.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.Map;

/**
 * A document as JSON text, exactly as Jackson's {@code ObjectMapper} writes it: indented as {@code
 * --json} prints it ({@code INDENT_OUTPUT}), or on one line as the usage log appends it. A document
 * made only of maps with string keys, lists, strings, numbers, booleans and nulls (every cfn
 * command's, every usage row) is streamed with jackson-core's {@link JsonGenerator}; anything else
 * goes through the shared {@link Json#mapper()}, created on first use. Setting up databind (its type factory,
 * serializers and date formats) cost a one-shot command 30-40 ms, more than the rest of printing,
 * and its ~300 classes would sit in the AOT cache, loaded at every start.
 */
public final class JsonText {
    private static final JsonFactory FACTORY = new JsonFactory();

    private JsonText() {}

    /** Created on first use: most documents never need it. */
    private static final class Indented {
        static final ObjectWriter WRITER = Json.mapper().writer(SerializationFeature.INDENT_OUTPUT);
    }

    /** {@code document} as indented JSON (no trailing newline). */
    public static String of(Object document) {
        return text(document, true);
    }

    /** {@code document} as JSON on one line (no trailing newline). */
    public static String compact(Object document) {
        return text(document, false);
    }

    private static String text(Object document, boolean indented) {
        if (!isPlain(document)) {
            try {
                return (indented ? Indented.WRITER : Json.mapper().writer()).writeValueAsString(document);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot print JSON: " + e.getMessage(), e);
            }
        }
        StringWriter text = new StringWriter();
        try (JsonGenerator generator = FACTORY.createGenerator(text)) {
            if (indented) {
                generator.useDefaultPrettyPrinter();
            }
            write(generator, document);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot print JSON: " + e.getMessage(), e);
        }
        return text.toString();
    }

    /** Whether {@link #write} can stream {@code value} the way databind would. */
    static boolean isPlain(Object value) {
        if (value == null
                || value instanceof String
                || value instanceof Boolean
                || value instanceof Integer
                || value instanceof Long
                || value instanceof Double
                || value instanceof Float
                || value instanceof BigDecimal
                || value instanceof BigInteger) {
            return true;
        }
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (!(entry.getKey() instanceof String) || !isPlain(entry.getValue())) {
                    return false;
                }
            }
            return true;
        }
        if (value instanceof Collection<?> collection) {
            for (Object element : collection) {
                if (!isPlain(element)) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }

    // An if-chain, not a pattern switch: a type switch is linked at run time by a class that
    // SwitchBootstraps generates on first use, which the AOT cache does not hold (~2 ms a start).
    private static void write(JsonGenerator generator, Object value) throws IOException {
        if (value == null) {
            generator.writeNull();
        } else if (value instanceof String s) {
            generator.writeString(s);
        } else if (value instanceof Boolean b) {
            generator.writeBoolean(b);
        } else if (value instanceof Integer i) {
            generator.writeNumber(i);
        } else if (value instanceof Long l) {
            generator.writeNumber(l);
        } else if (value instanceof Double d) {
            generator.writeNumber(d);
        } else if (value instanceof Float f) {
            generator.writeNumber(f);
        } else if (value instanceof BigDecimal d) {
            generator.writeNumber(d);
        } else if (value instanceof BigInteger i) {
            generator.writeNumber(i);
        } else if (value instanceof Map<?, ?> map) {
            generator.writeStartObject();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                generator.writeFieldName((String) entry.getKey());
                write(generator, entry.getValue());
            }
            generator.writeEndObject();
        } else if (value instanceof Collection<?> collection) {
            generator.writeStartArray();
            for (Object element : collection) {
                write(generator, element);
            }
            generator.writeEndArray();
        } else {
            throw new IllegalArgumentException("not a plain JSON value: " + value.getClass());
        }
    }
}
