package dev.cfn.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * One HTTP/1.1 request written byte for byte on a socket ({@code Connection: close}), for what
 * {@link java.net.http.HttpClient} will not send: another {@code Host}, a raw {@code %2e%2e} path.
 */
final class RawHttp {
    private RawHttp() {}

    /** The status line's code, the header block and the body (not de-chunked: tests read small JSON). */
    record Reply(int status, String head, String body) {}

    /**
     * Sends {@code method path} to the server at {@code base} with these header lines (each
     * {@code Name: value}) and the body, if any.
     */
    static Reply send(String base, String method, String path, String body, String... headers) throws IOException {
        URI uri = URI.create(base);
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 5_000);
            socket.setSoTimeout(30_000);
            StringBuilder request = new StringBuilder(method + " " + path + " HTTP/1.1\r\n");
            for (String h : headers) {
                request.append(h).append("\r\n");
            }
            byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
            if (body != null) {
                request.append("Content-Length: ").append(bytes.length).append("\r\n");
            }
            request.append("Connection: close\r\n\r\n");
            socket.getOutputStream().write(request.toString().getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().write(bytes);
            socket.getOutputStream().flush();
            String text = readAll(socket.getInputStream());
            int split = text.indexOf("\r\n\r\n");
            String head = split < 0 ? text : text.substring(0, split);
            String rest = split < 0 ? "" : text.substring(split + 4);
            return new Reply(Integer.parseInt(head.substring(9, 12)), head, rest);
        }
    }

    private static String readAll(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        in.transferTo(out);
        return out.toString(StandardCharsets.UTF_8);
    }
}
