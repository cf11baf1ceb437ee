package dev.defactify.contract.image;

import javax.imageio.stream.ImageInputStreamImpl;
import java.io.IOException;
import java.util.Objects;

/**
 * An in-memory ImageInputStream that gives up when a reader keeps reading past the end.
 *
 * <p>Some decoders treat end-of-input as an endless supply of zero bits: TwelveMonkeys' WebP
 * lossless decoder, fed a corrupt 34-byte file, spends minutes looping on EOFExceptions it catches
 * itself. A request handler cannot afford that, so after a generous number of reads at the end
 * (enough for any bit reader's look-ahead) we throw an unchecked exception the decoder will not
 * swallow, and the image is rejected as undecodable.
 */
final class BoundedImageInputStream extends ImageInputStreamImpl {
    /** Reads at end-of-input tolerated before giving up; legitimate look-ahead needs a handful. */
    static final int END_OF_INPUT_BUDGET = 1024;

    private final byte[] data;
    private int readsAtEnd;

    BoundedImageInputStream(byte[] data) {
        this.data = Objects.requireNonNull(data, "data");
    }

    /** Thrown when a decoder keeps reading a stream that has nothing left. */
    static final class InputExhaustedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        InputExhaustedException() {
            super("the decoder kept reading past the end of the data");
        }
    }

    @Override
    public int read() throws IOException {
        checkClosed();
        bitOffset = 0;
        if (streamPos >= data.length) {
            return atEnd();
        }
        return data[(int) streamPos++] & 0xFF;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        checkClosed();
        Objects.checkFromIndexSize(offset, length, buffer.length);
        bitOffset = 0;
        if (length == 0) {
            return 0;
        }
        if (streamPos >= data.length) {
            return atEnd();
        }
        int count = (int) Math.min(length, data.length - streamPos);
        System.arraycopy(data, (int) streamPos, buffer, offset, count);
        streamPos += count;
        return count;
    }

    @Override
    public long length() {
        return data.length;
    }

    private int atEnd() {
        if (++readsAtEnd > END_OF_INPUT_BUDGET) {
            throw new InputExhaustedException();
        }
        return -1;
    }
}
