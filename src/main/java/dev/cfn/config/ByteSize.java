package dev.cfn.config;

import dev.cfn.InvalidInputException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A size as a user writes it: bytes, or a number with {@code k}, {@code m} or {@code g} (powers of 1024). */
public final class ByteSize {
    private static final Pattern SIZE = Pattern.compile("(\\d{1,12})([kmg]?)b?");

    private ByteSize() {}

    /**
     * The bytes {@code text} stands for, such as {@code 8m} or {@code 65536}.
     *
     * @param what the option or key, named in the error
     * @throws InvalidInputException when it is not a size, or is zero
     */
    public static long parse(String what, String text) {
        Matcher m = SIZE.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
            throw new InvalidInputException(
                    what + " must be a size such as 8m, 512k or 65536 (bytes), but was '" + text + "'");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "k" -> n << 10;
            case "m" -> n << 20;
            case "g" -> n << 30;
            default -> n;
        };
    }
}
