package dev.defactify.training.export;

import dev.defactify.contract.image.ImagePreprocessor;
import dev.defactify.contract.image.ImageRejectedException;
import dev.defactify.training.data.LabelledImage;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** Picking a few images of a split evenly (splits list classes together, so every class is picked) and preparing them. */
final class ImageSample {
    private ImageSample() {
    }

    /** At most {@code count} images spread evenly over {@code pool}; all of them when count is 0 or more than there are. */
    static List<LabelledImage> spread(List<LabelledImage> pool, int count) {
        if (count <= 0 || count >= pool.size()) {
            return pool;
        }
        List<LabelledImage> picked = new ArrayList<>();
        double stride = pool.size() / (double) count;
        for (int i = 0; i < count; i++) {
            picked.add(pool.get((int) Math.floor(i * stride)));
        }
        return picked;
    }

    /** The images through the serving preprocessor; undecodable ones are skipped with a line in the log. */
    static List<float[]> tensors(List<LabelledImage> images, ImagePreprocessor preprocessor, PrintStream log,
                                 String purpose) throws IOException {
        List<float[]> tensors = new ArrayList<>();
        for (LabelledImage image : images) {
            try {
                tensors.add(preprocessor.prepare(image.read()).tensor());
            } catch (ImageRejectedException e) {
                log.println(purpose + ": skipping " + image.id() + ": " + e.getMessage());
            }
        }
        return tensors;
    }
}
