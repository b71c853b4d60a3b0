package dev.cfn.http;

import dev.cfn.InvalidInputException;
import io.javalin.http.Context;

/** Query parameters, checked with a one-line error naming the parameter (400). */
final class Params {
    private Params() {}

    static int intParam(Context ctx, String name, int fallback) {
        String text = ctx.queryParam(name);
        if (text == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw new InvalidInputException(
                    "query parameter '" + name + "' must be an integer, but was '" + text + "'");
        }
    }
}
