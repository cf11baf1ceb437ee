package dev.defactify.function.problem;

import dev.defactify.contract.image.ImageRejectedException;
import dev.defactify.contract.image.ImageRejection;

/** How each way an image can be refused maps onto the HTTP statuses of DESIGN §4. */
public final class ImageProblems {
    private ImageProblems() {
    }

    public static Problem of(ImageRejectedException e) {
        ImageRejection rejection = e.rejection();
        ProblemKind kind = switch (rejection) {
            case ImageRejection.TooManyBytes ignored -> ProblemKind.IMAGE_TOO_LARGE;
            case ImageRejection.TooManyPixels ignored -> ProblemKind.IMAGE_TOO_LARGE;
            case ImageRejection.UnsupportedFormat ignored -> ProblemKind.UNSUPPORTED_IMAGE;
            case ImageRejection.Undecodable ignored -> ProblemKind.UNDECODABLE_IMAGE;
        };
        return kind.with(rejection.message());
    }
}
