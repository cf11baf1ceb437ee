package dev.defactify.function.serving;

import dev.defactify.contract.image.ImageRejectedException;
import dev.defactify.function.problem.ImageProblems;
import dev.defactify.function.problem.ProblemException;
import dev.defactify.function.problem.ProblemKind;
import dev.defactify.function.scoring.Detection;
import dev.defactify.function.scoring.Detector;
import dev.defactify.function.scoring.DetectorBusyException;
import dev.defactify.function.source.FetchedImage;
import dev.defactify.function.source.ImageFetcher;
import dev.defactify.function.source.ImageInput;
import dev.defactify.function.telemetry.DetectionMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;

/**
 * The one domain call every entry point makes: get the image, score it, count the outcome. Failures leave as
 * {@link ProblemException}s carrying the exact problem the caller reports.
 */
public final class DetectionService {
    private static final Logger LOG = LoggerFactory.getLogger(DetectionService.class);
    private final ModelService model;
    private final ImageFetcher fetcher;
    private final DetectionMetrics metrics;

    public DetectionService(ModelService model, ImageFetcher fetcher, DetectionMetrics metrics) {
        this.model = model;
        this.fetcher = fetcher;
        this.metrics = metrics;
    }

    public Detection detect(String entryPoint, ImageInput input, boolean explain) {
        Detector detector = detector(entryPoint);
        try {
            return detect(entryPoint, detector, fetcher.fetch(input), explain);
        } catch (ProblemException e) {
            metrics.failed(entryPoint, e.problem());
            throw e;
        }
    }

    public Detection detect(String entryPoint, FetchedImage image, boolean explain) {
        return detect(entryPoint, detector(entryPoint), image, explain);
    }

    /** The model that would answer now, if one is loaded. */
    public Optional<Detection.ModelRef> model() {
        return model.detector().map(Detector::modelRef);
    }

    public ImageFetcher fetcher() {
        return fetcher;
    }

    private Detection detect(String entryPoint, Detector detector, FetchedImage image, boolean explain) {
        try {
            Detection detection = detector.detect(image.bytes(), image.fetchMillis(), explain);
            metrics.detected(entryPoint, detection);
            return detection;
        } catch (ImageRejectedException e) {
            ProblemException problem = new ProblemException(ImageProblems.of(e), e);
            if (e.getCause() != null) {
                // The client was told the fault in the API's words; what the reader said goes here only, under the
                // request id the log lines of this request carry.
                LOG.info("image rejected ({}): {}", e.getMessage(), e.getCause().toString());
            }
            metrics.failed(entryPoint, problem.problem());
            throw problem;
        } catch (DetectorBusyException e) {
            ProblemException problem = ProblemKind.BUSY.exception(e.getMessage(), e);
            metrics.failed(entryPoint, problem.problem());
            throw problem;
        }
    }

    private Detector detector(String entryPoint) {
        return model.detector().orElseThrow(() -> {
            ProblemException e = ProblemKind.MODEL_NOT_LOADED.exception(model.failure().orElse("no model"));
            metrics.failed(entryPoint, e.problem());
            return e;
        });
    }
}
