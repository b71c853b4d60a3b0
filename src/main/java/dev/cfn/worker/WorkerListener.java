package dev.cfn.worker;

/** What a {@link QueueWorker} reports as it works (progress lines); called from worker threads. */
@FunctionalInterface
public interface WorkerListener {
    WorkerListener NONE = (event, detail) -> {};

    /**
     * @param event {@code started}, {@code finished}, {@code duplicate}, {@code expired},
     *     {@code released}, {@code unreadable} or {@code warning}
     */
    void on(String event, String detail);
}
