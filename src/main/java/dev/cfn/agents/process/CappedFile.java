package dev.cfn.agents.process;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An agent's output file that keeps its first and last {@code cap} bytes, whatever the agent
 * prints: the head is written to the file as it comes, the rest into a ring of {@code cap} bytes on
 * disk beside it (memory stays flat); {@link #close} appends a marker saying how much was dropped,
 * then the ring in order, so the file ends with the last bytes written (where the answer line is
 * read). Thread-safe.
 */
final class CappedFile implements AutoCloseable {
    /** The default bytes kept at each end: 8 MiB. */
    static final long DEFAULT_CAP = 8L << 20;

    private final Path file;
    private final long cap;
    private final RandomAccessFile out;
    private final Path ringFile;
    private RandomAccessFile ring;
    private long written;
    private boolean closed;

    private CappedFile(Path file, long cap) throws IOException {
        this.file = file;
        this.cap = cap;
        this.out = new RandomAccessFile(file.toFile(), "rw");
        this.out.setLength(0);
        this.ringFile = file.resolveSibling(file.getFileName() + ".ring");
    }

    /** Creates (or truncates) {@code file}, keeping {@code cap} bytes at each end. */
    static CappedFile create(Path file, long cap) {
        if (cap < 1) {
            throw new IllegalArgumentException("cap must be at least 1 byte, but was " + cap);
        }
        try {
            return new CappedFile(file, cap);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** Bytes written so far (kept or not). */
    synchronized long written() {
        return written;
    }

    synchronized void write(byte[] bytes, int offset, int length) throws IOException {
        if (closed) {
            return;
        }
        int n = (int) Math.max(0, Math.min(length, cap - written));
        if (n > 0) {
            out.write(bytes, offset, n);
        }
        long into = written + n - cap; // where the rest goes in the stream past the head
        written += n;
        int rest = length - n;
        int at = offset + n;
        while (rest > 0) {
            if (ring == null) {
                ring = new RandomAccessFile(ringFile.toFile(), "rw");
                ring.setLength(0);
            }
            long pos = into % cap;
            int chunk = (int) Math.min(rest, cap - pos);
            ring.seek(pos);
            ring.write(bytes, at, chunk);
            at += chunk;
            rest -= chunk;
            into += chunk;
            written += chunk;
        }
    }

    /** Appends the kept tail (after a marker when bytes were dropped) and closes; later writes are ignored. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try (out) {
            if (ring == null) {
                return;
            }
            long past = written - cap; // bytes written after the head
            long dropped = Math.max(0, past - cap);
            if (dropped > 0) {
                out.write(("\n[cfn: " + dropped + " bytes of output dropped here: the first and the last " + cap
                                + " bytes are kept]\n")
                        .getBytes(StandardCharsets.UTF_8));
                long start = past % cap;
                copy(start, cap - start);
                copy(0, start);
            } else {
                copy(0, past);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        } finally {
            closeRing();
        }
    }

    private void copy(long from, long length) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        ring.seek(from);
        long left = length;
        while (left > 0) {
            int n = ring.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) {
                return;
            }
            out.write(buffer, 0, n);
            left -= n;
        }
    }

    private void closeRing() {
        try {
            if (ring != null) {
                ring.close();
            }
            Files.deleteIfExists(ringFile);
        } catch (IOException e) {
            // a leftover ring file is only disk: prune removes the run's folder
        }
    }
}
