package dev.cfn.http;

import dev.cfn.loop.LoopEvent;
import java.util.Map;

/**
 * One event of a run as streamed to SSE clients: a {@link LoopEvent}'s name and fields with its
 * position in the run's stream.
 *
 * @param seq its position in the run's stream, from 1 (the SSE event id)
 * @param last nothing follows it in the run's stream
 */
record StreamEvent(long seq, String name, Map<String, Object> data, boolean last) {
    static StreamEvent of(long seq, LoopEvent event) {
        return new StreamEvent(seq, event.name(), event.data(), event.last());
    }
}
