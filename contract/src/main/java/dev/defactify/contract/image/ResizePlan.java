package dev.defactify.contract.image;

/**
 * Where the square crop comes from: the image is (conceptually) resampled to
 * {@code resizedWidth x resizedHeight} and the {@code size x size} window at {@code (cropX, cropY)} is
 * kept. Long because a 1 x 40 000 000 strip scaled so its short side is 224 is wider than an int.
 * Only the kept window is ever computed.
 */
public record ResizePlan(int sourceWidth, int sourceHeight, long resizedWidth, long resizedHeight,
                         long cropX, long cropY, int size) {

    public ResizePlan {
        if (sourceWidth <= 0 || sourceHeight <= 0 || size <= 0) {
            throw new IllegalArgumentException("dimensions must be positive");
        }
        if (resizedWidth < size || resizedHeight < size) {
            throw new IllegalArgumentException("resized image " + resizedWidth + "x" + resizedHeight
                    + " is smaller than the " + size + "x" + size + " crop");
        }
        if (cropX < 0 || cropY < 0 || cropX + size > resizedWidth || cropY + size > resizedHeight) {
            throw new IllegalArgumentException("crop window lies outside the resized image");
        }
    }

    /** Crop the middle; when the margin is odd the extra pixel goes to the right/bottom (floor). */
    static ResizePlan centered(int sourceWidth, int sourceHeight, long resizedWidth, long resizedHeight, int size) {
        return new ResizePlan(sourceWidth, sourceHeight, resizedWidth, resizedHeight,
                (resizedWidth - size) / 2, (resizedHeight - size) / 2, size);
    }

    boolean resamplesWidth() {
        return resizedWidth != sourceWidth;
    }

    boolean resamplesHeight() {
        return resizedHeight != sourceHeight;
    }
}
