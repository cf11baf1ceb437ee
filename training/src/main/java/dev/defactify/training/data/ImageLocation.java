package dev.defactify.training.data;

import java.io.IOException;

/**
 * Where the encoded bytes of an image live. Closed so that every consumer handles every kind. Parquet datasets
 * extract their images to files once (see {@code parquet.ShardExtraction}) and s3:// datasets are copied locally
 * first, so both are served as {@link FileLocation}s.
 */
public sealed interface ImageLocation permits FileLocation {

    /** The encoded image (PNG, JPEG, ...), exactly as stored. */
    byte[] readBytes() throws IOException;

    /** Human-readable address for logs and error messages. */
    String describe();
}
