package dev.defactify.function.telemetry;

import dev.defactify.function.problem.Problem;
import dev.defactify.function.scoring.Detection;

/** What the function counts and times; CloudWatch metrics on Lambda, nothing locally. */
public interface DetectionMetrics {

    /** @param entryPoint {@code api}, {@code s3-event}, … — a metric dimension */
    void detected(String entryPoint, Detection detection);

    void failed(String entryPoint, Problem problem);

    static DetectionMetrics none() {
        return new DetectionMetrics() {
            @Override
            public void detected(String entryPoint, Detection detection) {
            }

            @Override
            public void failed(String entryPoint, Problem problem) {
            }
        };
    }
}
