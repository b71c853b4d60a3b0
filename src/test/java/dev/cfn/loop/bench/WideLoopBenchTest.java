package dev.cfn.loop.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class WideLoopBenchTest {
    @Test
    void peak_heap_is_the_largest_heap_before_a_collection_or_at_exit() {
        List<String> log = List.of(
                "[0.004s][info][gc] Using G1",
                "[0.329s][info][gc] GC(0) Pause Young (Normal) (G1 Evacuation Pause) 19M->7M(256M) 5.125ms",
                "[0.529s][info][gc] GC(1) Pause Young (Normal) (G1 Evacuation Pause) 41M->9M(256M) 3.000ms",
                "[0.718s][info][gc,exit] Heap",
                "[0.718s][info][gc,exit]  garbage-first heap   total reserved 262144K, committed 262144K,"
                        + " used 23310K [0x00000000f0000000, 0x0000000100000000)",
                "[0.718s][info][gc,exit]  Metaspace       used 99699K, committed 9920K, reserved 1114112K");

        assertThat(WideLoopBench.heap(log)).containsEntry("gc_collections", 2).containsEntry("peak_heap_used_mb", 41L);
    }

    @Test
    void without_collections_the_heap_at_exit_is_the_peak() {
        List<String> log =
                List.of("[0.718s][info][gc,exit]  garbage-first heap   total reserved 262144K, committed 262144K,"
                        + " used 53248K [0x00000000f0000000, 0x0000000100000000)");

        assertThat(WideLoopBench.heap(log)).containsEntry("gc_collections", 0).containsEntry("peak_heap_used_mb", 52L);
    }
}
