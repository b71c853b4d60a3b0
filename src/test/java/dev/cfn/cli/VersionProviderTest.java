package dev.cfn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cfn.store.SqliteNativeLibrary;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VersionProviderTest {
    private static final List<String> PROPERTIES = List.of(
            SqliteNativeLibrary.PATH_PROPERTY,
            SqliteNativeLibrary.NAME_PROPERTY,
            SqliteNativeLibrary.SOURCE_PROPERTY,
            VersionProvider.AOT_CACHE,
            VersionProvider.AOT_STATUS);

    @TempDir
    Path dir;

    @AfterEach
    void clearProperties() {
        PROPERTIES.forEach(System::clearProperty);
    }

    @Test
    void version_names_the_program_the_jdk_and_both_start_up_caches() {
        PROPERTIES.forEach(System::clearProperty);
        Map<String, String> env = Map.of("XDG_CACHE_HOME", dir.resolve("xdg").toString());

        CliRun run = CliRun.of(env, List.of("--home", dir.resolve("home").toString(), "--version"));

        assertThat(run.exit()).isZero();
        assertThat(run.out().lines()).hasSize(4).satisfies(lines -> {
            assertThat(lines.get(0)).startsWith("cfn ");
            assertThat(lines.get(1))
                    .startsWith("JDK " + Runtime.version().feature())
                    .contains(System.getProperty("java.home"));
            assertThat(lines.get(2))
                    .isEqualTo("AOT cache: not in use: start cfn through bin/cfn to create and use one");
            assertThat(lines.get(3))
                    .startsWith("SQLite native library: cached just now, in use (" + dir.resolve("xdg/cfn/sqlite-"))
                    .endsWith("/libsqlitejdbc.so)");
        });
    }

    @Test
    void aot_cache_is_in_use_only_when_the_launcher_passed_one_and_the_jvm_mapped_it() {
        assertThat(VersionProvider.aotCache("/t/cfn-1-2-3.aot", null, "mixed mode, emulated-client, sharing"))
                .isEqualTo("in use (/t/cfn-1-2-3.aot)");
        assertThat(VersionProvider.aotCache("/t/cfn-1-2-3.aot", null, "mixed mode, emulated-client"))
                .startsWith("not in use: the JVM rejected /t/cfn-1-2-3.aot");
        assertThat(VersionProvider.aotCache(null, "JDK 21 has no AOT cache (needs 25 or newer)", "sharing"))
                .isEqualTo("not in use: JDK 21 has no AOT cache (needs 25 or newer)");
        assertThat(VersionProvider.aotCache(null, null, "sharing"))
                .isEqualTo("not in use: start cfn through bin/cfn to create and use one");
    }
}
