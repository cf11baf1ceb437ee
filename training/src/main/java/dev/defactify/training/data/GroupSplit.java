package dev.defactify.training.data;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Divides images that come without splits into train, validation and test by group, so that no caption or scene
 * is seen in two splits, and stratified: groups are first sorted into strata by the set of labels they contain
 * (for MS COCOAI every caption holds all six, elsewhere groups may be single images) and each stratum is divided
 * in the requested proportions, so every split gets its share of every label.
 *
 * <p>Deterministic for a seed: a group's place depends only on its name and the seed, not on the input order or
 * on which other groups exist, so adding images to a dataset moves no existing group between splits.
 *
 * @param trainFraction share of each stratum's groups in {@link Split#TRAIN}
 * @param valFraction   share in {@link Split#VAL}; the rest go to {@link Split#TEST}
 */
public record GroupSplit(double trainFraction, double valFraction, long seed) {

    public static final long DEFAULT_SEED = 42;

    public GroupSplit {
        if (!(trainFraction > 0 && valFraction >= 0 && trainFraction + valFraction <= 1)) {
            throw new IllegalArgumentException("split fractions must satisfy train > 0, val >= 0, train + val <= 1; got "
                    + trainFraction + " and " + valFraction);
        }
    }

    /** 70 / 15 / 15 by group. */
    public static GroupSplit standard(long seed) {
        return new GroupSplit(0.70, 0.15, seed);
    }

    /** Each split's images in their input order. */
    public Map<Split, List<LabelledImage>> apply(List<LabelledImage> images) {
        Map<String, List<LabelledImage>> groups = images.stream()
                .collect(Collectors.groupingBy(LabelledImage::group, LinkedHashMap::new, Collectors.toList()));
        Map<String, List<String>> strata = new TreeMap<>();
        groups.forEach((group, members) -> strata.computeIfAbsent(stratum(members), s -> new ArrayList<>()).add(group));
        Map<String, Split> placement = new LinkedHashMap<>();
        for (List<String> stratumGroups : strata.values()) {
            stratumGroups.sort(Comparator.comparingLong(this::rank).thenComparing(Comparator.naturalOrder()));
            int n = stratumGroups.size();
            for (int i = 0; i < n; i++) {
                // Position by the centre of each slot, so a stratum of 1 or 2 groups lands in train first.
                double position = (i + 0.5) / n;
                Split split = position < trainFraction ? Split.TRAIN
                        : position < trainFraction + valFraction ? Split.VAL : Split.TEST;
                placement.put(stratumGroups.get(i), split);
            }
        }
        Map<Split, List<LabelledImage>> bySplit = new EnumMap<>(Split.class);
        for (Split split : Split.values()) {
            bySplit.put(split, new ArrayList<>());
        }
        for (LabelledImage image : images) {
            bySplit.get(placement.get(image.group())).add(image);
        }
        bySplit.replaceAll((split, list) -> List.copyOf(list));
        return bySplit;
    }

    private static String stratum(List<LabelledImage> members) {
        TreeSet<Integer> labels = new TreeSet<>();
        members.forEach(image -> labels.add(image.label().index()));
        return labels.toString();
    }

    // SplitMix64's finaliser over the seed and the name's String hash (fixed by the Java spec, so stable across JVMs).
    private long rank(String group) {
        long z = seed * 0x9E3779B97F4A7C15L + group.hashCode();
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
