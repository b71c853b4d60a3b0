package dev.cfn.cli.db;

import dev.cfn.cli.CfnSubcommand;
import dev.cfn.store.Maintenance;
import dev.cfn.store.SqliteDatabase;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;

@Command(
        name = "stats",
        description =
                "Row counts, file (SQLite) or table (PostgreSQL) sizes and cache figures (this process's caches: a fresh CLI starts cold).",
        footer = {"", "Example: cfn db stats --json"})
public final class DbStatsCommand extends CfnSubcommand {
    @Override
    protected void execute() {
        var db = ctx().database();
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("database", db.describe());
        doc.put("counts", new Maintenance(db).counts());
        if (db instanceof SqliteDatabase sqlite) {
            doc.put("files", Maintenance.fileSizes(sqlite.file()));
        } else {
            doc.put("relations", new Maintenance(db).relationSizes());
        }
        var loader = ctx().loader();
        var stats = loader.stats();
        Map<String, Object> skillCache = new LinkedHashMap<>();
        skillCache.put("capacity", loader.capacity());
        skillCache.put("size", loader.size());
        skillCache.put("hits", stats.hitCount());
        skillCache.put("misses", stats.missCount());
        skillCache.put("evictions", stats.evictionCount());
        skillCache.put("hit_rate", stats.hitRate());
        doc.put("skill_cache", skillCache);
        var q = ctx().queryCache().stats();
        Map<String, Object> queryCache = new LinkedHashMap<>();
        queryCache.put("kind", q.kind());
        queryCache.put("size", q.size());
        queryCache.put("hits", q.hits());
        queryCache.put("misses", q.misses());
        queryCache.put("hit_rate", q.hitRate());
        doc.put("query_cache", queryCache);
        out().print(doc, () -> doc.forEach((k, v) -> out().line(k + ": " + v)));
    }
}
