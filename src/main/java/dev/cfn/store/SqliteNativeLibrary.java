package dev.cfn.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
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
 * extraction; a missing or damaged copy is extracted again, to a temporary name, flushed to disk,
 * then renamed, so a concurrent start never loads half a file. Reading and summing 1 MB on every
 * start cost ~3 ms, so a verified copy also gets a second stamp, written last, holding the file's
 * identity as {@code stat} reports it: size, modification and change times (ns), inode and device.
 * While one {@code stat} still reports exactly that, the file is the one verified: writing to it
 * updates its change time (which, unlike the modification time, no program can set back), and
 * replacing it makes a new inode and change time. Any difference falls back to the CRC-32 check,
 * which renews the second stamp when the copy is good. When no cache folder is writable the
 * driver's own per-start extraction stays in place. Call {@link #install} before the first
 * connection.
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

    /** What {@link #verifyAhead} found out, for {@link #install} to use once. */
    private static SqliteNativeLibrary verifiedAhead;

    private final Path folder;
    private final String fileName;

    private SqliteNativeLibrary(Path folder, String fileName) {
        this.folder = folder;
        this.fileName = fileName;
    }

    /** The library's versioned place under {@code cacheRoot}: {@code sqlite-<version>/<os>-<arch>/}. */
    public static SqliteNativeLibrary in(Path cacheRoot) {
        return new SqliteNativeLibrary(
                cacheRoot.resolve(Driver.VERSION_FOLDER).resolve(Driver.PLATFORM_FOLDER), Driver.LIBRARY_NAME);
    }

    /** The driver's facts the place depends on, worked out once per process (reading a resource). */
    private static final class Driver {
        static final String VERSION_FOLDER = "sqlite-" + SQLiteJDBCLoader.getVersion();
        static final String PLATFORM_FOLDER =
                (System.getProperty("os.name") + "-" + System.getProperty("os.arch")).replaceAll("\\W", "");
        static final String LIBRARY_NAME = LibraryLoaderUtil.getNativeLibName();
    }

    /**
     * Verifies the copy in the first of the {@link #roots} {@code env} names (when it names one)
     * ahead of {@link #install}, on another thread while the command line is parsed: only reads (one
     * {@code stat} against the identity stamp), never extracts, writes or sets a property. {@link
     * #install} then takes a verified copy in that same folder without checking it again, and does
     * everything else itself. Never throws.
     */
    public static synchronized void verifyAhead(Map<String, String> env) {
        Optional<Path> root = userRoot(env);
        if (root.isEmpty()
                || System.getProperty(SOURCE_PROPERTY) != null
                || System.getProperty(PATH_PROPERTY) != null) {
            return;
        }
        try {
            SqliteNativeLibrary library = in(root.get());
            if (library.hasTheStampedIdentity()) {
                verifiedAhead = library;
            }
        } catch (RuntimeException e) {
            // install meets the same problem and handles it
        }
    }

    /**
     * The cache roots to try, best first: {@code $XDG_CACHE_HOME/cfn} (default {@code ~/.cache/cfn}),
     * then {@code <home>/cache}.
     */
    public static List<Path> roots(Map<String, String> env, Path home) {
        List<Path> roots = new ArrayList<>();
        userRoot(env).ifPresent(roots::add);
        roots.add(home.toAbsolutePath().resolve("cache"));
        return roots;
    }

    /** The first of the {@link #roots}, when the environment names one. */
    private static Optional<Path> userRoot(Map<String, String> env) {
        String xdg = env.get("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
            return Optional.of(Path.of(xdg, "cfn"));
        } else if (env.get("HOME") != null && !env.get("HOME").isBlank()) {
            return Optional.of(Path.of(env.get("HOME"), ".cache", "cfn"));
        }
        return Optional.empty();
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
        SqliteNativeLibrary ahead = verifiedAhead;
        verifiedAhead = null;
        for (Path root : roots) {
            SqliteNativeLibrary library = in(root);
            try {
                Source source =
                        ahead != null && ahead.folder.equals(library.folder) ? Source.REUSED : library.prepare();
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

    /** The verified copy, if there is one; never extracts (may renew the identity stamp). */
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
        return hasTheStampedIdentity() || hasTheStampedContentRenewingTheIdentity();
    }

    /**
     * The CRC-32 check, then a new identity stamp when it passed. File times come from a clock that
     * ticks every few ms, so a write in the tick of the library's change time could leave that time
     * as it was: the stamp is written only when a file created before the check got a later time
     * than the library's change time (so any later write to the library changes it), and only when
     * the library's identity did not change during the check.
     */
    private boolean hasTheStampedContentRenewingTheIdentity() {
        String before = identity();
        Path temp = null;
        if (before != null) {
            try {
                temp = Files.createTempFile(folder, identityStamp().getFileName() + ".", ".tmp");
            } catch (IOException | RuntimeException e) {
                // a read-only cache: the CRC-32 check stays in use
            }
        }
        try {
            if (!hasTheStampedContent()) {
                return false;
            }
            if (temp != null
                    && before.equals(identity())
                    && modifiedNanos(temp) > Long.parseLong(before.split(" ")[2])) {
                Path written = temp;
                temp = null; // renamed or deleted by writeAtomically
                try {
                    writeAtomically(identityStamp(), before.getBytes(StandardCharsets.US_ASCII), written);
                } catch (IOException | RuntimeException e) {
                    // no identity stamp: the CRC-32 check stays in use
                }
            }
            return true;
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException | RuntimeException e) {
                    // a stray temporary file does no harm
                }
            }
        }
    }

    private static long modifiedNanos(Path file) {
        try {
            return nanos(Files.getLastModifiedTime(file));
        } catch (IOException | RuntimeException e) {
            return Long.MIN_VALUE;
        }
    }

    /** One {@code stat} of the file matches the identity stamp written when it was last verified. */
    private boolean hasTheStampedIdentity() {
        String identity = identity();
        return identity != null && identity.equals(readStamp(identityStamp()));
    }

    /** The file's size and CRC-32 match the stamp written at extraction. */
    private boolean hasTheStampedContent() {
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

    /** What one {@code stat} says of the file, as its identity stamp holds it; null if unknown. */
    private String identity() {
        try {
            Map<String, Object> stat = Files.readAttributes(file(), "unix:size,lastModifiedTime,ctime,ino,dev");
            return stat.get("size") + " " + nanos(stat.get("lastModifiedTime")) + " " + nanos(stat.get("ctime")) + " "
                    + stat.get("ino") + " " + stat.get("dev") + "\n";
        } catch (IOException | RuntimeException e) {
            return null; // no such file, or no unix attribute view on this platform
        }
    }

    private static long nanos(Object time) {
        return ((FileTime) time).to(TimeUnit.NANOSECONDS);
    }

    private static String readStamp(Path stamp) {
        try {
            return Files.readString(stamp, StandardCharsets.US_ASCII);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private void extract() throws IOException {
        createPrivateDirectories(folder);
        Files.deleteIfExists(identityStamp());
        String resource = LibraryLoaderUtil.getNativeLibResourcePath() + "/" + fileName;
        byte[] content;
        try (InputStream in = SQLiteJDBCLoader.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("the driver has no native library " + resource + " for this platform");
            }
            content = in.readAllBytes();
        }
        // The stamps go last: a copy without a matching stamp is never trusted.
        writeAtomically(file(), content);
        writeAtomically(stamp(), (content.length + " " + crc(content) + "\n").getBytes(StandardCharsets.US_ASCII));
        // No identity stamp yet: the next start's CRC-32 check writes it, a clock tick later.
    }

    private Path stamp() {
        return folder.resolve(fileName + ".crc32");
    }

    private Path identityStamp() {
        return folder.resolve(fileName + ".stat");
    }

    private static String crc(byte[] content) {
        CRC32 crc = new CRC32();
        crc.update(content);
        return Long.toHexString(crc.getValue());
    }

    private static void writeAtomically(Path target, byte[] content) throws IOException {
        writeAtomically(target, content, Files.createTempFile(target.getParent(), target.getFileName() + ".", ".tmp"));
    }

    /** Writes {@code content} to {@code temp}, which it then renames to {@code target} or deletes. */
    private static void writeAtomically(Path target, byte[] content, Path temp) throws IOException {
        try {
            try (FileChannel out = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    out.write(buffer);
                }
                // On disk before the rename: after a crash the name never holds a file whose data
                // was lost while its size and the stamps written after it were kept.
                out.force(true);
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
