package dev.cfn;

/** The user's input is malformed or breaks a rule (CLI exit 2, HTTP 400). */
public class InvalidInputException extends CfnException {
    public InvalidInputException(String message) {
        super(message);
    }

    /**
     * The user's text as it may stand in a one-line error: control characters escaped, cut to 80
     * characters (with {@code ...}).
     */
    public static String printable(String text) {
        StringBuilder out = new StringBuilder();
        text.codePoints().limit(80).forEach(cp -> {
            if (Character.isISOControl(cp)) {
                out.append(String.format("\\u%04x", cp));
            } else {
                out.appendCodePoint(cp);
            }
        });
        return text.codePointCount(0, text.length()) > 80 ? out + "..." : out.toString();
    }
}
