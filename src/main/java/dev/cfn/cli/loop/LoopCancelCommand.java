package dev.cfn.cli.loop;

import dev.cfn.CfnException;
import dev.cfn.ConflictException;
import dev.cfn.InvalidInputException;
import dev.cfn.cli.CfnSubcommand;
import dev.cfn.cli.coord.DurationConverter;
import dev.cfn.loop.RunRecord;
import dev.cfn.loop.RunStatus;
import dev.cfn.loop.RunStore;
import dev.cfn.loop.session.RunCancel;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "cancel",
        description = {
            "Stop a running loop, whichever process drives it.",
            "",
            "Its running agents are ended, no new agent starts, and the run is stored as stopped with the"
                    + " reason 'cancelled by <you>' (cfn loop resume continues it). Waits until it has stopped."
                    + " Exit 3 for an unknown run, 4 for one not running."
        },
        footer = {"", "Example: cfn loop cancel run-20261127-031500-a1b2c3"})
public final class LoopCancelCommand extends CfnSubcommand {
    private static final long POLL_MS = 100;

    @Parameters(paramLabel = "ID", description = "The run id (see cfn loop list).")
    String runId;

    @Option(
            names = "--wait",
            defaultValue = "30s",
            converter = DurationConverter.class,
            paramLabel = "D",
            description = "How long to wait for the run to stop (default 30s).")
    Duration wait;

    @Override
    protected void execute() throws InterruptedException {
        if (wait.isNegative() || wait.isZero()) {
            throw new InvalidInputException("--wait must be above 0, but was " + wait);
        }
        RunStore store = new RunStore(ctx().database());
        String who = System.getProperty("user.name", "cli");
        RunCancel.request(store, runId, who, ctx().clock());
        RunRecord run = awaitStop(store, who);
        if (run.status() != RunStatus.STOPPED) {
            throw new ConflictException("run '" + runId + "' ended " + run.status() + " before the cancel took effect");
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("run_id", runId);
        doc.put("status", run.status().label());
        doc.put("reason", run.exitReason());
        out().print(doc, () -> out().line("run " + runId + " stopped: " + run.exitReason()));
    }

    private RunRecord awaitStop(RunStore store, String who) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            RunRecord run = store.run(runId).orElseThrow();
            if (!run.running()) {
                return run;
            }
            if (System.nanoTime() > deadline) {
                throw new CfnException("run '" + runId + "': cancel requested, but the process driving it has not"
                        + " stopped it within " + dev.cfn.loop.Budget.duration(wait.toMillis())
                        + " (it stays requested)");
            }
            RunCancel.stopIfOrphaned(store, runId, who, ctx().clock());
            Thread.sleep(POLL_MS);
        }
    }
}
