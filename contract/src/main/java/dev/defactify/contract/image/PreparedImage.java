package dev.defactify.contract.image;

import java.util.Objects;

/**
 * An accepted request image ready for the network: the CHW tensor plus what serving reports about
 * the input (format, upright dimensions before resizing, SHA-256 of the bytes received).
 */
public record PreparedImage(float[] tensor, ImageFormat format, int width, int height, String sha256) {

    public PreparedImage {
        Objects.requireNonNull(tensor, "tensor");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(sha256, "sha256");
    }
}
