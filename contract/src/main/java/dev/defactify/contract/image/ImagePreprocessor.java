package dev.defactify.contract.image;

import dev.defactify.contract.util.Sha256;

import java.nio.BufferOverflowException;
import java.nio.FloatBuffer;
import java.util.Objects;

/**
 * The one path from image bytes to network input, shared by training (building tensors) and serving
 * (one call per request): probe and enforce limits, decode upright RGB, resize and crop per the
 * {@link ResizePolicy}, normalise to CHW float32 in R, G, B order. Stateless after construction and
 * safe to share between threads.
 */
public final class ImagePreprocessor {
    private final InputSpec spec;
    private final ImageDecoder decoder;
    private final SquareResampler resampler;

    public ImagePreprocessor(InputSpec spec, ImageLimits limits) {
        this(spec, limits, JpegBackend.LIBJPEG_TURBO);
    }

    /** With another JPEG decoder than the default (to compare them; training and serving use the default). */
    public ImagePreprocessor(InputSpec spec, ImageLimits limits, JpegBackend jpeg) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.decoder = new ImageDecoder(Objects.requireNonNull(limits, "limits"), DecodeResolution.forSpec(spec),
                jpeg);
        this.resampler = new SquareResampler(spec);
    }

    public InputSpec spec() {
        return spec;
    }

    /**
     * The decoder {@link #prepare} uses: it may subsample large JPEGs for this spec (see
     * {@link DecodeResolution}), so a tensor matches prepare's only when decoded through this one.
     */
    public ImageDecoder decoder() {
        return decoder;
    }

    public PreparedImage prepare(byte[] encoded) throws ImageRejectedException {
        DecodedImage image = decodeForTensor(encoded);
        return new PreparedImage(toTensor(image), image.format(), image.sourceWidth(), image.sourceHeight(),
                Sha256.of(encoded));
    }

    /**
     * What {@link #toTensor} needs of the encoded image and no more: under center-crop only the centred window (see
     * {@link ImageDecoder#decodeCentre}), else the whole (possibly reduced) decode. The tensor is the same either way;
     * code that transforms the image first (training's augmentations) decodes it whole with {@link #decoder()}.
     */
    public DecodedImage decodeForTensor(byte[] encoded) throws ImageRejectedException {
        return spec.policy() == ResizePolicy.CENTER_CROP ? decoder.decodeCentre(encoded, spec.size())
                : decoder.decode(encoded);
    }

    /** A fresh {@code 3 * size * size} CHW tensor. */
    public float[] toTensor(DecodedImage image) {
        float[] tensor = new float[spec.tensorLength()];
        resampler.write(image, FloatBuffer.wrap(tensor), 0);
        return tensor;
    }

    /**
     * Writes the tensor at {@code dst}'s position and advances it, like a relative bulk put. Heap and
     * direct buffers alike are filled in place, row by row, with no intermediate tensor.
     *
     * @throws BufferOverflowException when fewer than {@code 3 * size * size} floats remain; nothing is written
     */
    public void writeTensor(DecodedImage image, FloatBuffer dst) {
        int length = spec.tensorLength();
        if (dst.remaining() < length) {
            throw new BufferOverflowException();
        }
        resampler.write(image, dst, dst.position());
        dst.position(dst.position() + length);
    }
}
