package dev.cfn.http;

import dev.cfn.CfnException;
import dev.cfn.ConflictException;
import dev.cfn.InvalidInputException;
import dev.cfn.NotFoundException;
import dev.cfn.RetriableException;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
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

    /** Javalin's own refusals (404 no such route, 405, 413, 401) in the same one-line JSON shape. */
    static void respond(Context ctx, HttpResponseException failure, long maxBodyBytes) {
        String message = failure.getStatus() == 413
                ? "request body is larger than the limit of " + maxBodyBytes + " bytes"
                : oneLine(failure.getMessage());
        ctx.status(failure.getStatus()).json(Map.of("error", message));
    }

    /** A bug: 500 with one line, and the stack trace on stderr for the operator. */
    static void respondInternal(Context ctx, Exception failure) {
        failure.printStackTrace();
        ctx.status(500).json(Map.of("error", "internal error: " + oneLine(String.valueOf(failure.getMessage()))));
    }

    static String oneLine(String message) {
        return message == null
                ? "internal error"
                : message.lines().findFirst().orElse("").strip();
    }
}
