package dev.defactify.training.data;

import dev.defactify.contract.label.SourceLabel;
import java.io.IOException;
import java.util.Objects;

/**
 * One training example.
 *
 * @param id       stable identifier, unique within a dataset (for files: the path relative to the dataset root)
 * @param group    images that share content (a caption, a scene) share a group; splits must never separate a
 *                 group, or the model is evaluated on content it has already seen
 * @param label    where the image came from
 * @param location where its encoded bytes can be read
 */
public record LabelledImage(String id, String group, SourceLabel label, ImageLocation location) {

    public LabelledImage {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(location, "location");
        if (id.isBlank()) {
            throw new IllegalArgumentException("image id must not be blank");
        }
        if (group.isBlank()) {
            throw new IllegalArgumentException("group of image " + id + " must not be blank");
        }
    }

    /** The encoded image bytes; the decoder is the consumer's choice. */
    public byte[] read() throws IOException {
        return location.readBytes();
    }
}
