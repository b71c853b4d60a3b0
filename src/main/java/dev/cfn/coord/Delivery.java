package dev.cfn.coord;

import java.util.Objects;

/**
 * One entry a worker took from the queue.
 *
 * @param agentType the stream it came from
 * @param entryId the stream entry id, for ack, renew and release
 * @param payload the task as enqueued; null when the entry was deleted meanwhile (ack it)
 * @param reclaimed true when it was taken from a worker whose lease ran out
 */
public record Delivery(String agentType, String entryId, String payload, boolean reclaimed) {
    public Delivery {
        Objects.requireNonNull(agentType, "agentType");
        Objects.requireNonNull(entryId, "entryId");
    }
}
