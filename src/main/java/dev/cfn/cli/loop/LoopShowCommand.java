package dev.cfn.cli.loop;

import dev.cfn.cli.CfnSubcommand;
import dev.cfn.loop.Budget;
import dev.cfn.loop.RunJson;
import dev.cfn.loop.RunStore;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(
        name = "show",
        description =
                "A run's status, each iteration's gate, consensus, deliverables and decision, and every agent result.",
        footer = {"", "Example: cfn loop show run-20261127-031500-a1b2c3 --json"})
public final class LoopShowCommand extends CfnSubcommand {
    @Parameters(paramLabel = "ID", description = "The run id (see cfn loop list).")
    String runId;

    @Override
    protected void execute() {
        RunStore store = new RunStore(ctx().database());
        var run =
                store.run(runId).orElseThrow(() -> new dev.cfn.NotFoundException("run '" + runId + "' does not exist"));
        var report = store.report(runId, ctx().clock().millis());
        Map<String, Object> doc = RunJson.details(store, run, ctx().clock().millis());
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> agents = (List<Map<String, Object>>) doc.get("agents");
        out().print(doc, () -> {
            LoopViews.print(out(), report);
            var budget = run.settings().budget();
            if (!budget.equals(dev.cfn.loop.Budget.NONE)) {
                out().line("budget: " + LoopViews.budget(budget));
            }
            out().line("");
            out().table(
                            List.of("ITER", "AGENT", "STATUS", "CONFIDENCE", "COST", "NOTE"),
                            agents.stream()
                                    .map(a -> java.util.Arrays.<Object>asList(
                                            a.get("iteration"),
                                            a.get("agent_id"),
                                            a.get("status"),
                                            a.get("confidence"),
                                            Budget.usd((Double) a.get("cost_usd")),
                                            a.get("confidence_reason") != null
                                                    ? a.get("confidence_reason")
                                                    : a.get("decision") != null ? a.get("decision") : a.get("summary")))
                                    .toList());
        });
    }
}
