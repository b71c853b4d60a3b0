package dev.cfn.agents.process;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Ends a process and all its descendants: TERM to each, then KILL to those alive after a grace. */
final class ProcessTree {
    private ProcessTree() {}

    /**
     * Ends {@code root} and every descendant it has now. Blocks for at most {@code grace} (plus the
     * time the kernel takes to deliver KILL). Restores the interrupt flag if interrupted, and still
     * force-kills.
     */
    static void kill(ProcessHandle root, Duration grace) {
        List<ProcessHandle> tree = new ArrayList<>();
        tree.add(root);
        root.descendants().forEach(tree::add);
        tree.forEach(ProcessHandle::destroy);
        CompletableFuture<?>[] exits = tree.stream().map(ProcessHandle::onExit).toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(exits).get(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (TimeoutException | ExecutionException e) {
            // some ignored TERM: they get KILL below
        }
        root.descendants().forEach(tree::add); // forked during the grace
        for (ProcessHandle p : tree) {
            if (p.isAlive()) {
                p.destroyForcibly();
            }
        }
    }
}
