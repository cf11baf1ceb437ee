package dev.defactify.function.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.defactify.contract.image.InputSpec;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

class RgbCropTest {

    @Test
    void fromTensorUndoesTheNormalisationTheModelInputUsed() {
        InputSpec spec = InputSpec.defaults();
        int size = spec.size();
        int plane = size * size;
        int[] pixels = new int[plane];
        float[] tensor = new float[3 * plane];
        for (int i = 0; i < plane; i++) {
            pixels[i] = (i * 7919) & 0xFFFFFF;
            for (int c = 0; c < 3; c++) {
                int level = pixels[i] >> (16 - 8 * c) & 0xFF;
                // The same formula the preprocessor uses: (v / 255 - mean) / std, in float.
                tensor[c * plane + i] = (level / 255f - spec.mean().get(c).floatValue()) / spec.std().get(c).floatValue();
            }
        }

        RgbCrop crop = RgbCrop.fromTensor(tensor, spec);

        assertEquals(size, crop.size());
        for (int i = 0; i < plane; i += 37) {
            assertEquals(pixels[i], crop.rgb(i % size, i / size), "pixel " + i);
        }
    }

    @Test
    void fromABufferedImageKeepsRowsAndColumns() {
        BufferedImage image = new BufferedImage(3, 3, BufferedImage.TYPE_INT_ARGB);
        image.setRGB(2, 0, 0xFFFF0000);
        image.setRGB(0, 2, 0xFF0000FF);

        RgbCrop crop = RgbCrop.of(image);

        assertEquals(0xFF0000, crop.rgb(2, 0));
        assertEquals(0x0000FF, crop.rgb(0, 2));
        assertEquals(0, crop.rgb(1, 1));
    }

    @Test
    void rejectsCropsThatAreNotSquareOrTheWrongLength() {
        assertThrows(IllegalArgumentException.class, () -> RgbCrop.of(new BufferedImage(4, 3, BufferedImage.TYPE_INT_RGB)));
        assertThrows(IllegalArgumentException.class, () -> RgbCrop.ofPixels(4, new int[15]));
        assertThrows(IllegalArgumentException.class,
                () -> RgbCrop.fromTensor(new float[10], InputSpec.defaults()));
    }
}
