package dev.defactify.training.train;

import dev.defactify.contract.image.DecodedImage;
import dev.defactify.contract.image.ImagePreprocessor;
import dev.defactify.contract.image.ImageRejectedException;
import dev.defactify.training.augment.ImageTransform;
import dev.defactify.training.data.LabelledImage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * Decodes and preprocesses images on a pool of CPU workers, one batch ahead of the network, through the same
 * {@link ImagePreprocessor} serving uses. Optionally keeps tensors in memory, since without augmentation an image's
 * tensor never changes between epochs and decoding costs as much as a small network's training step.
 *
 * <p>An {@link ImageTransform} may change the decoded pixels before the shared resize/normalise (the training
 * augmentation, or a robustness perturbation); only a training loader is ever given an augmenting one. A transform
 * that varies by epoch turns the cache off, since an image's tensor then differs every epoch.
 *
 * <p>An image that cannot be read or decoded when its batch is built either ends the pass or, for a caller that
 * passes a skip handler, is left out of its batch (see {@link #batches(int[], int, int, Consumer)}). A failure is
 * never cached, so a file put right between epochs is used again.
 */
public final class BatchLoader implements AutoCloseable {
    private final List<LabelledImage> images;
    private final ImagePreprocessor preprocessor;
    private final ExecutorService workers;
    private final ConcurrentHashMap<Integer, float[]> cache;
    private final int side;
    private final ImageTransform transform;

    public BatchLoader(List<LabelledImage> images, ImagePreprocessor preprocessor, int workerCount, boolean cache) {
        this(images, preprocessor, ImageTransform.identity(), workerCount, cache);
    }

    public BatchLoader(List<LabelledImage> images, ImagePreprocessor preprocessor, ImageTransform transform,
                       int workerCount, boolean cache) {
        this.images = List.copyOf(images);
        this.preprocessor = preprocessor;
        this.transform = transform;
        this.workers = Executors.newFixedThreadPool(workerCount, runnable -> {
            Thread thread = new Thread(runnable, "image-decoder");
            thread.setDaemon(true);
            return thread;
        });
        this.cache = cache && !transform.variesByEpoch() ? new ConcurrentHashMap<>() : null;
        this.side = preprocessor.spec().size();
    }

    public int size() {
        return images.size();
    }

    public List<LabelledImage> images() {
        return images;
    }

    /**
     * Batches over {@code order} (indices into the image list), the next one always being prepared. An image that
     * cannot be read or decoded ends the pass: what evaluation wants, since its metrics must cover the whole split.
     */
    public Iterator<PreparedBatch> batches(int[] order, int batchSize) {
        return batches(order, batchSize, 0);
    }

    /** As {@link #batches(int[], int)}, for the 1-based {@code epoch} an epoch-dependent transform draws for. */
    public Iterator<PreparedBatch> batches(int[] order, int batchSize, int epoch) {
        return batches(order, batchSize, epoch, BatchLoader::refuse);
    }

    /**
     * As {@link #batches(int[], int, int)}, but an image that cannot be read or decoded is left out of its batch
     * and handed to {@code onSkip} instead (which may throw to end the pass). {@code onSkip} is called on the
     * caller's thread, in the order's order, before the batch that lost the image is returned, so what it sees does
     * not depend on the workers' timing. The order itself is not changed: every other image stays in the same batch
     * at the same step, and only the batch that lost an image is smaller; a batch that loses all of its images is
     * not returned at all.
     */
    public Iterator<PreparedBatch> batches(int[] order, int batchSize, int epoch, Consumer<SkippedImage> onSkip) {
        int count = (order.length + batchSize - 1) / batchSize;
        return new Iterator<>() {
            private int next;
            private CompletableFuture<Prepared> ahead = count > 0 ? submit(0) : null;
            private PreparedBatch ready;

            @Override
            public boolean hasNext() {
                while (ready == null && ahead != null) {
                    Prepared current;
                    try {
                        current = ahead.join();
                    } catch (CompletionException e) {
                        // surface the worker's own error, not the future's wrapper
                        throw e.getCause() instanceof RuntimeException cause ? cause : e;
                    }
                    next++;
                    ahead = next < count ? submit(next) : null;
                    current.skipped().forEach(onSkip);
                    ready = current.batch();
                }
                return ready != null;
            }

            @Override
            public PreparedBatch next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                PreparedBatch current = ready;
                ready = null;
                return current;
            }

            private CompletableFuture<Prepared> submit(int batch) {
                int from = batch * batchSize;
                int to = Math.min(order.length, from + batchSize);
                return prepare(order, from, to, epoch);
            }
        };
    }

    /** An image of the order left out of its batch, and why: the reader's or the decoder's sentence. */
    public record SkippedImage(LabelledImage image, String reason) {
    }

    /** One slot of the order, prepared: the batch of what decoded (null when nothing did) and what did not. */
    private record Prepared(PreparedBatch batch, List<SkippedImage> skipped) {
    }

    private static void refuse(SkippedImage skipped) {
        throw new IllegalStateException("image " + skipped.image().id() + " was rejected: " + skipped.reason());
    }

    private CompletableFuture<Prepared> prepare(int[] order, int from, int to, int epoch) {
        int n = to - from;
        int length = 3 * side * side;
        float[] pixels = new float[n * length];
        String[] failures = new String[n];
        List<CompletableFuture<Void>> parts = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int slot = i;
            int index = order[from + i];
            parts.add(CompletableFuture.runAsync(() -> {
                try {
                    System.arraycopy(tensor(index, epoch), 0, pixels, slot * length, length);
                } catch (IOException e) {
                    failures[slot] = "cannot be read: " + e.getMessage();
                } catch (ImageRejectedException e) {
                    failures[slot] = e.getMessage();
                }
            }, workers));
        }
        // allOf happens-after every part, so the failures written by the workers are visible here
        return CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new)).thenApply(done -> {
            List<LabelledImage> kept = new ArrayList<>(n);
            List<SkippedImage> skipped = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                LabelledImage image = images.get(order[from + i]);
                if (failures[i] != null) {
                    skipped.add(new SkippedImage(image, failures[i]));
                    continue;
                }
                // close the gap a skipped image left, keeping the survivors in order
                if (kept.size() != i) {
                    System.arraycopy(pixels, i * length, pixels, kept.size() * length, length);
                }
                kept.add(image);
            }
            if (kept.isEmpty()) {
                return new Prepared(null, skipped);
            }
            float[] batchPixels = skipped.isEmpty() ? pixels : Arrays.copyOf(pixels, kept.size() * length);
            float[] taskA = new float[kept.size()];
            int[] source = new int[kept.size()];
            for (int i = 0; i < kept.size(); i++) {
                taskA[i] = kept.get(i).label().taskALabel();
                source[i] = kept.get(i).label().index();
            }
            return new Prepared(new PreparedBatch(List.copyOf(kept), batchPixels, taskA, source, side), skipped);
        });
    }

    /** Not cached when it fails: a file put right between epochs is used again. */
    private float[] tensor(int index, int epoch) throws IOException, ImageRejectedException {
        if (cache != null) {
            float[] cached = cache.get(index);
            if (cached != null) {
                return cached;
            }
        }
        LabelledImage image = images.get(index);
        float[] tensor;
        if (transform == ImageTransform.identity()) {
            tensor = preprocessor.prepare(image.read()).tensor();
        } else {
            // the preprocessor's own decoder, so the tensor matches prepare's apart from the transform itself
            DecodedImage decoded = preprocessor.decoder().decode(image.read());
            tensor = preprocessor.toTensor(transform.apply(decoded, image.id(), epoch));
        }
        if (cache != null) {
            cache.put(index, tensor);
        }
        return tensor;
    }

    @Override
    public void close() {
        workers.shutdownNow();
    }
}
