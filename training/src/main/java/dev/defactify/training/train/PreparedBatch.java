package dev.defactify.training.train;

import dev.defactify.training.data.LabelledImage;
import java.util.List;

/**
 * A batch ready for the network: images as one NCHW float block plus both tasks' labels.
 *
 * @param pixels  {@code size() × 3 × side × side} values, image after image
 * @param taskA   0 real / 1 generated per image
 * @param source  attribution label index per image
 */
public record PreparedBatch(List<LabelledImage> images, float[] pixels, float[] taskA, int[] source, int side) {

    public int size() {
        return images.size();
    }
}
