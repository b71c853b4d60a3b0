package dev.cfn.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cfn.store.SqliteNativeLibrary.Source;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteNativeLibraryTest {
    private static final List<String> PROPERTIES = List.of(
            SqliteNativeLibrary.PATH_PROPERTY, SqliteNativeLibrary.NAME_PROPERTY, SqliteNativeLibrary.SOURCE_PROPERTY);

    @TempDir
    Path dir;

    private final Map<String, String> saved = new java.util.HashMap<>();

    @BeforeEach
    void clearDriverProperties() {
        PROPERTIES.forEach(p -> {
            String value = System.getProperty(p);
            if (value != null) {
                saved.put(p, value);
            }
            System.clearProperty(p);
        });
    }

    @AfterEach
    void restoreDriverProperties() {
        PROPERTIES.forEach(System::clearProperty);
        saved.forEach(System::setProperty);
    }

    @Test
    void the_library_is_extracted_once_into_a_versioned_folder_then_reused() throws IOException {
        SqliteNativeLibrary library = SqliteNativeLibrary.in(dir);

        assertThat(library.prepare()).isEqualTo(Source.EXTRACTED);
        FileTime extractedAt = Files.getLastModifiedTime(library.file());
        Object inode = Files.getAttribute(library.file(), "unix:ino");

        try (var files = Files.list(library.folder())) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .as("no temporary files left behind, no identity stamp in the tick of the extraction")
                    .containsExactlyInAnyOrder("libsqlitejdbc.so", "libsqlitejdbc.so.crc32");
        }
        nextClockTick();

        assertThat(library.prepare()).isEqualTo(Source.REUSED);
        assertThat(library.folder().toString()).contains("sqlite-" + org.sqlite.SQLiteJDBCLoader.getVersion());
        assertThat(Files.getLastModifiedTime(library.file())).isEqualTo(extractedAt);
        assertThat(Files.getAttribute(library.file(), "unix:ino")).isEqualTo(inode);
        assertThat(library.cached()).contains(library.file());
        try (var files = Files.list(library.folder())) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .as("the CRC-32 check wrote the identity stamp; no temporary files left behind")
                    .containsExactlyInAnyOrder("libsqlitejdbc.so", "libsqlitejdbc.so.crc32", "libsqlitejdbc.so.stat");
        }
    }

    @Test
    void a_copy_whose_stat_matches_the_identity_stamp_is_reused_without_reading_it() throws IOException {
        SqliteNativeLibrary library = SqliteNativeLibrary.in(dir);
        library.prepare();
        nextClockTick();
        library.prepare(); // the CRC-32 check, which writes the identity stamp
        assertThat(library.folder().resolve("libsqlitejdbc.so.stat")).isRegularFile();

        // With the CRC-32 stamp unusable, only the identity stamp can vouch for the copy.
        Files.writeString(library.folder().resolve("libsqlitejdbc.so.crc32"), "not a stamp");
        assertThat(library.prepare()).isEqualTo(Source.REUSED);
    }

    @Test
    void a_copy_written_to_after_its_identity_stamp_is_checked_again_even_with_its_old_time() throws IOException {
        SqliteNativeLibrary library = SqliteNativeLibrary.in(dir);
        library.prepare();
        nextClockTick();
        library.prepare();
        byte[] good = Files.readAllBytes(library.file());
        FileTime modified = Files.getLastModifiedTime(library.file());
        nextClockTick();

        byte[] bad = good.clone();
        bad[bad.length / 3] ^= 0x5a;
        Files.write(library.file(), bad);
        Files.setLastModifiedTime(library.file(), modified); // the change time cannot be set back

        assertThat(library.cached()).isEmpty();
        assertThat(library.prepare()).isEqualTo(Source.EXTRACTED);
        assertThat(Files.readAllBytes(library.file())).isEqualTo(good);
    }

    @Test
    void a_good_copy_with_a_stale_identity_stamp_is_verified_by_its_crc_and_stamped_again() throws IOException {
        SqliteNativeLibrary library = SqliteNativeLibrary.in(dir);
        library.prepare();
        Path stamp = library.folder().resolve("libsqlitejdbc.so.stat");
        Files.writeString(stamp, "1 2 3 4 5\n");
        nextClockTick();

        assertThat(library.prepare()).isEqualTo(Source.REUSED);
        assertThat(Files.readString(stamp)).isNotEqualTo("1 2 3 4 5\n");
    }

    @Test
    void verifying_ahead_only_reads_and_lets_install_take_the_verified_copy() throws IOException {
        Path xdg = dir.resolve("xdg");
        Map<String, String> env = Map.of("XDG_CACHE_HOME", xdg.toString());
        Path home = dir.resolve("home");

        SqliteNativeLibrary.verifyAhead(env);
        assertThat(xdg).doesNotExist();

        SqliteNativeLibrary library = SqliteNativeLibrary.in(xdg.resolve("cfn"));
        library.prepare();
        nextClockTick();
        library.prepare();
        Files.writeString(library.folder().resolve("libsqlitejdbc.so.crc32"), "not a stamp");
        SqliteNativeLibrary.verifyAhead(env);

        assertThat(SqliteNativeLibrary.install(SqliteNativeLibrary.roots(env, home)))
                .isEqualTo(Source.REUSED);
        assertThat(System.getProperty(SqliteNativeLibrary.PATH_PROPERTY))
                .isEqualTo(library.folder().toString());
        assertThat(home).doesNotExist();
    }

    /** Lets the file system's clock (a few ms a tick) move past the times of the files written so far. */
    private static void nextClockTick() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void a_damaged_copy_of_the_same_size_is_extracted_again() throws IOException {
        SqliteNativeLibrary library = SqliteNativeLibrary.in(dir);
        library.prepare();
        byte[] good = Files.readAllBytes(library.file());
        byte[] bad = good.clone();
        bad[bad.length / 2] ^= 0x5a;
        Files.write(library.file(), bad);

        assertThat(library.cached()).isEmpty();
        assertThat(library.prepare()).isEqualTo(Source.EXTRACTED);
        assertThat(Files.readAllBytes(library.file())).isEqualTo(good);
    }

    @Test
    void a_truncated_copy_or_a_missing_stamp_is_extracted_again() throws IOException {
        SqliteNativeLibrary library = SqliteNativeLibrary.in(dir);
        library.prepare();
        long size = Files.size(library.file());

        Files.write(library.file(), new byte[10]);
        assertThat(library.prepare()).isEqualTo(Source.EXTRACTED);
        assertThat(Files.size(library.file())).isEqualTo(size);

        Files.delete(library.folder().resolve("libsqlitejdbc.so.crc32"));
        assertThat(library.prepare()).isEqualTo(Source.EXTRACTED);
        assertThat(library.prepare()).isEqualTo(Source.REUSED);
    }

    @Test
    void install_points_the_driver_at_the_copy_in_the_first_usable_root() throws IOException {
        Path blocked = dir.resolve("not-a-folder");
        Files.writeString(blocked, "a file where a folder would have to be");
        Path usable = dir.resolve("cache");

        Source source = SqliteNativeLibrary.install(List.of(blocked.resolve("cfn"), usable));

        SqliteNativeLibrary library = SqliteNativeLibrary.in(usable);
        assertThat(source).isEqualTo(Source.EXTRACTED);
        assertThat(System.getProperty(SqliteNativeLibrary.PATH_PROPERTY))
                .isEqualTo(library.folder().toString());
        assertThat(System.getProperty(SqliteNativeLibrary.NAME_PROPERTY)).isEqualTo("libsqlitejdbc.so");
        assertThat(System.getProperty(SqliteNativeLibrary.SOURCE_PROPERTY)).isEqualTo("extracted");
        assertThat(library.cached()).isPresent();
        assertThat(SqliteNativeLibrary.install(List.of(usable)))
                .as("once per process")
                .isEqualTo(Source.EXTRACTED);
    }

    @Test
    void without_a_writable_root_the_driver_keeps_its_own_extraction() throws IOException {
        Path blocked = dir.resolve("not-a-folder");
        Files.writeString(blocked, "x");

        Source source = SqliteNativeLibrary.install(List.of(blocked.resolve("a"), blocked.resolve("b")));

        assertThat(source).isEqualTo(Source.DRIVER);
        assertThat(System.getProperty(SqliteNativeLibrary.PATH_PROPERTY)).isNull();
        assertThat(System.getProperty(SqliteNativeLibrary.NAME_PROPERTY)).isNull();
        assertThat(Files.readString(blocked)).isEqualTo("x");
    }

    @Test
    void a_path_the_user_set_is_left_alone() {
        System.setProperty(SqliteNativeLibrary.PATH_PROPERTY, "/opt/sqlite");

        Source source = SqliteNativeLibrary.install(List.of(dir));

        assertThat(source).isEqualTo(Source.DRIVER);
        assertThat(System.getProperty(SqliteNativeLibrary.PATH_PROPERTY)).isEqualTo("/opt/sqlite");
        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void roots_prefer_xdg_cache_home_then_the_user_cache_then_the_cfn_home() {
        Path home = Path.of("/srv/cfn/.cfn");

        assertThat(SqliteNativeLibrary.roots(Map.of("XDG_CACHE_HOME", "/xdg", "HOME", "/u"), home))
                .containsExactly(Path.of("/xdg/cfn"), Path.of("/srv/cfn/.cfn/cache"));
        assertThat(SqliteNativeLibrary.roots(Map.of("HOME", "/u"), home))
                .containsExactly(Path.of("/u/.cache/cfn"), Path.of("/srv/cfn/.cfn/cache"));
        assertThat(SqliteNativeLibrary.roots(Map.of("XDG_CACHE_HOME", "relative", "HOME", "/u"), home))
                .as("XDG base directory spec: a relative path is ignored")
                .containsExactly(Path.of("/u/.cache/cfn"), Path.of("/srv/cfn/.cfn/cache"));
    }
}
