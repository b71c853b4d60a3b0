package dev.cfn.cli.db;

import dev.cfn.CfnException;
import dev.cfn.InvalidInputException;
import dev.cfn.NotFoundException;
import dev.cfn.cli.CfnSubcommand;
import dev.cfn.cli.Progress;
import dev.cfn.store.MigrationResult;
import dev.cfn.store.PostgresDatabase;
import dev.cfn.store.PostgresUrl;
import dev.cfn.store.SqliteDatabase;
import dev.cfn.store.SqliteToPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "migrate",
        description = {
            "Copy the SQLite database of --home (never --db) to PostgreSQL, then verify the copy.",
            "",
            "Rows are copied in batches with their ids kept, then row counts and every version's"
                    + " content hash are verified; prints rows/s. A target holding data is refused (exit 4)"
                    + " unless --force replaces it; a migration cut short resumes when run again."
        },
        footer = {"", "Example: cfn db migrate --to 'jdbc:postgresql://127.0.0.1:5432/test?currentSchema=cfn'"})
public final class DbMigrateCommand extends CfnSubcommand {
    @Option(names = "--to", required = true, paramLabel = "URL", description = "Target jdbc:postgresql:// URL.")
    String to;

    @Option(names = "--force", description = "Replace whatever data the target holds.")
    boolean force;

    @Option(
            names = "--batch-size",
            paramLabel = "N",
            defaultValue = "1000",
            description = "Rows per batch, each one transaction (1 to 100000; default ${DEFAULT-VALUE}).")
    int batchSize;

    @Override
    protected void execute() {
        if (batchSize < 1 || batchSize > 100_000) {
            throw new InvalidInputException("--batch-size must be 1 to 100000, but was " + batchSize);
        }
        PostgresUrl url = PostgresUrl.parse(to);
        Path file = ctx().settings().sqliteFile();
        if (!Files.isRegularFile(file)) {
            throw new NotFoundException("no SQLite database at " + file + " to migrate (see --home)");
        }
        MigrationResult result;
        try (SqliteDatabase source = SqliteDatabase.open(file);
                PostgresDatabase target = PostgresDatabase.open(url, 4)) {
            Progress[] bar = new Progress[1];
            long[] done = new long[1];
            result = new SqliteToPostgres(source, target, batchSize, ctx().clock())
                    .run(
                            force,
                            total -> bar[0] = new Progress(out().err(), "migrating", (int) total, 1000),
                            rows -> bar[0].accept((int) (done[0] += rows)));
        }
        print(result);
        if (!result.verified()) {
            throw new CfnException("verification of " + result.target() + " found "
                    + result.problems().size() + " problems, first: "
                    + result.problems().getFirst());
        }
    }

    private void print(MigrationResult r) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("source", r.source());
        doc.put("target", r.target());
        doc.put("mode", r.mode().name().toLowerCase(Locale.ROOT));
        doc.put("tables", r.tableRows());
        doc.put("rows", r.totalRows());
        doc.put("rows_sent", r.rowsSent());
        doc.put("copy_seconds", r.copyTime().toNanos() / 1e9);
        doc.put("rows_per_second", Math.round(r.rowsPerSecond()));
        doc.put("verify_seconds", r.verifyTime().toNanos() / 1e9);
        doc.put("versions_verified", r.versionsVerified());
        doc.put("verified", r.verified());
        doc.put("problems", r.problems());
        out().print(doc, () -> {
            out().line("migrated " + r.source() + " -> " + r.target() + " (" + doc.get("mode") + ")");
            out().line(String.format(
                    Locale.ROOT,
                    "copied %,d rows in %.3f s: %,.0f rows/s",
                    r.rowsSent(),
                    r.copyTime().toNanos() / 1e9,
                    r.rowsPerSecond()));
            r.problems().forEach(p -> out().line("problem: " + p));
            out().line(String.format(
                    Locale.ROOT,
                    "verified in %.3f s: %s (%d tables, %,d rows), %,d version hashes",
                    r.verifyTime().toNanos() / 1e9,
                    r.verified() ? "row counts match" : r.problems().size() + " problems",
                    r.tableRows().size(),
                    r.totalRows(),
                    r.versionsVerified()));
        });
    }
}
