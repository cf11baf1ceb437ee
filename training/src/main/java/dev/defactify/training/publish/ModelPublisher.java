package dev.defactify.training.publish;

import dev.defactify.contract.manifest.CurrentPointer;
import dev.defactify.contract.manifest.InvalidManifestException;
import dev.defactify.contract.manifest.ManifestCodec;
import dev.defactify.contract.storage.S3Location;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Optional;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * {@code publish}: a verified local model → {@code <prefix><version>/}, then the promotion gate → {@code
 * <prefix>current.json}. The order is what makes it safe to interrupt and to re-run:
 * <ol>
 *   <li>every file is uploaded and checked (size and sha256) before the gate is consulted; manifest.json goes last;</li>
 *   <li>{@code current.json} is written last, only after all of that succeeded, so it never names a version with
 *       missing or partial files, and any failure before it leaves it as it was;</li>
 *   <li>a re-run skips every object whose size and sha256 already match, and does not rewrite a {@code current.json}
 *       that already names this version.</li>
 * </ol>
 */
public final class ModelPublisher {
    public static final String CURRENT = "current.json";

    private final S3Client s3;
    private final ObjectUploader uploader;
    private final PrintStream log;

    public ModelPublisher(S3Client s3, ObjectUploader uploader, PrintStream log) {
        this.s3 = s3;
        this.uploader = uploader;
        this.log = log;
    }

    public PublishResult publish(LocalModel model, S3Location prefix, boolean force) throws IOException {
        S3Location root = prefix.asPrefix();
        S3Location versionPrefix = root.resolve(model.version() + "/");
        int uploaded = 0;
        int unchanged = 0;
        for (PublishedFile file : model.files()) {
            S3Location target = versionPrefix.resolve(file.relativeKey());
            ObjectUploader.Outcome outcome = uploader.upload(file, target);
            if (outcome == ObjectUploader.Outcome.UPLOADED) {
                uploaded++;
            } else {
                unchanged++;
            }
            log.printf("%-9s %s (%d bytes, sha256 %s)%n", outcome == ObjectUploader.Outcome.UPLOADED ? "uploaded"
                    : "unchanged", target, file.size(), file.sha256().substring(0, 12));
        }
        S3Location current = root.resolve(CURRENT);
        PromotionDecision decision = new PromotionGate(force)
                .decide(model.version(), ValidationMetrics.of(model.manifest()), incumbent(current));
        if (decision.write()) {
            writePointer(current, new CurrentPointer(model.version(), versionPrefix.toString()));
        }
        log.println(decision.line());
        return new PublishResult(model.version(), versionPrefix, uploaded, unchanged, decision);
    }

    /** Reads current.json and the manifest it points at; S3 errors other than "not there" propagate. */
    private Incumbent incumbent(S3Location current) {
        Optional<byte[]> pointerJson = get(current);
        if (pointerJson.isEmpty()) {
            return new Incumbent.None();
        }
        CurrentPointer pointer;
        S3Location manifest;
        try {
            pointer = CurrentPointer.read(pointerJson.get());
            manifest = S3Location.parse(pointer.prefix()).asPrefix().resolve(LocalModel.MANIFEST);
        } catch (IllegalArgumentException e) {
            return new Incumbent.Unreadable(current.toString(), e.getMessage());
        }
        Optional<byte[]> manifestJson = get(manifest);
        if (manifestJson.isEmpty()) {
            return new Incumbent.Unreadable(manifest.toString(), "no such object");
        }
        try {
            return new Incumbent.Current(pointer.version(),
                    ValidationMetrics.of(new ManifestCodec().read(manifestJson.get())));
        } catch (InvalidManifestException e) {
            return new Incumbent.Unreadable(manifest.toString(), e.getMessage());
        }
    }

    private Optional<byte[]> get(S3Location location) {
        try {
            return Optional.of(s3.getObjectAsBytes(b -> b.bucket(location.bucket()).key(location.key())).asByteArray());
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        }
    }

    private void writePointer(S3Location current, CurrentPointer pointer) {
        s3.putObject(b -> b.bucket(current.bucket()).key(current.key()).contentType("application/json")
                        // readers resolve it once at init; a cached stale pointer would only delay a promotion
                        .cacheControl("no-cache")
                        .checksumAlgorithm(ChecksumAlgorithm.SHA256),
                RequestBody.fromString(pointer.toJson()));
    }
}
