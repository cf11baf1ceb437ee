package dev.defactify.contract.util;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 as lowercase hex, the form the manifest stores and serving reports. Training hashes the
 * exported model and serving re-hashes what it downloaded, so both sides must use this one helper.
 */
public final class Sha256 {
    private static final int BUFFER_SIZE = 64 * 1024;

    private Sha256() {
    }

    public static String of(byte[] bytes) {
        MessageDigest digest = newDigest();
        digest.update(bytes);
        return hex(digest);
    }

    /** Streams the file so a model of hundreds of megabytes never has to sit in memory. */
    public static String ofFile(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return ofStream(in);
        }
    }

    /** Reads the stream to its end; the caller closes it. */
    public static String ofStream(InputStream in) throws IOException {
        MessageDigest digest = newDigest();
        byte[] buffer = new byte[BUFFER_SIZE];
        for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
            digest.update(buffer, 0, read);
        }
        return hex(digest);
    }

    /** True for exactly 64 lowercase hex digits. */
    public static boolean isHex(String candidate) {
        return candidate != null && candidate.matches("[0-9a-f]{64}");
    }

    private static String hex(MessageDigest digest) {
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            // Every Java platform must provide SHA-256, so this is a broken JVM, not bad input.
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
