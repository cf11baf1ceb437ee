package dev.defactify.training.data;

import java.util.List;

/** A labelled image collection already divided into train, validation and test parts. */
public interface ImageDataset {

    /** The images of one split in a deterministic order; empty when the dataset has no such split. */
    List<LabelledImage> images(Split split);

    /** One line naming the source and its layout, for logs and run reports. */
    String describe();

    default ClassCounts counts() {
        return ClassCounts.of(this);
    }
}
