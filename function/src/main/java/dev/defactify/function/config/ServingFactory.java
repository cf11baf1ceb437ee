package dev.defactify.function.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.defactify.function.batch.BatchJobProcessor;
import dev.defactify.function.events.ObjectScorer;
import dev.defactify.function.events.S3EventProcessor;
import dev.defactify.function.snapstart.ModelPriming;
import dev.defactify.function.model.ModelFetcher;
import dev.defactify.function.model.ModelLoader;
import dev.defactify.function.s3.S3Access;
import dev.defactify.function.serving.DetectionService;
import dev.defactify.function.serving.ModelService;
import dev.defactify.function.source.ImageFetcher;
import dev.defactify.function.telemetry.DetectionMetrics;
import dev.defactify.function.telemetry.EmbeddedMetrics;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.env.Environment;
import jakarta.inject.Singleton;
import software.amazon.lambda.powertools.metrics.MetricsBuilder;

import java.util.Locale;
import java.util.Optional;

/** Wires the scoring core for Micronaut: the same objects the command line builds by hand. */
@Factory
public class ServingFactory {

    /**
     * Micronaut exposes the environment variable {@code MODEL_URI} as the property {@code model.uri}; tests and
     * the local server set the property, Lambda sets the variable.
     */
    @Singleton
    ServingSettings settings(Environment environment) {
        return ServingSettings.from(name -> environment.getProperty(name.toLowerCase(Locale.ROOT).replace('_', '.'),
                String.class));
    }

    @Singleton
    @Bean(preDestroy = "close")
    S3Access s3Access() {
        return new S3Access();
    }

    /** Eager: the model loads while the context starts, which on Lambda is init, before the snapshot. */
    @Context
    @Bean(preDestroy = "close")
    ModelService modelService(ServingSettings settings, S3Access s3) {
        return ModelService.load(new ModelLoader(new ModelFetcher(s3), settings.session(), settings.limits(),
                settings.precision()), settings.modelUri(), settings.trustAnchors());
    }

    /** EMF lines only where CloudWatch reads them; locally they would only clutter the console. */
    @Singleton
    DetectionMetrics metrics() {
        boolean onLambda = Optional.ofNullable(System.getenv("AWS_LAMBDA_FUNCTION_NAME")).isPresent();
        return onLambda ? new EmbeddedMetrics(MetricsBuilder.builder().withNamespace(EmbeddedMetrics.NAMESPACE)
                .withService("defactify-function").build()) : DetectionMetrics.none();
    }

    @Singleton
    DetectionService detectionService(ModelService model, ServingSettings settings, S3Access s3,
                                      DetectionMetrics metrics) {
        return new DetectionService(model, new ImageFetcher(s3, settings.allowedBuckets(), settings.limits()),
                metrics);
    }

    @Singleton
    ObjectScorer objectScorer(DetectionService detections, S3Access s3, ServingSettings settings, ObjectMapper json) {
        return new ObjectScorer(detections, s3, settings.resultsBucket(), settings.resultsPrefix(), json);
    }

    @Singleton
    S3EventProcessor s3EventProcessor(ObjectScorer scorer) {
        return new S3EventProcessor(scorer);
    }

    @Singleton
    BatchJobProcessor batchJobProcessor(ObjectScorer scorer) {
        return new BatchJobProcessor(scorer);
    }

    /** Eager, so micronaut-crac registers it with the CRaC context at start-up. */
    @Context
    ModelPriming modelPriming(ModelService model, ObjectMapper json) {
        return new ModelPriming(model, json);
    }
}
