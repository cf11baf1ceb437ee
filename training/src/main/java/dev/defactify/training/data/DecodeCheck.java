package dev.defactify.training.data;

import dev.defactify.contract.image.ImageDecoder;
import dev.defactify.contract.image.ImageLimits;
import dev.defactify.contract.image.ImageRejectedException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Decodes every image once while a dataset is prepared, through the contract's {@link ImageDecoder}: the decoder
 * serving uses, which training's preprocessor wraps, so "decodable" means the same on both sides. An image that
 * fails here would otherwise fail when its first batch is built, possibly hours into a run; found now, it is left
 * out and counted. Only the verdict is kept: the pixels are dropped as soon as they exist.
 *
 * <p>Images are decoded on a pool of threads, and verdicts are collected in input order, so what a dataset keeps
 * does not depend on which thread finished first.
 */
public final class DecodeCheck implements AutoCloseable {

    /** Where an item's encoded bytes come from; may read a file, hence the IOException. */
    @FunctionalInterface
    public interface EncodedBytes<T> {
        byte[] of(T item) throws IOException;
    }

    /**
     * @param bySplit the images that decode, by split, in their scan order
     * @param report  how many were scanned and which did not decode
     */
    public record Kept(Map<Split, List<LabelledImage>> bySplit, DecodeReport report) {
    }

    private final ImageDecoder decoder;
    private final ExecutorService workers;

    public DecodeCheck(ImageDecoder decoder, int threads) {
        this.decoder = decoder;
        this.workers = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "decode-check");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Full-resolution decoding within the default limits, one thread per processor. */
    public static DecodeCheck standard() {
        return new DecodeCheck(new ImageDecoder(ImageLimits.defaults()), Runtime.getRuntime().availableProcessors());
    }

    /** Why {@code encoded} does not decode (the decoder's own sentence), or empty when it does. */
    public Optional<String> problem(byte[] encoded) {
        try {
            decoder.decode(encoded);
            return Optional.empty();
        } catch (ImageRejectedException e) {
            return Optional.of(e.getMessage());
        }
    }

    /**
     * {@link #problem} of every item, in the items' order. Reading the bytes happens on the pool as well, so file
     * reads overlap decoding; an item whose bytes cannot be read is a problem of its own, not an error of the check.
     * All items are submitted at once: callers that hold encoded bytes in memory pass bounded lists.
     */
    public <T> List<Optional<String>> problems(List<T> items, EncodedBytes<T> bytes) {
        List<CompletableFuture<Optional<String>>> verdicts = new ArrayList<>(items.size());
        for (T item : items) {
            verdicts.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return problem(bytes.of(item));
                } catch (IOException e) {
                    return Optional.of("cannot be read: " + e.getMessage());
                }
            }, workers));
        }
        return verdicts.stream().map(CompletableFuture::join).toList();
    }

    /** The scanned images without those that do not decode, which the report counts with the first few named. */
    public Kept keepDecodable(Map<Split, List<LabelledImage>> scanned) {
        List<LabelledImage> all = new ArrayList<>();
        for (Split split : Split.values()) {
            all.addAll(scanned.getOrDefault(split, List.of()));
        }
        List<Optional<String>> verdicts = problems(all, LabelledImage::read);
        Map<Split, List<LabelledImage>> kept = new EnumMap<>(Split.class);
        List<String> examples = new ArrayList<>();
        long undecodable = 0;
        int next = 0;
        for (Split split : Split.values()) {
            List<LabelledImage> images = new ArrayList<>();
            for (LabelledImage image : scanned.getOrDefault(split, List.of())) {
                Optional<String> problem = verdicts.get(next++);
                if (problem.isEmpty()) {
                    images.add(image);
                    continue;
                }
                undecodable++;
                if (examples.size() < DecodeReport.MAX_EXAMPLES) {
                    examples.add(image.id() + ": " + problem.get());
                }
            }
            kept.put(split, List.copyOf(images));
        }
        return new Kept(kept, new DecodeReport(all.size(), undecodable, examples));
    }

    @Override
    public void close() {
        workers.shutdownNow();
    }
}
