package dev.cfn.agents.llm;

import java.time.Duration;
import java.util.Set;

/**
 * A model API call that failed: an HTTP error (with its status and {@code Retry-After}), or no answer
 * at all (a reset connection, a read timeout). The message names the provider and the error, never
 * the key.
 *
 * @see #retriable()
 */
public final class ApiFailure extends RuntimeException {
    /** The statuses worth another try: rate limited, unavailable, overloaded (Anthropic's 529). */
    static final Set<Integer> RETRIABLE = Set.of(429, 503, 529);

    private final int status;
    private final Duration retryAfter;
    private final boolean timedOut;

    /**
     * @param status the HTTP status, or -1 when no response came
     * @param retryAfter the server's {@code Retry-After}, or null
     */
    public ApiFailure(String message, int status, Duration retryAfter, boolean timedOut) {
        super(message, null, false, false);
        this.status = status;
        this.retryAfter = retryAfter;
        this.timedOut = timedOut;
    }

    public int status() {
        return status;
    }

    /** The wait the server asked for, or null. */
    public Duration retryAfter() {
        return retryAfter;
    }

    /** No answer within the call's time. */
    public boolean timedOut() {
        return timedOut;
    }

    /** Rate limited (429). */
    public boolean rateLimited() {
        return status == 429;
    }

    /** Worth repeating the same call: 429, 503, 529, or a connection that broke (not a timeout). */
    public boolean retriable() {
        return RETRIABLE.contains(status) || status == -1 && !timedOut;
    }

    /** {@code Retry-After} as seconds or an HTTP date; null when absent or unreadable. */
    static Duration parseRetryAfter(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.strip();
        try {
            double seconds = Double.parseDouble(v);
            return seconds < 0 ? null : Duration.ofMillis((long) (seconds * 1000));
        } catch (NumberFormatException e) {
            try {
                var when = java.time.ZonedDateTime.parse(v, java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration d = Duration.between(java.time.Instant.now(), when.toInstant());
                return d.isNegative() ? Duration.ZERO : d;
            } catch (java.time.format.DateTimeParseException e2) {
                return null;
            }
        }
    }
}
