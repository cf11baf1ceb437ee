package dev.defactify.function.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Files the jar carries for the web routes, read once when their controller is built. */
final class BundledFile {
    private BundledFile() {
    }

    /** A missing file is a broken build, not a request's fault: it stops start-up with its name. */
    static byte[] read(String path) {
        try (InputStream in = BundledFile.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("the jar lacks " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
