package dev.defactify.training.train;

import dev.defactify.training.data.LabelledImage;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * The order in which an epoch visits the training images: a seeded shuffle, or, with {@link ClassBalance#SAMPLER},
 * a seeded draw with replacement that makes real and generated images equally likely. Derived from (seed, epoch)
 * alone, so a resumed run visits exactly what an uninterrupted one would have.
 */
final class EpochOrder {
    private final int size;
    private final ClassBalance balance;
    private final long seed;
    private final int[] real;
    private final int[] generated;

    EpochOrder(List<LabelledImage> images, ClassBalance balance, long seed) {
        this.size = images.size();
        this.balance = balance;
        this.seed = seed;
        this.real = IntStream.range(0, size).filter(i -> !images.get(i).label().isGenerated()).toArray();
        this.generated = IntStream.range(0, size).filter(i -> images.get(i).label().isGenerated()).toArray();
    }

    int[] forEpoch(int epoch) {
        Random random = new Random(seed * 1_000_003L + epoch);
        int n = size;
        if (balance == ClassBalance.SAMPLER) {
            if (real.length > 0 && generated.length > 0) {
                int[] order = new int[n];
                for (int i = 0; i < n; i++) {
                    int[] pool = random.nextBoolean() ? real : generated;
                    order[i] = pool[random.nextInt(pool.length)];
                }
                return order;
            }
        }
        int[] order = IntStream.range(0, n).toArray();
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        return order;
    }
}
