package dev.cfn.json;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads one small JSON document into maps (in member order), lists, strings, {@link Number}s,
 * booleans and nulls, for the start-up path of one-shot commands (the command models, stored mapping
 * conditions). jackson-core's parser is the tool for anything larger or hot, but its first use
 * initializes {@code java.math.BigDecimal}, and that alone costs a fresh JVM 12-30 ms on this
 * machine's JDK 25, more than a whole {@code cfn skill load} should.
 */
public final class JsonReader {
    /** A JSON number, as its text (so nothing is lost or rounded, and no BigDecimal is needed). */
    public record Number(String text) {
        /** The number as an int; fails for one that is not a whole number in int's range. */
        public int intValue() {
            return Integer.parseInt(text);
        }
    }

    private final String text;
    private int at;

    public JsonReader(String text) {
        this.text = text;
    }

    /** The document's one value; an error names the offset of what is wrong. */
    public Object document() throws IOException {
        Object value = value();
        skipSpace();
        if (at != text.length()) {
            throw error("text after the document");
        }
        return value;
    }

    private Object value() throws IOException {
        skipSpace();
        if (at >= text.length()) {
            throw error("end of text where a value belongs");
        }
        char c = text.charAt(at);
        switch (c) {
            case '{' -> {
                return object();
            }
            case '[' -> {
                return array();
            }
            case '"' -> {
                return string();
            }
            default -> {
                if (text.startsWith("true", at)) {
                    at += 4;
                    return Boolean.TRUE;
                }
                if (text.startsWith("false", at)) {
                    at += 5;
                    return Boolean.FALSE;
                }
                if (text.startsWith("null", at)) {
                    at += 4;
                    return null;
                }
                return number();
            }
        }
    }

    private Map<String, Object> object() throws IOException {
        Map<String, Object> map = new LinkedHashMap<>();
        at++; // {
        if (next() == '}') {
            at++;
            return map;
        }
        while (true) {
            if (next() != '"') {
                throw error("a member name");
            }
            String name = string();
            if (next() != ':') {
                throw error("':'");
            }
            at++;
            map.put(name, value());
            char c = next();
            at++;
            if (c == '}') {
                return map;
            }
            if (c != ',') {
                throw error("',' or '}'");
            }
        }
    }

    private List<Object> array() throws IOException {
        List<Object> list = new ArrayList<>();
        at++; // [
        if (next() == ']') {
            at++;
            return list;
        }
        while (true) {
            list.add(value());
            char c = next();
            at++;
            if (c == ']') {
                return list;
            }
            if (c != ',') {
                throw error("',' or ']'");
            }
        }
    }

    private String string() throws IOException {
        StringBuilder out = new StringBuilder();
        at++; // "
        while (at < text.length()) {
            char c = text.charAt(at++);
            if (c == '"') {
                return out.toString();
            }
            if (c != '\\') {
                out.append(c);
                continue;
            }
            if (at >= text.length()) {
                break;
            }
            char escaped = text.charAt(at++);
            switch (escaped) {
                case '"', '\\', '/' -> out.append(escaped);
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'u' -> {
                    if (at + 4 > text.length()) {
                        throw error("four hex digits");
                    }
                    try {
                        out.append((char) Integer.parseInt(text, at, at + 4, 16));
                    } catch (NumberFormatException e) {
                        throw error("four hex digits");
                    }
                    at += 4;
                }
                default -> throw error("a JSON escape");
            }
        }
        throw error("the end of a string");
    }

    /** A number as JSON's grammar has it: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)? */
    private Number number() throws IOException {
        int start = at;
        skip('-');
        if (!skip('0') && digits() == 0) {
            at = start;
            throw error("a value");
        }
        if (skip('.') && digits() == 0) {
            throw error("a digit");
        }
        if (skip('e') || skip('E')) {
            if (!skip('+')) {
                skip('-');
            }
            if (digits() == 0) {
                throw error("a digit");
            }
        }
        return new Number(text.substring(start, at));
    }

    private boolean skip(char c) {
        if (at < text.length() && text.charAt(at) == c) {
            at++;
            return true;
        }
        return false;
    }

    private int digits() {
        int start = at;
        while (at < text.length() && text.charAt(at) >= '0' && text.charAt(at) <= '9') {
            at++;
        }
        return at - start;
    }

    private char next() throws IOException {
        skipSpace();
        if (at >= text.length()) {
            throw error("more text");
        }
        return text.charAt(at);
    }

    private void skipSpace() {
        while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
            at++;
        }
    }

    private IOException error(String expected) {
        return new IOException("malformed JSON at offset " + at + ": expected " + expected);
    }
}
