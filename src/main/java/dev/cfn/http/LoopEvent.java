package dev.cfn.http;

import java.util.Map;

/**
 * One event of a run as streamed to SSE clients.
 *
 * @param seq its position in the run's stream, from 1 (the SSE event id)
 * @param name run-started, iteration-started, phase-started, agent-result, gate, consensus, decision,
 *     iteration-finished, run-finished, run-error
 */
record LoopEvent(long seq, String name, Map<String, Object> data) {
    LoopEvent {
        data = java.util.Collections.unmodifiableMap(nonNullValues(data));
    }

    /** After this event the run sends nothing more. */
    static boolean isLast(String name) {
        return "run-finished".equals(name) || "run-error".equals(name);
    }

    private static Map<String, Object> nonNullValues(Map<String, Object> data) {
        Map<String, Object> copy = new java.util.LinkedHashMap<>();
        data.forEach((k, v) -> {
            if (v != null) {
                copy.put(k, v);
            }
        });
        return copy;
    }
}
