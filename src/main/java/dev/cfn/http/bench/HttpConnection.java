package dev.cfn.http.bench;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One keep-alive HTTP/1.1 connection sending the same GET again and again: raw socket, so the load
 * generator adds no client-library queueing to the figures. Reads Content-Length and chunked
 * bodies. Not thread-safe: one per load thread.
 */
final class HttpConnection implements AutoCloseable {
    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;
    private final byte[] request;

    HttpConnection(Target target, String path) throws IOException {
        this.socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress(target.host(), target.port()), 5_000);
        socket.setSoTimeout(10_000);
        this.out = socket.getOutputStream();
        this.in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
        String auth = target.token() == null ? "" : "Authorization: Bearer " + target.token() + "\r\n";
        this.request = ("GET " + path + " HTTP/1.1\r\nHost: " + target.host() + ":" + target.port()
                        + "\r\nAccept: application/json\r\n" + auth + "\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    /** Sends the request and reads the whole response; returns its status code. */
    int exchange() throws IOException {
        out.write(request);
        out.flush();
        String status = line();
        int code = Integer.parseInt(status.substring(9, 12));
        long length = -1;
        boolean chunked = false;
        for (String h = line(); !h.isEmpty(); h = line()) {
            String lower = h.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                length = Long.parseLong(h.substring(15).strip());
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            }
        }
        if (chunked) {
            for (long size = chunk(); size > 0; size = chunk()) {
                skip(size);
                line();
            }
            line();
        } else if (length > 0) {
            skip(length);
        }
        return code;
    }

    private long chunk() throws IOException {
        String size = line();
        int semi = size.indexOf(';');
        return Long.parseLong((semi < 0 ? size : size.substring(0, semi)).strip(), 16);
    }

    private void skip(long n) throws IOException {
        long left = n;
        while (left > 0) {
            long skipped = in.skip(left);
            if (skipped <= 0) {
                if (in.read() < 0) {
                    throw new IOException("connection closed mid-body");
                }
                skipped = 1;
            }
            left -= skipped;
        }
    }

    private String line() throws IOException {
        StringBuilder b = new StringBuilder(64);
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new IOException("connection closed by the server");
            }
            if (c != '\r') {
                b.append((char) c);
            }
        }
        return b.toString();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
