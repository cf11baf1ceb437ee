package dev.defactify.training.data;

import dev.defactify.contract.label.SourceLabel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A dataset described by {@code ROOT/manifest.csv} with the columns of {@link ManifestRow#COLUMNS} (any order,
 * found by header name). Every row is checked before anything is returned, and all problems are counted so one
 * failed run reveals how broken a manifest is instead of one line per attempt. Every listed image is then decoded
 * once; one that does not decode is not a manifest mistake but a broken file, so it is left out and counted in
 * {@link #decodeReport()} rather than failing the whole dataset.
 */
public final class ManifestCsvDataset implements ImageDataset {

    private final Path manifest;
    private final Map<Split, List<LabelledImage>> bySplit;
    private final DecodeReport decodeReport;

    private ManifestCsvDataset(Path manifest, Map<Split, List<LabelledImage>> bySplit, DecodeReport decodeReport) {
        this.manifest = manifest;
        this.bySplit = bySplit;
        this.decodeReport = decodeReport;
    }

    public static ManifestCsvDataset open(Path root) {
        try (DecodeCheck check = DecodeCheck.standard()) {
            return open(root, check);
        }
    }

    public static ManifestCsvDataset open(Path root, DecodeCheck check) {
        Path manifest = root.resolve(ManifestRow.FILE_NAME);
        List<String> lines;
        try {
            lines = Files.readAllLines(manifest, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + manifest, e);
        }
        if (lines.isEmpty()) {
            throw new InvalidDatasetException(manifest + " is empty; expected the header " + ManifestRow.header());
        }
        Map<String, Integer> columns = columnIndex(manifest, lines.getFirst());
        RowChecker checker = new RowChecker(root.toAbsolutePath().normalize(), columns);
        Map<Split, List<LabelledImage>> bySplit = new EnumMap<>(Split.class);
        for (Split split : Split.values()) {
            bySplit.put(split, new ArrayList<>());
        }
        List<String> problems = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            int lineNumber = i + 1;
            try {
                ManifestRow row = checker.check(lines.get(i));
                Path file = checker.resolve(row.path());
                bySplit.get(row.split()).add(new LabelledImage(row.path(), row.group(), row.label(),
                        new FileLocation(file)));
            } catch (IllegalArgumentException e) {
                problems.add("line " + lineNumber + ": " + e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidDatasetException(problems.size() + " bad row(s) in " + manifest + "; first at "
                    + problems.getFirst());
        }
        if (bySplit.values().stream().allMatch(List::isEmpty)) {
            throw new InvalidDatasetException(manifest + " lists no images");
        }
        DecodeCheck.Kept kept = check.keepDecodable(bySplit);
        if (kept.report().used() == 0) {
            throw new InvalidDatasetException("no image listed in " + manifest + " decodes: " + kept.report().summary());
        }
        return new ManifestCsvDataset(manifest, kept.bySplit(), kept.report());
    }

    private static Map<String, Integer> columnIndex(Path manifest, String headerLine) {
        List<String> header = CsvFields.parse(headerLine.strip().replace("\uFEFF", ""));
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            index.put(header.get(i).trim(), i);
        }
        List<String> missing = ManifestRow.COLUMNS.stream().filter(c -> !index.containsKey(c)).toList();
        if (!missing.isEmpty()) {
            throw new InvalidDatasetException(manifest + " lacks column(s) " + missing + "; expected header "
                    + ManifestRow.header());
        }
        return index;
    }

    /** Validates rows one at a time and remembers what it has seen, to catch duplicates and split leaks. */
    private static final class RowChecker {
        private final Path root;
        private final Map<String, Integer> columns;
        private final Set<String> seenPaths = new HashSet<>();
        private final Map<String, Split> groupSplits = new HashMap<>();

        RowChecker(Path root, Map<String, Integer> columns) {
            this.root = root;
            this.columns = columns;
        }

        ManifestRow check(String line) {
            List<String> fields = CsvFields.parse(line);
            if (fields.size() != columns.size()) {
                throw new IllegalArgumentException("expected " + columns.size() + " fields but found "
                        + fields.size());
            }
            String path = field(fields, "path");
            String group = field(fields, "group");
            Split split = Split.parse(field(fields, "split"));
            SourceLabel label = SourceLabel.ofSlug(field(fields, "label"));
            String taskA = field(fields, "task_a");
            if (!taskA.equals(Integer.toString(label.taskALabel()))) {
                throw new IllegalArgumentException("task_a is '" + taskA + "' but label " + label.slug()
                        + " means " + label.taskALabel());
            }
            if (path.isEmpty() || group.isEmpty()) {
                throw new IllegalArgumentException("path and group must not be empty");
            }
            if (!seenPaths.add(path)) {
                throw new IllegalArgumentException("path " + path + " is listed twice");
            }
            Split earlier = groupSplits.putIfAbsent(group, split);
            if (earlier != null && earlier != split) {
                throw new IllegalArgumentException("group " + group + " appears in both " + earlier.folderName()
                        + " and " + split.folderName() + ", which leaks content across splits");
            }
            if (!Files.isRegularFile(resolve(path))) {
                throw new IllegalArgumentException("image " + path + " does not exist under " + root);
            }
            return new ManifestRow(path, split, label, group);
        }

        Path resolve(String path) {
            Path file = root.resolve(path).normalize();
            if (Path.of(path).isAbsolute() || !file.startsWith(root)) {
                throw new IllegalArgumentException("path " + path + " is not inside " + root);
            }
            return file;
        }

        private String field(List<String> fields, String column) {
            return fields.get(columns.get(column)).trim();
        }
    }

    @Override
    public List<LabelledImage> images(Split split) {
        return bySplit.get(split);
    }

    /** Images listed and those left out because they did not decode. */
    public DecodeReport decodeReport() {
        return decodeReport;
    }

    @Override
    public String describe() {
        return "manifest " + manifest + ": " + decodeReport.summary();
    }
}
