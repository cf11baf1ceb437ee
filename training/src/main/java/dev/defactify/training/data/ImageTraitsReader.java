package dev.defactify.training.data;

import dev.defactify.contract.image.ImageHeader;
import dev.defactify.contract.image.ImageLimits;
import dev.defactify.contract.image.ImageProbe;
import dev.defactify.contract.image.ImageRejectedException;
import dev.defactify.training.data.parquet.ParquetDataset;
import dev.defactify.training.evaluation.SizeFormatBaseline;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Collects the size/format baseline's inputs for a split. Parquet datasets already know every image's header from
 * extraction; other datasets are probed here (header only, no pixel decoding).
 */
public final class ImageTraitsReader {

    private final ImageProbe probe = new ImageProbe(ImageLimits.defaults());
    private int skipped;

    /** Images whose header cannot be read are left out and counted in {@link #skipped()}. */
    public List<SizeFormatBaseline.Example> examples(ImageDataset dataset, Split split) {
        List<SizeFormatBaseline.Example> examples = new ArrayList<>();
        for (LabelledImage image : dataset.images(split)) {
            try {
                Optional<ImageHeader> known = dataset instanceof ParquetDataset parquet ? parquet.header(image)
                        : Optional.empty();
                ImageHeader header;
                long byteSize;
                if (known.isPresent() && image.location() instanceof FileLocation file) {
                    // the extracted file is the parquet cell byte for byte: its size is the stored size
                    header = known.get();
                    byteSize = Files.size(file.path());
                } else {
                    byte[] bytes = image.read();
                    header = probe.probe(bytes);
                    byteSize = bytes.length;
                }
                examples.add(new SizeFormatBaseline.Example(image.id(), image.label(),
                        new SizeFormatBaseline.Traits(header.format().slug(), header.width(), header.height(),
                                byteSize)));
            } catch (ImageRejectedException e) {
                skipped++;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + image.location().describe(), e);
            }
        }
        return examples;
    }

    public int skipped() {
        return skipped;
    }
}
