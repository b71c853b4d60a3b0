package dev.cfn.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs a log's crash recovery alone: one recovery at a time per lock file, across processes (an
 * exclusive {@link FileLock}) and within this one (a monitor per path, since a JVM may hold one
 * file lock per file). Two processes opening the log at the same moment would otherwise both
 * find the same missing rows and both append them.
 */
final class RecoveryLock {
    private static final ConcurrentHashMap<Path, Object> MONITORS = new ConcurrentHashMap<>();

    /** Work that reads and writes the log's file. */
    @FunctionalInterface
    interface Recovery {
        void run() throws IOException;
    }

    private RecoveryLock() {}

    static void run(Path lockFile, Recovery recovery) throws IOException {
        Path key = lockFile.toAbsolutePath().normalize();
        synchronized (MONITORS.computeIfAbsent(key, k -> new Object())) {
            try (FileChannel channel = FileChannel.open(key, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    FileLock ignored = channel.lock()) {
                recovery.run();
            }
        }
    }
}
