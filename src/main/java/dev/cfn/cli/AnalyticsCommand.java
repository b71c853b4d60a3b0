package dev.cfn.cli;

import dev.cfn.skills.analytics.Report;
import dev.cfn.skills.analytics.SkillAnalytics;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "analytics",
        description = {
            "Registry reports: effectiveness, velocity, bottlenecks, by-approval and usage.",
            "",
            "Effectiveness: confidence gain and time by approval level. Velocity: decisions by level"
                    + " with age and SLA share. Bottlenecks: the longest-waiting reviews. By-approval: skills by"
                    + " level and status. Usage: the top skills by use."
        },
        footer = {"", "Example: cfn analytics effectiveness --days 7 --json"})
public final class AnalyticsCommand extends CfnSubcommand {
    @Parameters(paramLabel = "REPORT", description = "effectiveness | velocity | bottlenecks | by-approval | usage")
    String report;

    @Option(names = "--days", defaultValue = "30", paramLabel = "N", description = "Window in days (default 30).")
    int days;

    @Override
    protected void execute() {
        if (!SkillAnalytics.REPORTS.contains(report)) {
            throw new dev.cfn.InvalidInputException("REPORT must be one of " + String.join(", ", SkillAnalytics.REPORTS)
                    + ", but was '" + report + "'");
        }
        Report r = ctx().analytics().report(report, days);
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("report", r.name());
        doc.put("days", r.days());
        doc.put("rows", r.rows());
        doc.put("summary", r.summary());
        out().print(doc, () -> {
            if (r.rows().isEmpty()) {
                out().line("no data for " + r.name() + " in the last " + days + " days");
            } else {
                List<String> headers = new ArrayList<>(r.rows().get(0).keySet());
                out().table(
                                headers.stream()
                                        .map(h -> h.toUpperCase(java.util.Locale.ROOT))
                                        .toList(),
                                r.rows().stream()
                                        .map(row -> new ArrayList<Object>(row.values()))
                                        .map(l -> (List<Object>) l)
                                        .toList());
            }
            r.summary().forEach((k, v) -> out().line(k + ": " + Output.format(v)));
        });
    }
}
