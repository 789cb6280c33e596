package org.domainchat.webchat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.GZIPOutputStream;

/**
 * One file of the web chat, read from the plugin jar once and kept in memory with its gzip form and an ETag, so
 * that serving it never touches the disk and a browser revalidates it cheaply after an upgrade.
 */
public record Asset(String contentType, byte[] bytes, byte[] gzipped, String etag) {

    /**
     * Reads {@code resource} (a class path name such as {@code org/domainchat/webchat/panel.js}).
     *
     * @throws IllegalStateException when the jar lacks it: a broken build, not a user's problem
     */
    public static Asset of(String resource, String contentType) {
        try (InputStream in = Asset.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the plugin jar lacks " + resource);
            }
            byte[] bytes = in.readAllBytes();
            return new Asset(contentType, bytes, gzip(bytes), etag(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + resource, e);
        }
    }

    private static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 3 + 64);
        try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
            zip.write(bytes);
        }
        return out.toByteArray();
    }

    private static String etag(byte[] bytes) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
            return "\"" + HexFormat.of().formatHex(digest, 0, 12) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
