package dev.defactify.contract.image;

/**
 * The eight EXIF orientations (tag 0x0112): how the stored pixels must be turned to look the way the
 * camera held them. Phones store portraits sideways with orientation 6, so ignoring it would train
 * the model on rotated photographs and serve it upright ones.
 */
public enum Orientation {
    NORMAL(1, false),
    MIRROR_HORIZONTAL(2, false),
    ROTATE_180(3, false),
    MIRROR_VERTICAL(4, false),
    TRANSPOSE(5, true),
    ROTATE_90_CLOCKWISE(6, true),
    TRANSVERSE(7, true),
    ROTATE_90_COUNTERCLOCKWISE(8, true);

    private final int exifValue;
    private final boolean swapsAxes;

    Orientation(int exifValue, boolean swapsAxes) {
        this.exifValue = exifValue;
        this.swapsAxes = swapsAxes;
    }

    public int exifValue() {
        return exifValue;
    }

    /** True when the upright image is {@code height x width}. */
    public boolean swapsAxes() {
        return swapsAxes;
    }

    /** The orientation for an EXIF value; values outside 1..8 (seen in the wild) mean "as stored". */
    public static Orientation ofExif(int value) {
        for (Orientation orientation : values()) {
            if (orientation.exifValue == value) {
                return orientation;
            }
        }
        return NORMAL;
    }

    /**
     * Where the upright pixel {@code (x, y)} of a {@code width x height} stored image is stored: {@code {x, y}} in
     * stored coordinates. The same maps as {@link #apply}.
     */
    public int[] storedPosition(int x, int y, int width, int height) {
        int lastX = width - 1;
        int lastY = height - 1;
        return switch (this) {
            case NORMAL -> new int[] {x, y};
            case MIRROR_HORIZONTAL -> new int[] {lastX - x, y};
            case ROTATE_180 -> new int[] {lastX - x, lastY - y};
            case MIRROR_VERTICAL -> new int[] {x, lastY - y};
            case TRANSPOSE -> new int[] {y, x};
            case ROTATE_90_CLOCKWISE -> new int[] {y, lastY - x};
            case TRANSVERSE -> new int[] {lastX - y, lastY - x};
            case ROTATE_90_COUNTERCLOCKWISE -> new int[] {lastX - y, x};
        };
    }

    /**
     * Returns the upright pixels of a {@code width x height} row-major image. Every orientation is an
     * affine map from output (x, y) to a source index, {@code start + x * stepX + y * stepY}, so one
     * branch-free loop serves all eight.
     */
    public int[] apply(int[] pixels, int width, int height) {
        if (this == NORMAL) {
            return pixels;
        }
        int lastColumn = width - 1;
        int lastRowStart = (height - 1) * width;
        int start;
        int stepX;
        int stepY;
        switch (this) {
            case MIRROR_HORIZONTAL -> { start = lastColumn; stepX = -1; stepY = width; }
            case ROTATE_180 -> { start = lastRowStart + lastColumn; stepX = -1; stepY = -width; }
            case MIRROR_VERTICAL -> { start = lastRowStart; stepX = 1; stepY = -width; }
            case TRANSPOSE -> { start = 0; stepX = width; stepY = 1; }
            case ROTATE_90_CLOCKWISE -> { start = lastRowStart; stepX = -width; stepY = 1; }
            case TRANSVERSE -> { start = lastRowStart + lastColumn; stepX = -width; stepY = -1; }
            case ROTATE_90_COUNTERCLOCKWISE -> { start = lastColumn; stepX = width; stepY = -1; }
            default -> throw new AssertionError(this);
        }
        int outWidth = swapsAxes ? height : width;
        int outHeight = swapsAxes ? width : height;
        int[] upright = new int[pixels.length];
        int target = 0;
        for (int y = 0; y < outHeight; y++) {
            int source = start + y * stepY;
            for (int x = 0; x < outWidth; x++) {
                upright[target++] = pixels[source];
                source += stepX;
            }
        }
        return upright;
    }
}
