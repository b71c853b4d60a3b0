package dev.cfn.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.Map;

/**
 * A document as {@code --json} prints it: indented JSON, exactly as Jackson's {@code ObjectMapper}
 * with {@code INDENT_OUTPUT} writes it. A document made only of maps with string keys, lists,
 * strings, numbers, booleans and nulls (every cfn command's) is streamed with jackson-core's
 * {@link JsonGenerator}; anything else goes through an {@code ObjectMapper}, created on first use.
 * Setting up databind (its type factory, serializers and date formats) cost a one-shot command
 * 30-40 ms, more than the rest of printing.
 */
final class JsonText {
    private static final JsonFactory FACTORY = new JsonFactory();

    private JsonText() {}

    /** Created on first use: most documents never need it. */
    private static final class Mapper {
        static final ObjectMapper INSTANCE = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    }

    /** {@code document} as indented JSON (no trailing newline). */
    static String of(Object document) {
        if (!isPlain(document)) {
            try {
                return Mapper.INSTANCE.writeValueAsString(document);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot print JSON: " + e.getMessage(), e);
            }
        }
        StringWriter text = new StringWriter();
        try (JsonGenerator generator = FACTORY.createGenerator(text)) {
            generator.useDefaultPrettyPrinter();
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

    private static void write(JsonGenerator generator, Object value) throws IOException {
        switch (value) {
            case null -> generator.writeNull();
            case String s -> generator.writeString(s);
            case Boolean b -> generator.writeBoolean(b);
            case Integer i -> generator.writeNumber(i);
            case Long l -> generator.writeNumber(l);
            case Double d -> generator.writeNumber(d);
            case Float f -> generator.writeNumber(f);
            case BigDecimal d -> generator.writeNumber(d);
            case BigInteger i -> generator.writeNumber(i);
            case Map<?, ?> map -> {
                generator.writeStartObject();
                for (Map.Entry<?, ?> entry : map.entrySet()) {
                    generator.writeFieldName((String) entry.getKey());
                    write(generator, entry.getValue());
                }
                generator.writeEndObject();
            }
            case Collection<?> collection -> {
                generator.writeStartArray();
                for (Object element : collection) {
                    write(generator, element);
                }
                generator.writeEndArray();
            }
            default -> throw new IllegalArgumentException("not a plain JSON value: " + value.getClass());
        }
    }
}
