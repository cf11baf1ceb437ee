package dev.defactify.contract.image;

import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class BoundedImageInputStreamTest {

    @Test
    void readsTheDataThenSignalsEndOfInput() throws IOException {
        try (BoundedImageInputStream stream = new BoundedImageInputStream(new byte[] {1, 2, (byte) 200})) {
            assertEquals(1, stream.read());
            byte[] rest = new byte[5];
            assertEquals(2, stream.read(rest, 0, 5));
            assertArrayEquals(new byte[] {2, (byte) 200, 0, 0, 0}, rest);
            assertEquals(-1, stream.read());
            assertEquals(3, stream.length());
            stream.seek(0);
            assertEquals(1, stream.readUnsignedByte());
        }
    }

    @Test
    void givesUpWhenReadPastTheEndTooOften() throws IOException {
        try (BoundedImageInputStream stream = new BoundedImageInputStream(new byte[0])) {
            for (int i = 0; i < BoundedImageInputStream.END_OF_INPUT_BUDGET; i++) {
                assertEquals(-1, stream.read());
            }
            assertThrows(BoundedImageInputStream.InputExhaustedException.class, stream::read);
        }
    }
}
