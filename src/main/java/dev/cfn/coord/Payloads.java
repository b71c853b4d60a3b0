package dev.cfn.coord;

import dev.cfn.InvalidInputException;
import dev.cfn.redis.KeyScheme;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * The limits on what agents write: no value, and no set of fields written at once, may exceed 1
 * MiB (UTF-8), and a confidence is a number from 0.0 to 1.0. Shared by every {@link Coordinator}.
 */
public final class Payloads {
    /** 1 MiB: the largest payload, result, context write, message or heartbeat accepted. */
    public static final int MAX_BYTES = 1 << 20;

    private Payloads() {}

    /**
     * @param what names the value in the error, e.g. {@code "signal payload"}
     * @throws InvalidInputException if the value is null or longer than {@link #MAX_BYTES} in UTF-8
     */
    public static String require(String what, String value) {
        if (value == null) {
            throw new InvalidInputException(what + " must not be missing");
        }
        check(what, utf8Length(value));
        return value;
    }

    /**
     * @throws InvalidInputException if a field name is empty, a value is null, or names and values
     *     together are longer than {@link #MAX_BYTES} in UTF-8
     */
    public static Map<String, String> requireFields(String what, Map<String, String> fields) {
        Objects.requireNonNull(fields, what);
        long bytes = 0;
        for (Map.Entry<String, String> field : fields.entrySet()) {
            if (field.getKey() == null || field.getKey().isEmpty()) {
                throw new InvalidInputException(what + " field names must not be empty");
            }
            if (field.getValue() == null) {
                throw new InvalidInputException(
                        what + " field '" + InvalidInputException.printable(field.getKey()) + "' must have a value");
            }
            bytes += utf8Length(field.getKey()) + utf8Length(field.getValue());
        }
        check(what, bytes);
        return Map.copyOf(fields);
    }

    /**
     * @throws InvalidInputException if the confidence is not a finite number from 0.0 to 1.0
     */
    public static double requireConfidence(double confidence) {
        if (!(confidence >= 0.0 && confidence <= 1.0)) {
            throw new InvalidInputException("confidence must be from 0.0 to 1.0, but was " + confidence);
        }
        return confidence;
    }

    /**
     * @throws InvalidInputException if the collection is empty or an id is invalid
     */
    public static List<String> requireAgentIds(Collection<String> agentIds) {
        if (agentIds == null || agentIds.isEmpty()) {
            throw new InvalidInputException("at least one agent id is needed");
        }
        agentIds.forEach(KeyScheme::requireAgentId);
        return List.copyOf(agentIds);
    }

    /**
     * Reads a stored confidence, written by cfn or by any agent with plain Redis commands.
     *
     * @param value the stored text, or null when the key does not exist
     * @throws InvalidInputException naming the key if the value is not a number from 0.0 to 1.0
     */
    public static OptionalDouble parseConfidence(String key, String value) {
        if (value == null) {
            return OptionalDouble.empty();
        }
        try {
            double confidence = Double.parseDouble(value.trim());
            if (confidence >= 0.0 && confidence <= 1.0) {
                return OptionalDouble.of(confidence);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidInputException(
                key + " must hold a number from 0.0 to 1.0, but was '" + InvalidInputException.printable(value) + "'");
    }

    private static void check(String what, long bytes) {
        if (bytes > MAX_BYTES) {
            throw new InvalidInputException(
                    what + " must be at most 1 MiB (" + MAX_BYTES + " bytes), but was " + bytes + " bytes");
        }
    }

    static long utf8Length(String text) {
        long bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length()) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }
}
