package dev.defactify.function.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.defactify.contract.manifest.Precision;
import dev.defactify.contract.image.ImageRejectedException;
import dev.defactify.contract.provenance.ProvenanceReader;
import dev.defactify.function.config.ServingSettings;
import dev.defactify.function.model.LoadedModel;
import dev.defactify.function.model.ModelFetcher;
import dev.defactify.function.model.ModelLoader;
import dev.defactify.function.model.ModelLocation;
import dev.defactify.function.model.ModelRefusedException;
import dev.defactify.function.problem.ImageProblems;
import dev.defactify.function.problem.Problem;
import dev.defactify.function.problem.ProblemKind;
import dev.defactify.function.s3.S3Access;
import dev.defactify.function.scoring.Detection;
import dev.defactify.function.scoring.Detector;
import dev.defactify.function.scoring.DetectorBusyException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

@Command(name = "score", mixinStandardHelpOptions = true,
        description = {"Score image files with a model and print one detection JSON per file (DESIGN §4, plus",
            "\"file\"); a file that cannot be scored prints its problem under \"error\". Exit code 1 if any failed."})
final class ScoreCommand implements Callable<Integer> {

    @Option(names = "--model", defaultValue = "${env:MODEL_URI}",
            description = "Model directory, s3://bucket/prefix/ of a version, or s3://…/current.json "
                    + "(default: MODEL_URI).")
    String model;

    @Option(names = "--precision", defaultValue = "${env:MODEL_PRECISION}",
            description = "Model file to run: int8 | fp32 (default: MODEL_PRECISION, else the fastest the manifest "
                    + "vouches for).")
    String precision;

    @Option(names = "--explain", description = "Add the class activation map (with its PNG overlay, base64).")
    boolean explain;

    @Option(names = "--pretty", description = "Indent the JSON.")
    boolean pretty;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Images to score.")
    List<Path> files;

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"file", "error"})
    record FileResult(String file, @JsonUnwrapped Detection detection, Problem error) {
    }

    @Override
    public Integer call() throws IOException {
        ObjectMapper json = new ObjectMapper().configure(SerializationFeature.INDENT_OUTPUT, pretty);
        // The same variables, and the same reading of them, as the function: image limits and ORT threads included.
        ServingSettings settings = ServingSettings.from(name -> Optional.ofNullable(System.getenv(name)));
        String location = CliOptions.required(model, "--model", ServingSettings.MODEL_URI);
        int failed = 0;
        try (S3Access s3 = new S3Access();
             LoadedModel loaded = load(new ModelLoader(new ModelFetcher(s3), settings.session(), settings.limits(),
                     CliOptions.given(precision).map(Precision::ofSlug)), location)) {
            Detector detector = new Detector(loaded, new ProvenanceReader(settings.trustAnchors()));
            for (Path file : files) {
                FileResult result = score(detector, file);
                failed += result.error() == null ? 0 : 1;
                System.out.println(json.writeValueAsString(result));
            }
        }
        return failed == 0 ? 0 : 1;
    }

    private static LoadedModel load(ModelLoader loader, String location) {
        try {
            return loader.load(ModelLocation.parse(location));
        } catch (ModelRefusedException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    private FileResult score(Detector detector, Path file) {
        try {
            long start = System.nanoTime();
            byte[] bytes = Files.readAllBytes(file);
            return new FileResult(file.toString(), detector.detect(bytes, (System.nanoTime() - start) / 1e6, explain),
                    null);
        } catch (ImageRejectedException e) {
            return new FileResult(file.toString(), null, ImageProblems.of(e));
        } catch (DetectorBusyException e) {
            return new FileResult(file.toString(), null, ProblemKind.BUSY.with(e.getMessage()));
        } catch (IOException e) {
            return new FileResult(file.toString(), null, new Problem("about:blank", "File not readable", 400,
                    e.toString()));
        }
    }
}
