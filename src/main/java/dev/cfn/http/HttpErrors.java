package dev.cfn.http;

import dev.cfn.CfnException;
import dev.cfn.ConflictException;
import dev.cfn.InvalidInputException;
import dev.cfn.NotFoundException;
import dev.cfn.RetriableException;
import io.javalin.http.Context;
import java.util.Map;

/** The one mapping from cfn's failures to HTTP status codes, with a one-line JSON error body. */
final class HttpErrors {
    private HttpErrors() {}

    static int status(CfnException failure) {
        if (failure instanceof InvalidInputException) {
            return 400;
        }
        if (failure instanceof NotFoundException) {
            return 404;
        }
        if (failure instanceof ConflictException) {
            return 409;
        }
        if (failure instanceof RetriableException) {
            return 503;
        }
        return 500;
    }

    static void respond(Context ctx, CfnException failure) {
        ctx.status(status(failure)).json(Map.of("error", oneLine(failure.getMessage())));
    }

    static String oneLine(String message) {
        return message == null
                ? "internal error"
                : message.lines().findFirst().orElse("").strip();
    }
}
