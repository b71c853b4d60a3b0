package dev.cfn.store;

import org.sqlite.SQLiteConfig;

/**
 * Does, on a background thread, the part of opening the first SQLite connection that needs nothing
 * from the command line: building a {@link SQLiteConfig} (every one builds sqlite-jdbc's date format,
 * and the first one loads the JDK's locale data for it: CLDR, ~25 ms of a one-shot command's CPU,
 * interpreted), then verifying the cached native library ({@link SqliteNativeLibrary#verifyAhead},
 * which also starts SLF4J).
 * Started first thing, it runs on the second core while the main thread builds the command model,
 * and the main thread's first connection then finds the format in sqlite-jdbc's cache. It changes
 * nothing observable: the same format is made either way, and a failure here is left for the main
 * thread to meet and report.
 */
public final class SqliteWarmUp {
    private SqliteWarmUp() {}

    /** Starts the warm-up on a daemon thread; returns at once. */
    public static void start() {
        Thread thread = new Thread(SqliteWarmUp::run, "cfn-sqlite-warm-up");
        thread.setDaemon(true);
        thread.start();
    }

    private static void run() {
        try {
            new SQLiteConfig();
            // Then, if the main thread has not got there yet: SLF4J's start (~4 ms), the driver's
            // version and the cached native library's check. Not first: the config is the longer
            // task, and the main thread, when it gets there first, does these itself meanwhile.
            SqliteNativeLibrary.verifyAhead(System.getenv());
        } catch (RuntimeException | LinkageError e) {
            // the main thread builds the same config and reports what is wrong
        }
    }
}
