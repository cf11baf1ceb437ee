package dev.defactify.function.api;

import java.util.List;

/** {@code POST /v1/detections:batch}: up to {@code MAX_BATCH_ITEMS} image references. */
public record BatchRequest(List<ImageRequest> items) {
}
