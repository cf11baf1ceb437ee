package dev.defactify.training.train;

import dev.defactify.training.data.LabelledImage;
import java.util.Arrays;
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

    /** Images {@code [from, to)} as a batch of their own: the share of one device in data-parallel training. */
    public PreparedBatch slice(int from, int to) {
        if (from < 0 || to > size() || from >= to) {
            throw new IndexOutOfBoundsException("slice [" + from + ", " + to + ") of a batch of " + size());
        }
        int pixelsPerImage = 3 * side * side;
        return new PreparedBatch(images.subList(from, to),
                Arrays.copyOfRange(pixels, from * pixelsPerImage, to * pixelsPerImage),
                Arrays.copyOfRange(taskA, from, to), Arrays.copyOfRange(source, from, to), side);
    }
}
