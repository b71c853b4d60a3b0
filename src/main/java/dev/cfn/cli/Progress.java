package dev.cfn.cli;

import java.io.PrintStream;
import java.util.function.IntConsumer;

/**
 * A progress bar on stderr, drawn only when stderr is a terminal and the work is large enough to
 * be worth watching; a no-op otherwise (pipes and logs stay clean).
 */
public final class Progress implements IntConsumer {
    private final PrintStream err;
    private final String label;
    private final int total;
    private final boolean enabled;
    private int lastPercent = -1;

    public Progress(PrintStream err, String label, int total, int threshold) {
        this.err = err;
        this.label = label;
        this.total = total;
        this.enabled = total >= threshold && isTerminal();
    }

    @Override
    public void accept(int done) {
        if (!enabled) {
            return;
        }
        int percent = (int) (100L * done / Math.max(1, total));
        if (percent == lastPercent) {
            return;
        }
        lastPercent = percent;
        int filled = percent / 4;
        err.print("\r" + label + " [" + "#".repeat(filled) + " ".repeat(25 - filled) + "] " + done + "/" + total);
        if (done >= total) {
            err.println();
        }
        err.flush();
    }

    public static boolean isTerminal() {
        java.io.Console console = System.console();
        if (console == null) {
            return false;
        }
        try { // JDK 22+: a Console exists even when redirected; ask it
            return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }
}
