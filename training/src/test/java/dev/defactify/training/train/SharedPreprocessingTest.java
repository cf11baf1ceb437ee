package dev.defactify.training.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.defactify.contract.image.ImageLimits;
import dev.defactify.contract.image.ImagePreprocessor;
import dev.defactify.contract.image.InputSpec;
import dev.defactify.contract.image.JpegVariants;
import dev.defactify.contract.label.SourceLabel;
import dev.defactify.contract.image.ResizePolicy;
import dev.defactify.training.data.Datasets;
import dev.defactify.training.data.FileLocation;
import dev.defactify.training.data.LabelledImage;
import dev.defactify.training.data.Split;
import dev.defactify.training.data.demo.DemoDataGenerator;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Training builds its batches through the contract's {@link ImagePreprocessor}; serving calls the same class on the
 * uploaded bytes (into a direct buffer). The tensors must be bit-identical for the same file.
 */
class SharedPreprocessingTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(ResizePolicy.class)
    void trainingBatchesEqualWhatServingComputesFromTheFileBytes(ResizePolicy policy) throws Exception {
        new DemoDataGenerator().generate(dir.resolve("data"), 3, 4L);
        List<LabelledImage> images = Datasets.open(dir.resolve("data")).images(Split.TRAIN);
        assertTrainingEqualsServing(images, InputSpec.imagenet(224, policy));
    }

    /**
     * The same for the JPEGs decoders differ on (libjpeg-turbo decodes them, with DCT scaling for the large ones under
     * resize-shorter; CMYK goes to ImageIO): several sizes, 4:2:0 and 4:4:4, progressive, grey, CMYK, EXIF orientations.
     */
    @ParameterizedTest
    @EnumSource(ResizePolicy.class)
    void jpegVariantsGiveIdenticalTensorsOnBothSides(ResizePolicy policy) throws Exception {
        List<LabelledImage> images = new java.util.ArrayList<>();
        int n = 0;
        for (int[] size : new int[][] {{300, 200}, {1024, 768}, {2400, 1800}}) {
            for (JpegVariants.Variant variant : JpegVariants.all(size[0], size[1], size[0])) {
                Path file = dir.resolve("jpeg-" + n++ + ".jpg");
                Files.write(file, variant.jpeg());
                images.add(new LabelledImage(variant.name(), "g" + n, SourceLabel.REAL, new FileLocation(file)));
            }
        }
        assertTrainingEqualsServing(images, InputSpec.imagenet(224, policy));
    }

    /** Every image's tensor from a training batch equals what serving writes from the file's bytes, bit for bit. */
    private static void assertTrainingEqualsServing(List<LabelledImage> images, InputSpec spec) throws Exception {
        int length = spec.tensorLength();
        try (BatchLoader loader = new BatchLoader(images, new ImagePreprocessor(spec, ImageLimits.defaults()), 2, false)) {
            Iterator<PreparedBatch> batches = loader.batches(IntStream.range(0, images.size()).toArray(), 5);
            int index = 0;
            while (batches.hasNext()) {
                PreparedBatch batch = batches.next();
                for (int i = 0; i < batch.size(); i++, index++) {
                    LabelledImage image = images.get(index);
                    assertEquals(image, batch.images().get(i));
                    float[] fromTraining = Arrays.copyOfRange(batch.pixels(), i * length, (i + 1) * length);
                    // what the function does: bytes from the wire, decode, write into a direct buffer
                    ImagePreprocessor serving = new ImagePreprocessor(spec, ImageLimits.defaults());
                    FloatBuffer direct = ByteBuffer.allocateDirect(length * Float.BYTES).order(ByteOrder.nativeOrder())
                            .asFloatBuffer();
                    serving.writeTensor(serving.decodeForTensor(image.read()), direct);
                    float[] fromServing = new float[length];
                    direct.flip().get(fromServing);
                    assertArrayEquals(fromServing, fromTraining, 0f, image.id());
                    assertEquals(image.label().taskALabel(), (int) batch.taskA()[i]);
                    assertEquals(image.label().index(), batch.source()[i]);
                }
            }
            assertEquals(images.size(), index);
        }
    }
}
