package dev.defactify.training.cli;

import dev.defactify.contract.storage.S3Location;
import dev.defactify.training.publish.LocalModel;
import dev.defactify.training.publish.ModelPublisher;
import dev.defactify.training.publish.ObjectUploader;
import dev.defactify.training.publish.PublishResult;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.s3.S3Client;

@Command(name = "publish", mixinStandardHelpOptions = true,
        description = {
            "Upload an exported model to <prefix><version>/ (model.onnx, report/..., manifest.json;",
            "version = manifest.version) and promote it in <prefix>current.json if it passes the gate.",
            "",
            "Refuses, before uploading anything, a MODELDIR whose manifest is invalid or whose",
            "model.onnx sha256 differs from the manifest's. Files already in S3 with the same size",
            "and sha256 are not sent again; current.json is written last, and only on promotion.",
            "",
            "Gate: promote when there is no current.json, or when the new model's validation",
            "Task A accuracy AND Task B macro-F1 (manifest metrics.validation) are both >= the",
            "current version's. A model without validation metrics (untrained) never replaces one",
            "with them. --force promotes regardless.",
            "",
            "Exit codes: 0 promoted (or already current), 3 uploaded but not promoted,",
            "2 refused (bad model folder or options), 1 any other failure (e.g. S3).",
            "AWS region and credentials come from the SDK's default chains."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:promoted, or already current", "3:uploaded but not promoted (gate failed)",
            "2:refused before upload (invalid model folder, bad options)", "1:other failure (S3, I/O)"})
final class PublishCommand implements Callable<Integer> {
    /** Uploaded and verified, but current.json still names the previous version. */
    static final int NOT_PROMOTED = 3;

    @Option(names = "--model", required = true, description = "Model folder written by 'export'.")
    Path model;

    @Option(names = "--to", required = true,
            description = "Where versions live, e.g. s3://bucket/models/defactifynet/ (a trailing '/' is implied).")
    String to;

    @Option(names = "--report",
            description = "Evaluation report folder to publish as <version>/report/ (e.g. RUN/report); "
                    + "default: MODELDIR/report if present.")
    Path report;

    @Option(names = "--force", description = "Promote even if the gate refuses.")
    boolean force;

    @Override
    public Integer call() throws Exception {
        S3Location prefix = S3Location.parse(to);
        LocalModel local = LocalModel.open(model, report);
        // UrlConnection: the one HTTP client on the class path; region and credentials from the default chains.
        try (S3Client s3 = S3Client.builder().httpClient(UrlConnectionHttpClient.create()).build()) {
            PublishResult result = new ModelPublisher(s3, new ObjectUploader(s3), System.out)
                    .publish(local, prefix, force);
            System.out.printf("published %s to %s (%d uploaded, %d unchanged)%n", result.version(),
                    result.versionPrefix(), result.uploaded(), result.unchanged());
            return result.decision().promote() ? 0 : NOT_PROMOTED;
        }
    }
}
