package dev.defactify.training.data;

import dev.defactify.contract.label.SourceLabel;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Images per label per split. Training reads it to decide on class weights and prints {@link #summary()} so a
 * lopsided or half-copied dataset is noticed before hours of training rather than after.
 */
public final class ClassCounts {

    private final Map<Split, int[]> perSplit;

    private ClassCounts(Map<Split, int[]> perSplit) {
        this.perSplit = perSplit;
    }

    public static ClassCounts of(ImageDataset dataset) {
        Map<Split, int[]> counts = new EnumMap<>(Split.class);
        for (Split split : Split.values()) {
            counts.put(split, tally(dataset.images(split)));
        }
        return new ClassCounts(counts);
    }

    private static int[] tally(List<LabelledImage> images) {
        int[] perLabel = new int[SourceLabel.count()];
        for (LabelledImage image : images) {
            perLabel[image.label().index()]++;
        }
        return perLabel;
    }

    public int count(Split split, SourceLabel label) {
        return perSplit.get(split)[label.index()];
    }

    public int total(Split split) {
        int sum = 0;
        for (int n : perSplit.get(split)) {
            sum += n;
        }
        return sum;
    }

    public int total(SourceLabel label) {
        int sum = 0;
        for (Split split : Split.values()) {
            sum += count(split, label);
        }
        return sum;
    }

    public int total() {
        int sum = 0;
        for (Split split : Split.values()) {
            sum += total(split);
        }
        return sum;
    }

    /** Task A counts of one split: index 0 = real, 1 = AI-generated. */
    public int[] taskACounts(Split split) {
        int[] binary = new int[2];
        for (SourceLabel label : SourceLabel.inHeadOrder()) {
            binary[label.taskALabel()] += count(split, label);
        }
        return binary;
    }

    /** A fixed-width table: one row per split, one column per label in head order, and totals. */
    public String summary() {
        StringBuilder table = new StringBuilder(String.format("%-6s", "split"));
        for (SourceLabel label : SourceLabel.inHeadOrder()) {
            table.append(String.format(" %11s", label.slug()));
        }
        table.append(String.format(" %8s%n", "total"));
        for (Split split : Split.values()) {
            table.append(String.format("%-6s", split.folderName()));
            for (SourceLabel label : SourceLabel.inHeadOrder()) {
                table.append(String.format(" %11d", count(split, label)));
            }
            table.append(String.format(" %8d%n", total(split)));
        }
        table.append(String.format("%-6s", "all"));
        for (SourceLabel label : SourceLabel.inHeadOrder()) {
            table.append(String.format(" %11d", total(label)));
        }
        return table.append(String.format(" %8d%n", total())).toString();
    }

    @Override
    public String toString() {
        return summary();
    }
}
