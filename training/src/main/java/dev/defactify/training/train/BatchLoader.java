package dev.defactify.training.train;

import dev.defactify.contract.image.DecodedImage;
import dev.defactify.contract.image.ImagePreprocessor;
import dev.defactify.contract.image.ImageRejectedException;
import dev.defactify.training.augment.ImageTransform;
import dev.defactify.training.data.LabelledImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;

/**
 * Decodes and preprocesses images on a pool of CPU workers, one batch ahead of the network, through the same
 * {@link ImagePreprocessor} serving uses. Optionally keeps tensors in memory, since without augmentation an image's
 * tensor never changes between epochs and decoding costs as much as a small network's training step.
 *
 * <p>An {@link ImageTransform} may change the decoded pixels before the shared resize/normalise (the training
 * augmentation, or a robustness perturbation); only a training loader is ever given an augmenting one. A transform
 * that varies by epoch turns the cache off, since an image's tensor then differs every epoch.
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

    /** Batches over {@code order} (indices into the image list), the next one always being prepared. */
    public Iterator<PreparedBatch> batches(int[] order, int batchSize) {
        return batches(order, batchSize, 0);
    }

    /** As {@link #batches(int[], int)}, for the 1-based {@code epoch} an epoch-dependent transform draws for. */
    public Iterator<PreparedBatch> batches(int[] order, int batchSize, int epoch) {
        int count = (order.length + batchSize - 1) / batchSize;
        return new Iterator<>() {
            private int next;
            private CompletableFuture<PreparedBatch> ahead = count > 0 ? submit(0) : null;

            @Override
            public boolean hasNext() {
                return next < count;
            }

            @Override
            public PreparedBatch next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                PreparedBatch current;
                try {
                    current = ahead.join();
                } catch (CompletionException e) {
                    // surface the worker's own error (an unreadable or rejected image), not the future's wrapper
                    throw e.getCause() instanceof RuntimeException cause ? cause : e;
                }
                next++;
                ahead = next < count ? submit(next) : null;
                return current;
            }

            private CompletableFuture<PreparedBatch> submit(int batch) {
                int from = batch * batchSize;
                int to = Math.min(order.length, from + batchSize);
                return prepare(order, from, to, epoch);
            }
        };
    }

    private CompletableFuture<PreparedBatch> prepare(int[] order, int from, int to, int epoch) {
        int n = to - from;
        int length = 3 * side * side;
        float[] pixels = new float[n * length];
        List<CompletableFuture<Void>> parts = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int slot = i;
            int index = order[from + i];
            parts.add(CompletableFuture.runAsync(
                    () -> System.arraycopy(tensor(index, epoch), 0, pixels, slot * length, length), workers));
        }
        return CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new)).thenApply(done -> {
            List<LabelledImage> batchImages = IntStream.range(from, to).mapToObj(i -> images.get(order[i])).toList();
            float[] taskA = new float[n];
            int[] source = new int[n];
            for (int i = 0; i < n; i++) {
                taskA[i] = batchImages.get(i).label().taskALabel();
                source[i] = batchImages.get(i).label().index();
            }
            return new PreparedBatch(batchImages, pixels, taskA, source, side);
        });
    }

    private float[] tensor(int index, int epoch) {
        if (cache != null) {
            float[] cached = cache.get(index);
            if (cached != null) {
                return cached;
            }
        }
        LabelledImage image = images.get(index);
        float[] tensor;
        try {
            if (transform == ImageTransform.identity()) {
                tensor = preprocessor.prepare(image.read()).tensor();
            } else {
                // the preprocessor's own decoder, so the tensor matches prepare's apart from the transform itself
                DecodedImage decoded = preprocessor.decoder().decode(image.read());
                tensor = preprocessor.toTensor(transform.apply(decoded, image.id(), epoch));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + image.id(), e);
        } catch (ImageRejectedException e) {
            throw new IllegalStateException("training image " + image.id() + " was rejected: " + e.getMessage(), e);
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
