package dev.cfn.cli.agent;

import dev.cfn.agents.AgentDefinition;
import dev.cfn.agents.Quantities;
import dev.cfn.agents.definition.AgentCatalog;
import dev.cfn.cli.CfnSubcommand;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "list",
        description = "List the usable agents; files that cannot be used are reported on stderr as path:line: why.",
        footer = {"", "Example: cfn agent list --dir examples/agents --json"})
public final class AgentListCommand extends CfnSubcommand {
    @Mixin
    AgentDirOption dir;

    @Option(names = "--docs", description = "Also list the Markdown files without front matter (documentation).")
    boolean docs;

    @Override
    protected void execute() {
        AgentCatalog catalog = dir.load(ctx());
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("dir", catalog.dir().toString());
        doc.put("files", catalog.files());
        doc.put(
                "agents",
                catalog.definitions().stream().map(AgentViews::summary).toList());
        doc.put("problems", catalog.problems().stream().map(AgentViews::problem).toList());
        doc.put("warnings", catalog.warnings().stream().map(AgentViews::problem).toList());
        doc.put(
                "documentation",
                catalog.documentation().stream().map(Object::toString).toList());
        out().print(doc, () -> human(catalog));
    }

    private void human(AgentCatalog catalog) {
        catalog.problems().forEach(p -> out().err().println("cfn: cannot use " + p));
        catalog.warnings().forEach(w -> out().warn(w.toString()));
        if (catalog.agents().isEmpty()) {
            out().line("no agents in " + catalog.dir());
        } else {
            out().table(
                            List.of("NAME", "ROLE", "RUNTIME", "COMPLEXITY", "TIMEOUT", "WARM", "DESCRIPTION"),
                            catalog.definitions().stream()
                                    .map(AgentListCommand::row)
                                    .toList());
        }
        if (docs) {
            catalog.documentation().forEach(p -> out().line("documentation (no front matter): " + p));
        }
        out().line(catalog.agents().size() + " agents, " + catalog.problems().size() + " unusable, "
                + catalog.documentation().size() + " documentation files, in " + catalog.files() + " Markdown files");
    }

    private static List<Object> row(AgentDefinition d) {
        String description = d.description().lines().findFirst().orElse("");
        return Arrays.asList(
                d.name(),
                d.role().label(),
                d.runtime().label(),
                d.complexity().label(),
                Quantities.format(d.effectiveTimeout()),
                d.warm() ? "yes" : "no",
                description.length() > 60 ? description.substring(0, 57) + "..." : description);
    }
}
