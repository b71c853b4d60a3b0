package dev.cfn.redis;

import dev.cfn.CfnException;
import dev.cfn.InvalidInputException;
import dev.cfn.RetriableException;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisCommandTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * The one place where Lettuce's failures become cfn's: Redis down, closed or slow is a {@link
 * RetriableException} (exit 1), rejected credentials or a key of the wrong type an {@link
 * InvalidInputException} (exit 2). Messages are one line and name the URL without its password.
 */
public final class LettuceErrors {
    private LettuceErrors() {}

    /**
     * @param url the Redis URL without its password
     * @param timeout the command timeout, for the message
     */
    public static CfnException translate(String url, Duration timeout, Throwable failure) {
        Throwable e = unwrap(failure);
        if (e instanceof CfnException cfn) {
            return cfn;
        }
        if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
            return new RetriableException("interrupted while talking to Redis at " + url, e);
        }
        if (e instanceof RedisCommandTimeoutException || e instanceof TimeoutException) {
            return new RetriableException(
                    "Redis at " + url + " did not answer within " + human(timeout) + " (the command timeout)", e);
        }
        String root = rootMessage(e);
        if (root.contains("WRONGPASS") || root.contains("NOAUTH") || root.contains("invalid password")) {
            return new InvalidInputException("Redis at " + url + " rejected the credentials: " + root);
        }
        if (isWrongType(e)) {
            return new InvalidInputException("Redis at " + url + ": " + root);
        }
        return new RetriableException("Redis at " + url + " is unavailable: " + root, e);
    }

    /** True for an error reply that retrying cannot fix (as opposed to a dropped connection). */
    public static boolean isCommandError(Throwable failure) {
        return unwrap(failure) instanceof RedisCommandExecutionException;
    }

    private static boolean isWrongType(Throwable e) {
        return e instanceof RedisCommandExecutionException && rootMessage(e).startsWith("WRONGTYPE");
    }

    private static Throwable unwrap(Throwable e) {
        Throwable t = e;
        while ((t instanceof ExecutionException || t instanceof CompletionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return message.lines().findFirst().orElse(message).strip();
    }

    static String human(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }
}
