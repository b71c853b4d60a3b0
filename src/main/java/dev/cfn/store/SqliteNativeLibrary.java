package dev.cfn.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.zip.CRC32;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteJDBCLoader;
import org.sqlite.util.LibraryLoaderUtil;

/**
 * sqlite-jdbc's native library, extracted once per driver version into a cache folder and loaded
 * from there on later starts through the driver's own properties ({@code org.sqlite.lib.path} and
 * {@code org.sqlite.lib.name}). Left alone, the driver spawns {@code uname -o}, copies 1 MB out of
 * the jar and compares it byte by byte on every start (50-80 ms).
 *
 * <p>A copy is trusted only when its size and CRC-32 match the stamp written beside it at
 * extraction; a missing or damaged copy is extracted again, to a temporary name then renamed, so a
 * concurrent start never loads half a file. When no cache folder is writable the driver's own
 * per-start extraction stays in place. Not thread-safe: call it before the first connection.
 */
public final class SqliteNativeLibrary {
    /** sqlite-jdbc: the folder holding the library to load. */
    public static final String PATH_PROPERTY = "org.sqlite.lib.path";
    /** sqlite-jdbc: the library's file name in that folder. */
    public static final String NAME_PROPERTY = "org.sqlite.lib.name";
    /** Set by {@link #install} to the {@link Source} of this process's library, for diagnostics. */
    public static final String SOURCE_PROPERTY = "cfn.sqlite.native";

    private static final Logger LOG = LoggerFactory.getLogger(SqliteNativeLibrary.class);

    /** Where this process's native library comes from. */
    public enum Source {
        /** A verified copy from an earlier start. */
        REUSED,
        /** Extracted into the cache folder by this start. */
        EXTRACTED,
        /** The driver's own extraction (no writable cache folder, or the user set the path). */
        DRIVER
    }

    private final Path folder;
    private final String fileName;

    private SqliteNativeLibrary(Path folder, String fileName) {
        this.folder = folder;
        this.fileName = fileName;
    }

    /** The library's versioned place under {@code cacheRoot}: {@code sqlite-<version>/<os>-<arch>/}. */
    public static SqliteNativeLibrary in(Path cacheRoot) {
        String platform = (System.getProperty("os.name") + "-" + System.getProperty("os.arch")).replaceAll("\\W", "");
        Path folder =
                cacheRoot.resolve("sqlite-" + SQLiteJDBCLoader.getVersion()).resolve(platform);
        return new SqliteNativeLibrary(folder, LibraryLoaderUtil.getNativeLibName());
    }

    /**
     * The cache roots to try, best first: {@code $XDG_CACHE_HOME/cfn} (default {@code ~/.cache/cfn}),
     * then {@code <home>/cache}.
     */
    public static List<Path> roots(Map<String, String> env, Path home) {
        List<Path> roots = new ArrayList<>();
        String xdg = env.get("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
            roots.add(Path.of(xdg, "cfn"));
        } else if (env.get("HOME") != null && !env.get("HOME").isBlank()) {
            roots.add(Path.of(env.get("HOME"), ".cache", "cfn"));
        }
        roots.add(home.toAbsolutePath().resolve("cache"));
        return roots;
    }

    /**
     * Points the driver at a verified copy in the first usable root, extracting it there if needed;
     * once per process (later calls return the first answer). Does nothing (returns {@link
     * Source#DRIVER}) when the user already set {@value #PATH_PROPERTY} or no root can be written.
     * Never throws: a cache problem only costs the driver's slower start.
     */
    public static synchronized Source install(List<Path> roots) {
        String installed = System.getProperty(SOURCE_PROPERTY);
        if (installed != null) {
            return Source.valueOf(installed.toUpperCase(Locale.ROOT));
        }
        if (System.getProperty(PATH_PROPERTY) != null) {
            return record(Source.DRIVER);
        }
        for (Path root : roots) {
            SqliteNativeLibrary library = in(root);
            try {
                Source source = library.prepare();
                System.setProperty(PATH_PROPERTY, library.folder.toString());
                System.setProperty(NAME_PROPERTY, library.fileName);
                LOG.debug("sqlite native library {} from {}", source.name().toLowerCase(Locale.ROOT), library.file());
                return record(source);
            } catch (IOException | RuntimeException e) {
                LOG.debug("sqlite native library cache {} is unusable: {}", library.folder, e.toString());
            }
        }
        return record(Source.DRIVER);
    }

    private static Source record(Source source) {
        System.setProperty(SOURCE_PROPERTY, source.name().toLowerCase(Locale.ROOT));
        return source;
    }

    public Path folder() {
        return folder;
    }

    /** The library file itself. */
    public Path file() {
        return folder.resolve(fileName);
    }

    /** The verified copy, if there is one; never extracts. */
    public Optional<Path> cached() {
        return isIntact() ? Optional.of(file()) : Optional.empty();
    }

    /**
     * Makes sure a verified copy is in the folder.
     *
     * @return {@link Source#REUSED} when one was already there, else {@link Source#EXTRACTED}
     * @throws IOException when the folder cannot be created or written
     */
    public Source prepare() throws IOException {
        if (isIntact()) {
            return Source.REUSED;
        }
        extract();
        return Source.EXTRACTED;
    }

    private boolean isIntact() {
        try {
            String[] stamp =
                    Files.readString(stamp(), StandardCharsets.US_ASCII).trim().split(" ");
            byte[] content = Files.readAllBytes(file());
            return stamp.length == 2
                    && stamp[0].equals(Integer.toString(content.length))
                    && stamp[1].equals(crc(content));
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private void extract() throws IOException {
        createPrivateDirectories(folder);
        String resource = LibraryLoaderUtil.getNativeLibResourcePath() + "/" + fileName;
        byte[] content;
        try (InputStream in = SQLiteJDBCLoader.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("the driver has no native library " + resource + " for this platform");
            }
            content = in.readAllBytes();
        }
        // The stamp goes last: a copy without a matching stamp is never trusted.
        writeAtomically(file(), content);
        writeAtomically(stamp(), (content.length + " " + crc(content) + "\n").getBytes(StandardCharsets.US_ASCII));
    }

    private Path stamp() {
        return folder.resolve(fileName + ".crc32");
    }

    private static String crc(byte[] content) {
        CRC32 crc = new CRC32();
        crc.update(content);
        return Long.toHexString(crc.getValue());
    }

    private static void writeAtomically(Path target, byte[] content) throws IOException {
        Path temp = Files.createTempFile(target.getParent(), target.getFileName() + ".", ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(temp)) {
                out.write(content);
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static void createPrivateDirectories(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.createDirectories(
                    dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } else {
            Files.createDirectories(dir);
        }
    }
}
