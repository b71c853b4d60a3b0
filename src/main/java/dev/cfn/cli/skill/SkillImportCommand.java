package dev.cfn.cli.skill;

import dev.cfn.InvalidInputException;
import dev.cfn.cli.CfnSubcommand;
import dev.cfn.cli.Progress;
import dev.cfn.skills.ProposeResult;
import dev.cfn.skills.SkillRegistry;
import dev.cfn.skills.file.SkillFile;
import dev.cfn.skills.file.SkillTree;
import java.nio.file.Path;
import java.util.ArrayList;
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
            "Every bad file is reported, one 'path:line: why' line each on stderr (a file that does not parse,"
                    + " a name defined twice, a version that does not increase); then the import fails as a whole"
                    + " (exit 2) and leaves the database unchanged. With --skip-invalid the valid files are"
                    + " imported in one transaction, the bad ones listed the same way, and the exit code is 0 when"
                    + " at least one file was valid. Files identical to the latest version are skipped, so"
                    + " importing the same tree twice is harmless."
        },
        footer = {
            "",
            "Example: cfn skill import examples/skills --approver alice@example.com",
            "         cfn skill import ~/collected-skills --skip-invalid"
        })
public final class SkillImportCommand extends CfnSubcommand {
    @Parameters(paramLabel = "DIR", description = "Folder searched at any depth for SKILL.md files.")
    Path dir;

    @Option(
            names = "--approver",
            paramLabel = "WHO",
            description = "Approve versions that need review on import, recorded as WHO.")
    String approver;

    @Option(
            names = "--skip-invalid",
            description = "Import the valid files and list the invalid ones, instead of importing nothing.")
    boolean skipInvalid;

    @Override
    protected void execute() {
        if (approver != null && approver.isBlank()) {
            throw new dev.cfn.InvalidInputException("--approver must not be empty");
        }
        List<Path> files = SkillTree.find(dir, true);
        Progress progress = new Progress(out().err(), "parsing", files.size(), 200);
        SkillTree.Parsed read = SkillTree.parseEach(ctx().registry().parser(), files, progress);
        List<SkillFile> parsed = read.files();
        parsed.forEach(f -> f.warnings().forEach(out()::warn));
        List<String> invalid = new ArrayList<>(read.problems());
        if (!skipInvalid && !invalid.isEmpty()) {
            throw rejected(invalid, files.size(), "are invalid", "valid ones");
        }
        SkillRegistry.Imported imported;
        try {
            imported = ctx().registry().importFiles(parsed, approver, skipInvalid);
        } catch (SkillRegistry.ImportRejected e) {
            throw rejected(e.problems(), files.size(), "conflict with the registry", "others");
        }
        invalid.addAll(imported.conflicts());
        invalid.forEach(this::problem);
        List<ProposeResult> results = imported.results();
        if (results.isEmpty()) {
            throw new InvalidInputException("none of the " + files.size() + " files under " + dir + " is valid");
        }
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
        doc.put("invalid", invalid);
        out().print(
                        doc,
                        () -> out().line("imported " + files.size() + " files from " + dir + ": "
                                + counts.get("created")
                                + " new skills, " + counts.get("added_version") + " new versions, "
                                + counts.get("unchanged")
                                + " unchanged; " + pending + " awaiting approval"
                                + (invalid.isEmpty() ? "" : "; " + invalid.size() + " invalid, skipped")));
    }

    /** One {@code cfn: path:line: why} line on stderr. */
    private void problem(String line) {
        out().err().println("cfn: " + line);
    }

    /**
     * The error that refuses the whole import: one file's own {@code path:line: why} (the single
     * line of any failing command), or each file's line followed by a count.
     */
    private InvalidInputException rejected(List<String> problems, int files, String what, String others) {
        if (problems.size() == 1) {
            return new InvalidInputException(problems.get(0));
        }
        problems.forEach(this::problem);
        return new InvalidInputException(problems.size() + " of " + files + " files under " + dir + " " + what
                + ": nothing imported (--skip-invalid imports the " + others + ")");
    }
}
