package dev.defactify.training.evaluation;

import dev.defactify.contract.label.SourceLabel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A classifier that sees only an image's file format, width, height and byte size, never a pixel. It learns the
 * label distribution of each (format, size) cell on the training split and predicts that distribution on the test
 * split. Its scores measure how much of the task the container alone gives away: if it scores well, a network can
 * score well without detecting anything, and the network's numbers must be read against this floor.
 *
 * <p>Cells go from fine to coarse: format + width + height (in 32 px steps) + byte size (in quarter octaves); then
 * format + width + height; then format; then everything. A test image is predicted from the finest cell that the
 * training split populated.
 */
public final class SizeFormatBaseline {

    /** The only properties the baseline may look at. */
    public record Traits(String format, int width, int height, long byteSize) {
        public Traits {
            Objects.requireNonNull(format, "format");
        }

        List<String> cells() {
            String dims = format + "|" + (width / 32) + "x" + (height / 32);
            long sizeBucket = Math.round(4 * Math.log(Math.max(1, byteSize)) / Math.log(2));
            return List.of(dims + "|" + sizeBucket, dims, format, "*");
        }
    }

    public record Example(String id, SourceLabel label, Traits traits) {
        public Example {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(traits, "traits");
        }
    }

    /**
     * @param cells     distinct finest cells seen in training
     * @param skipped   images left out because their header could not be read
     */
    public record Result(int trainImages, int testImages, int cells, int skipped, TaskAMetrics taskA,
                         TaskBMetrics taskB) {

        /** The JSON shape of {@code baseline.json}. */
        public Map<String, Object> asJson(String dataset, String trainSplit, String testSplit) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("baseline", "size-format");
            json.put("features", List.of("format", "width", "height", "byteSize"));
            json.put("dataset", dataset);
            json.put("trainSplit", trainSplit);
            json.put("testSplit", testSplit);
            json.put("trainImages", trainImages);
            json.put("testImages", testImages);
            json.put("cells", cells);
            json.put("skippedImages", skipped);
            Map<String, Object> a = new LinkedHashMap<>();
            a.put("accuracy", taskA.accuracy());
            a.put("balancedAccuracy", taskA.balancedAccuracy());
            a.put("rocAuc", taskA.rocAuc());
            json.put("taskA", a);
            Map<String, Object> b = new LinkedHashMap<>();
            b.put("accuracy", taskB.accuracy());
            b.put("macroF1", taskB.macroF1());
            b.put("perClassF1", taskB.perClassF1());
            json.put("taskB", b);
            return json;
        }

        public String summary() {
            return String.format("size/format baseline: Task A accuracy %.3f, balanced accuracy %.3f; Task B macro-F1 "
                    + "%.3f (%d train, %d test images, %d cells)", taskA.accuracy(), taskA.balancedAccuracy(),
                    taskB.macroF1(), trainImages, testImages, cells);
        }
    }

    private final List<Map<String, long[]>> countsByLevel;

    private SizeFormatBaseline(List<Map<String, long[]>> countsByLevel) {
        this.countsByLevel = countsByLevel;
    }

    public static SizeFormatBaseline learn(List<Example> train) {
        if (train.isEmpty()) {
            throw new IllegalArgumentException("the size/format baseline needs at least one training image");
        }
        List<Map<String, long[]>> levels = new ArrayList<>();
        for (int level = 0; level < 4; level++) {
            levels.add(new HashMap<>());
        }
        for (Example example : train) {
            List<String> cells = example.traits().cells();
            for (int level = 0; level < cells.size(); level++) {
                levels.get(level).computeIfAbsent(cells.get(level), c -> new long[SourceLabel.count()])
                        [example.label().index()]++;
            }
        }
        return new SizeFormatBaseline(levels);
    }

    /** The training label distribution of the finest populated cell, as the two heads would report it. */
    public Prediction predict(Example example) {
        List<String> cells = example.traits().cells();
        long[] counts = null;
        for (int level = 0; level < cells.size() && counts == null; level++) {
            counts = countsByLevel.get(level).get(cells.get(level));
        }
        long total = 0;
        for (long n : counts) {
            total += n;
        }
        double[] probabilities = new double[counts.length];
        double ai = 0;
        for (int i = 0; i < counts.length; i++) {
            probabilities[i] = (double) counts[i] / total;
            if (SourceLabel.ofIndex(i).isGenerated()) {
                ai += probabilities[i];
            }
        }
        return new Prediction(example.id(), example.label(), Math.min(1.0, ai), probabilities);
    }

    public int cellCount() {
        return countsByLevel.getFirst().size();
    }

    /** Learns on {@code train}, scores {@code test} with the same metrics as the network's report. */
    public static Result evaluate(List<Example> train, List<Example> test, int skipped) {
        if (test.isEmpty()) {
            throw new IllegalArgumentException("the size/format baseline needs at least one test image");
        }
        SizeFormatBaseline baseline = learn(train);
        List<Prediction> predictions = test.stream().map(baseline::predict).toList();
        return new Result(train.size(), test.size(), baseline.cellCount(), skipped,
                TaskAMetrics.evaluate(predictions), TaskBMetrics.evaluate(predictions));
    }
}
