package dev.cfn.cli.skill;

import dev.cfn.cli.CfnSubcommand;
import dev.cfn.cli.Progress;
import dev.cfn.skills.ProposeResult;
import dev.cfn.skills.file.SkillFile;
import dev.cfn.skills.file.SkillTree;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "import",
        description = {
            "Propose every SKILL.md under DIR in one transaction.",
            "",
            "One bad file aborts the whole import (exit 2, naming the file) and leaves the database"
                    + " unchanged. Files identical to the latest version are skipped, so importing the same tree"
                    + " twice is harmless."
        },
        footer = {"", "Example: cfn skill import examples/skills --approver alice@example.com"})
public final class SkillImportCommand extends CfnSubcommand {
    @Parameters(paramLabel = "DIR", description = "Folder searched at any depth for SKILL.md files.")
    Path dir;

    @Option(
            names = "--approver",
            paramLabel = "WHO",
            description = "Approve versions that need review on import, recorded as WHO.")
    String approver;

    @Override
    protected void execute() {
        if (approver != null && approver.isBlank()) {
            throw new dev.cfn.InvalidInputException("--approver must not be empty");
        }
        List<Path> files = SkillTree.find(dir, true);
        Progress progress = new Progress(out().err(), "parsing", files.size(), 200);
        List<SkillFile> parsed = SkillTree.parseAll(ctx().registry().parser(), files, progress);
        parsed.forEach(f -> f.warnings().forEach(out()::warn));
        List<ProposeResult> results = ctx().registry().propose(parsed, approver, true);
        Map<String, Long> counts = new LinkedHashMap<>();
        for (ProposeResult.Outcome o : ProposeResult.Outcome.values()) {
            counts.put(
                    o.name().toLowerCase(java.util.Locale.ROOT),
                    results.stream().filter(r -> r.outcome() == o).count());
        }
        long pending = results.stream().filter(r -> r.state().awaitsDecision()).count();
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("files", files.size());
        doc.putAll(counts);
        doc.put("pending", pending);
        doc.put("skills", results.stream().map(SkillViews::proposed).toList());
        out().print(
                        doc,
                        () -> out().line(
                                        "imported " + files.size() + " files from " + dir + ": " + counts.get("created")
                                                + " new skills, " + counts.get("added_version") + " new versions, "
                                                + counts.get("unchanged")
                                                + " unchanged; " + pending + " awaiting approval"));
    }
}
