package dev.defactify.function.model;

/** The two files of a model version as fetched, before anything about them is trusted. */
public record ModelFiles(String source, byte[] manifestJson, byte[] onnx) {
}
