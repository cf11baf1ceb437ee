package dev.defactify.training.model;

import java.nio.FloatBuffer;
import java.util.Random;

/**
 * Seeded, non-trivial batch-norm parameters and running statistics. Freshly initialised batch norms are identities in
 * inference mode (mean 0, variance 1, scale 1 or even 0 on residual branches), so a graph exported from them would
 * never exercise the normalisation it claims to contain; these values make every batch norm do visible work while
 * keeping activations in a sane range.
 */
public final class RandomBatchNorm {
    private RandomBatchNorm() {
    }

    public static void apply(DeFactifyNet net, long seed) {
        Random random = new Random(seed);
        net.namedParameters().forEach((name, parameter) -> {
            if (isBatchNorm(name)) {
                float[] values = parameter.getArray().toFloatArray();
                for (int i = 0; i < values.length; i++) {
                    values[i] = name.endsWith("running_var") ? 0.5f + random.nextFloat()
                            : name.endsWith("running_mean") ? (float) random.nextGaussian() * 0.1f
                            : name.endsWith("weight") ? 0.5f + random.nextFloat() * 0.5f
                            : (float) random.nextGaussian() * 0.1f;
                }
                parameter.getArray().set(FloatBuffer.wrap(values));
            }
        });
    }

    /** torchvision names: {@code bn1.*}, {@code layerN.B.bnK.*} and the projection shortcut's {@code downsample.1.*}. */
    private static boolean isBatchNorm(String torchvisionName) {
        return torchvisionName.contains("bn") || torchvisionName.contains("downsample.1");
    }
}
