package dev.cfn.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cfn.store.SqliteDatabase;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProbesTest {
    @TempDir
    Path dir;

    @AfterEach
    void restore() {
        Probes.install(Probe.NONE);
    }

    @Test
    void without_an_installed_probe_nothing_is_measured() {
        assertThat(Probes.current()).isSameAs(Probe.NONE);
        assertThat(Probes.current().enabled()).isFalse();
        assertThat(Probes.queryStart()).isZero();
        Probes.queryEnd("SELECT 1", 0L); // no probe: nothing happens, nothing throws
    }

    @Test
    void statements_on_a_real_sqlite_file_are_timed_once_installed_and_not_after_close() {
        CfnMetrics metrics = CfnMetrics.create().install();
        try (SqliteDatabase db = SqliteDatabase.open(dir.resolve("cfn.db"))) {
            db.read(sql -> sql.count("SELECT COUNT(*) FROM skills"));
            db.write(sql -> sql.update("UPDATE skills SET status = status WHERE id = ?", -1));
            Scrape scrape = Scrape.of(metrics.scrape());
            assertThat(scrape.value(
                            "database_query_duration_seconds_count", Map.of("query_type", "select", "table", "skills")))
                    .isEqualTo(1.0);
            assertThat(scrape.value(
                            "database_query_duration_seconds_count", Map.of("query_type", "update", "table", "skills")))
                    .isEqualTo(1.0);
            assertThat(scrape.value(
                            "database_query_duration_seconds_bucket",
                            Map.of("query_type", "select", "table", "skills", "le", "1.0")))
                    .isEqualTo(1.0);
            metrics.close();
            assertThat(Probes.current()).isSameAs(Probe.NONE);
            db.read(sql -> sql.count("SELECT COUNT(*) FROM skills"));
        }
    }

    @Test
    void closing_a_registry_that_is_not_installed_leaves_the_current_probe() {
        try (CfnMetrics installed = CfnMetrics.create().install()) {
            CfnMetrics other = CfnMetrics.create();
            other.close();
            assertThat(Probes.current()).isSameAs(installed.probe());
        }
    }
}
