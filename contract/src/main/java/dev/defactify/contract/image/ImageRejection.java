package dev.defactify.contract.image;

/**
 * Why an input was refused. Serving maps each case to a status code (413 for the size limits, 415 for
 * an unknown signature, 422 for a file that does not decode), so the set is closed.
 */
public sealed interface ImageRejection {

    /** A sentence a client can read. */
    String message();

    record TooManyBytes(long actual, long limit) implements ImageRejection {
        @Override
        public String message() {
            return "image is " + actual + " bytes; the limit is " + limit + " bytes";
        }
    }

    record TooManyPixels(long width, long height, long limit) implements ImageRejection {
        @Override
        public String message() {
            return "image is " + width + "x" + height + " = " + (width * height)
                    + " pixels; the limit is " + limit + " pixels";
        }
    }

    record UnsupportedFormat(String detail) implements ImageRejection {
        @Override
        public String message() {
            return "not a supported image (" + String.join(", ", ImageFormat.slugs()) + "): " + detail;
        }
    }

    record Undecodable(ImageFormat format, String detail) implements ImageRejection {
        @Override
        public String message() {
            return "the " + format.slug() + " image could not be decoded: " + detail;
        }
    }
}
