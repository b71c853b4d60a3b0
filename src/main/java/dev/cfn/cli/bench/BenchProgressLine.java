package dev.cfn.cli.bench;

import dev.cfn.skills.bench.BenchProgress;
import java.io.PrintStream;

/** One progress line on a terminal's stderr, redrawn at most ten times a second. */
final class BenchProgressLine implements BenchProgress {
    private static final long REDRAW_NANOS = 100_000_000L;

    private final PrintStream err;
    private String phase = "";
    private long lastDraw;

    BenchProgressLine(PrintStream err) {
        this.err = err;
    }

    @Override
    public void update(String newPhase, long done, long total) {
        long now = System.nanoTime();
        boolean changed = !newPhase.equals(phase);
        if (!changed && now - lastDraw < REDRAW_NANOS) {
            return;
        }
        phase = newPhase;
        lastDraw = now;
        String text = newPhase.isEmpty()
                ? ""
                : "bench: " + newPhase + (total > 1 ? " " + done + "/" + total : done > 0 ? " " + done : "");
        err.print("\r\033[K" + text);
        err.flush();
    }
}
