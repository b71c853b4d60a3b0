package dev.cfn.cli.worker;

import dev.cfn.cli.Output;
import dev.cfn.worker.WorkerListener;

/** One line per task event on stderr ({@code cfn worker: started coder-1-1}); warnings always. */
record WorkerLines(Output out) implements WorkerListener {
    @Override
    public void on(String event, String detail) {
        if (event.equals("warning")) {
            out.warn(detail);
        } else if (!out.json()) {
            synchronized (this) {
                out.err().println("cfn worker: " + event + " " + detail);
                out.err().flush();
            }
        }
    }
}
