package dev.cfn.cli.loop;

import dev.cfn.NotFoundException;
import dev.cfn.cli.CfnSubcommand;
import dev.cfn.loop.RunStore;
import dev.cfn.loop.session.RunChanges;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "diff",
        description = "What a run changed in its git workdir, as git's diff: from the workdir as the run found it to"
                + " the state after its last implementers, or one iteration's change with --iteration (untracked"
                + " files count, ignored ones do not).",
        footer = {
            "",
            "Example: cfn loop diff run-20261127-031500-a1b2c3",
            "         cfn loop diff run-20261127-031500-a1b2c3 --iteration 2 --json"
        })
public final class LoopDiffCommand extends CfnSubcommand {
    @Parameters(paramLabel = "ID", description = "The run id (see cfn loop list).")
    String runId;

    @Option(
            names = "--iteration",
            paramLabel = "N",
            description = "Only iteration N: from its start to after its implementers.")
    Integer iteration;

    @Override
    protected void execute() {
        RunStore store = new RunStore(ctx().database());
        var run = store.run(runId).orElseThrow(() -> new NotFoundException("run '" + runId + "' does not exist"));
        RunChanges changes = RunChanges.of(store, run, iteration);
        String diff = changes.diff();
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("run_id", runId);
        doc.put("iteration", iteration);
        doc.put("from", changes.from());
        doc.put("to", changes.to());
        doc.put("files", changes.files());
        doc.put("diff", diff);
        out().print(doc, () -> out().text(diff));
    }
}
