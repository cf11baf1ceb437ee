package dev.defactify.function.cli;

import dev.defactify.function.config.ServingSettings;
import dev.defactify.function.scoring.Detector;
import dev.defactify.function.serving.ModelService;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.Micronaut;
import io.micronaut.runtime.server.EmbeddedServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Serve the HTTP API of the Lambda function (POST /v1/detections, /v1/detections:batch,",
            "GET /v1/model, /health) on localhost with the given model. Stops with Ctrl-C."})
final class ServeCommand implements Callable<Integer> {
    /** Exit code meaning "the server is up; leave the JVM running". */
    static final int KEEP_RUNNING = -1;

    // Each option that mirrors a DESIGN §7 variable defaults to it, so `serve` configured only by the environment
    // behaves as the Lambda function does; an option given on the command line wins.
    @Option(names = "--model", defaultValue = "${env:MODEL_URI}",
            description = "Model directory, s3://bucket/prefix/ of a version, or s3://…/current.json "
                    + "(default: MODEL_URI).")
    String model;

    @Option(names = "--port", defaultValue = "8080",
            description = "Port on 127.0.0.1; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--allowed-buckets", defaultValue = "${env:ALLOWED_BUCKETS}",
            description = "Comma-separated buckets that {\"s3Uri\": …} may read (default: ALLOWED_BUCKETS, else none).")
    String allowedBuckets;

    @Option(names = "--precision", defaultValue = "${env:MODEL_PRECISION}",
            description = "Model file to serve: int8 | fp32 (default: MODEL_PRECISION, else the fastest the manifest "
                    + "vouches for).")
    String precision;

    @Override
    public Integer call() {
        Map<String, Object> properties = new HashMap<>();
        properties.put("model.uri", CliOptions.required(model, "--model", ServingSettings.MODEL_URI));
        CliOptions.given(precision).ifPresent(value -> properties.put("model.precision", value));
        CliOptions.given(allowedBuckets).ifPresent(value -> properties.put("allowed.buckets", value));
        properties.put("micronaut.server.port", port == 0 ? -1 : port);
        properties.put("micronaut.server.host", "127.0.0.1");
        ApplicationContext context = Micronaut.build(new String[0]).mainClass(FunctionCli.class).properties(properties)
                .banner(false).start();
        ModelService service = context.getBean(ModelService.class);
        if (service.failure().isPresent()) {
            context.close();
            throw new IllegalArgumentException(service.failure().get());
        }
        EmbeddedServer server = context.getBean(EmbeddedServer.class);
        Detector detector = service.detector().orElseThrow();
        String version = detector.manifest().version() + " (" + detector.served().precision().slug() + ")";
        System.out.printf("serving model %s on %s (POST /v1/detections, /v1/detections:batch; GET /v1/model, /health)%n",
                version, server.getURL());
        return KEEP_RUNNING;
    }
}
