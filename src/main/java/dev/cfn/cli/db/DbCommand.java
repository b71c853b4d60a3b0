package dev.cfn.cli.db;

import dev.cfn.cli.CfnGroup;
import dev.cfn.cli.CfnSubcommand;
import dev.cfn.store.Maintenance;
import dev.cfn.store.SqliteDatabase;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;

@Command(
        name = "db",
        description = "Database upkeep: check, vacuum, analyze, stats; migrate SQLite to PostgreSQL; bench-update.",
        footer = {"", "Example: cfn db check && cfn db stats --json"},
        subcommands = {
            DbCommand.Check.class,
            DbCommand.Vacuum.class,
            DbCommand.Analyze.class,
            DbStatsCommand.class,
            DbMigrateCommand.class,
            DbBenchUpdateCommand.class
        })
public final class DbCommand extends CfnGroup {
    @Command(
            name = "check",
            description = "integrity_check, foreign_key_check and every version's content hash; exit 1 on a problem.",
            footer = {"", "Example: cfn db check --json"})
    public static final class Check extends CfnSubcommand {
        @Override
        protected void execute() {
            Maintenance maintenance = new Maintenance(ctx().database());
            var problems = maintenance.check();
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("ok", problems.isEmpty());
            doc.put("versions_checked", maintenance.versionsChecked());
            doc.put("problems", problems);
            out().print(doc, () -> {
                problems.forEach(p -> out().line("problem: " + p));
                out().line(
                                problems.isEmpty()
                                        ? "ok: integrity, foreign keys and " + doc.get("versions_checked")
                                                + " content hashes"
                                        : problems.size() + " problems");
            });
            if (!problems.isEmpty()) {
                throw new dev.cfn.CfnException("database check found " + problems.size() + " problems");
            }
        }
    }

    @Command(
            name = "vacuum",
            description = "Rebuild the file, reclaiming free pages.",
            footer = {"", "Example: cfn db vacuum --json"})
    public static final class Vacuum extends CfnSubcommand {
        @Override
        protected void execute() {
            var db = ctx().database();
            long before = sizeOf(db);
            new Maintenance(db).vacuum();
            long after = sizeOf(db);
            out().print(
                            Map.of("bytes_before", before, "bytes_after", after),
                            () -> out().line("vacuumed " + db.describe() + ": " + before + " -> " + after + " bytes"));
        }
    }

    @Command(
            name = "analyze",
            description = "Refresh the query planner's statistics.",
            footer = {"", "Example: cfn db analyze"})
    public static final class Analyze extends CfnSubcommand {
        @Override
        protected void execute() {
            new Maintenance(ctx().database()).analyze();
            out().print(
                            Map.of("analyzed", true),
                            () -> out().line("analyzed " + ctx().database().describe()));
        }
    }

    static long sizeOf(dev.cfn.store.Database db) {
        if (db instanceof SqliteDatabase sqlite) {
            return Maintenance.fileSizes(sqlite.file()).values().stream()
                    .mapToLong(Long::longValue)
                    .sum();
        }
        return new Maintenance(db)
                .relationSizes().values().stream().mapToLong(Long::longValue).sum();
    }
}
