package dev.cfn.coord;

import java.util.Map;

/**
 * What an agent reports when it finishes: the payload pushed on its {@code done} list (what a
 * waiting orchestrator receives), and optionally its confidence and a result hash, written before
 * the payload so they are readable when the orchestrator wakes.
 *
 * @param payload the signal, e.g. {@code complete} or a JSON document; at most 1 MiB
 * @param confidence from 0.0 to 1.0, or null when the agent reported none
 * @param result fields of the result hash; empty for none; at most 1 MiB together
 */
public record Completion(String payload, Double confidence, Map<String, String> result) {
    /** The payload the original protocol's agents push. */
    public static final String DEFAULT_PAYLOAD = "complete";

    public Completion {
        Payloads.require("signal payload", payload);
        if (confidence != null) {
            Payloads.requireConfidence(confidence);
        }
        result = Payloads.requireFields("result", result);
    }

    /** A bare signal: a payload, no confidence, no result. */
    public static Completion of(String payload) {
        return new Completion(payload, null, Map.of());
    }
}
