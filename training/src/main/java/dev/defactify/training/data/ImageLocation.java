package dev.defactify.training.data;

import java.io.IOException;

/**
 * Where the encoded bytes of an image live. Closed so that every consumer handles every kind; a parquet or
 * object-store variant joins {@link FileLocation} when those sources exist.
 */
public sealed interface ImageLocation permits FileLocation {

    /** The encoded image (PNG, JPEG, ...), exactly as stored. */
    byte[] readBytes() throws IOException;

    /** Human-readable address for logs and error messages. */
    String describe();
}
