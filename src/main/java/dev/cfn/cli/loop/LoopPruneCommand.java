package dev.cfn.cli.loop;

import dev.cfn.InvalidInputException;
import dev.cfn.cli.CfnSubcommand;
import dev.cfn.loop.RunStore;
import dev.cfn.loop.session.RunPrune;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "prune",
        description = {
            "Remove what old runs left under the home: their agent logs and transcripts (<home>/logs/<run-id>)"
                    + " and their worktrees (<home>/worktrees/<run-id>), and with --runs their stored rows.",
            "",
            "A run counts as old when nothing touched it (no result, heartbeat or end) for --older-than; a run"
                    + " driven now is never pruned. Folders there that belong to no stored run go too once that"
                    + " old. Prints what it freed."
        },
        footer = {"", "Example: cfn loop prune --older-than 30d --runs"})
public final class LoopPruneCommand extends CfnSubcommand {
    private static final Pattern AGE = Pattern.compile("([0-9]{1,6})(d|h|m|s|w)");

    @Option(
            names = "--older-than",
            required = true,
            paramLabel = "AGE",
            description = "How old a run must be: a whole number with a unit d, h, m, s or w (e.g. 30d).")
    String olderThan;

    @Option(names = "--runs", description = "Also delete the runs' rows (iterations, results, events).")
    boolean runs;

    @Override
    protected void execute() {
        Duration age = age(olderThan);
        long now = ctx().clock().millis();
        RunPrune.Freed freed = RunPrune.prune(
                new RunStore(ctx().database()), ctx().settings().home(), now - age.toMillis(), now, runs);
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("runs", freed.runs());
        doc.put("other_folders", freed.folders());
        doc.put("log_bytes", freed.logBytes());
        doc.put("worktree_bytes", freed.worktreeBytes());
        doc.put("rows_deleted", freed.rowsDeleted());
        out().print(doc, () -> {
            freed.runs().forEach(id -> out().line("pruned " + id));
            freed.folders().forEach(f -> out().line("removed " + f));
            out().line("freed " + bytes(freed.logBytes()) + " of logs and transcripts, "
                    + bytes(freed.worktreeBytes()) + " of worktrees"
                    + (runs ? "; deleted " + freed.rowsDeleted() + " runs' rows" : ""));
        });
    }

    static Duration age(String text) {
        Matcher m = AGE.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new InvalidInputException(
                    "--older-than must be a whole number with a unit d, h, m, s or w (e.g. 30d), but was '" + text
                            + "'");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "w" -> Duration.ofDays(7 * n);
            case "d" -> Duration.ofDays(n);
            case "h" -> Duration.ofHours(n);
            case "m" -> Duration.ofMinutes(n);
            default -> Duration.ofSeconds(n);
        };
    }

    private static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        if (n < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f KiB", n / 1024.0);
        }
        return String.format(Locale.ROOT, "%.1f MiB", n / (1024.0 * 1024));
    }
}
