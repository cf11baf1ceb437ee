package dev.defactify.contract.image;

/**
 * What a header says before any pixel is decoded: enough to refuse an image that is too large.
 * Dimensions are as stored, before EXIF orientation (the pixel count is the same either way).
 */
public record ImageHeader(ImageFormat format, int width, int height) {

    public long pixels() {
        return (long) width * height;
    }
}
