package dev.defactify.contract.image;

/** Which decoder reads JPEGs. Training and serving use the default; the other exists to compare them. */
public enum JpegBackend {
    /**
     * libjpeg-turbo ({@link TurboJpeg}) where its natives load, with DCT-domain scaling; CMYK/YCCK files, files it
     * refuses, and platforms without the natives go to ImageIO.
     */
    LIBJPEG_TURBO,
    /** The JDK's decoder (TwelveMonkeys for CMYK), with point subsampling. */
    IMAGEIO;

    /** What decodes JPEGs with this backend in this JVM, for logs and health checks. */
    public String describe() {
        if (this == IMAGEIO) {
            return "ImageIO";
        }
        return TurboJpeg.unavailableBecause().map(reason -> "ImageIO (libjpeg-turbo did not load: " + reason + ")")
                .orElse("libjpeg-turbo");
    }

    /** Whether JPEGs decoded with this backend actually go through libjpeg-turbo in this JVM. */
    public boolean isNative() {
        return this == LIBJPEG_TURBO && TurboJpeg.available();
    }
}
