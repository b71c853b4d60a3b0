package dev.cfn.testing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Byte helpers for file-format tests. */
public final class Bytes {
    private Bytes() {}

    public static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    public static byte[] concat(byte[] a, byte[] b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(a);
        out.writeBytes(b);
        return out.toByteArray();
    }

    /** {@code head} followed by 79-character lines of 'x' up to exactly {@code size} bytes. */
    public static byte[] padded(String head, int size) {
        byte[] bytes = new byte[size];
        byte[] h = utf8(head);
        System.arraycopy(h, 0, bytes, 0, h.length);
        for (int i = h.length; i < size; i++) {
            bytes[i] = (byte) ((i % 80 == 79) ? '\n' : 'x');
        }
        return bytes;
    }

    /** Lower-case hex SHA-256. */
    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
