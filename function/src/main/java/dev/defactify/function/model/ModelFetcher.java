package dev.defactify.function.model;

import dev.defactify.contract.manifest.CurrentPointer;
import dev.defactify.contract.manifest.ManifestCodec;
import dev.defactify.contract.manifest.ModelFile;
import dev.defactify.contract.manifest.ModelManifest;
import dev.defactify.contract.manifest.Precision;
import dev.defactify.contract.storage.S3Location;
import dev.defactify.contract.util.Sha256;
import dev.defactify.function.s3.S3Access;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Reads {@code manifest.json} and the model file to serve from a directory or from S3. Which file: the one of the asked
 * precision, else the fastest the manifest lists ({@link ModelManifest#preferredFile()}). An S3 model is streamed to a
 * temporary file (on Lambda, {@code /tmp}) and hashed on the way, so its bytes never sit on the Java heap.
 */
public final class ModelFetcher {
    public static final String MANIFEST = "manifest.json";
    public static final String MODEL = "model.onnx";

    private final S3Access s3;

    public ModelFetcher(S3Access s3) {
        this.s3 = s3;
    }

    /** The preferred file of the version. */
    public ModelFiles fetch(ModelLocation location) throws ModelRefusedException {
        return fetch(location, Optional.empty());
    }

    /** @param precision the file to serve; empty for the manifest's preferred one */
    public ModelFiles fetch(ModelLocation location, Optional<Precision> precision) throws ModelRefusedException {
        return switch (location) {
            case ModelLocation.Directory directory -> fromDirectory(directory.path(), precision);
            case ModelLocation.S3Version version -> fromS3(version.prefix(), precision);
            case ModelLocation.S3Pointer pointer -> fromS3(resolve(pointer.pointer()), precision);
        };
    }

    /**
     * The manifest's entry for the file to serve. An unreadable manifest falls back to {@code model.onnx}, so the
     * loader can report everything wrong with the manifest instead of only that no file could be chosen.
     */
    private static ModelFile choose(String source, byte[] manifestJson, Optional<Precision> precision)
            throws ModelRefusedException {
        ModelManifest manifest;
        try {
            manifest = new ManifestCodec().read(manifestJson);
        } catch (RuntimeException e) {
            return ModelFile.fp32(null, null);
        }
        if (precision.isEmpty()) {
            return manifest.preferredFile();
        }
        return manifest.file(precision.get()).orElseThrow(() -> new ModelRefusedException(source, List.of(
                "MODEL_PRECISION is " + precision.get().slug() + " but the manifest lists no "
                        + precision.get().slug() + " file (it has " + manifest.files().stream()
                        .map(file -> file.precision().slug()).toList() + ")")));
    }

    private ModelFiles fromDirectory(Path dir, Optional<Precision> precision) throws ModelRefusedException {
        String source = dir.toAbsolutePath().toString();
        if (!Files.isDirectory(dir)) {
            throw new ModelRefusedException(source, List.of("not a directory"));
        }
        try {
            byte[] manifest = Files.readAllBytes(dir.resolve(MANIFEST));
            ModelFile chosen = choose(source, manifest, precision);
            Path onnx = dir.resolve(chosen.file());
            return new ModelFiles(source, manifest, chosen, onnx, Sha256.ofFile(onnx), false);
        } catch (NoSuchFileException e) {
            throw new ModelRefusedException(source, List.of(Path.of(e.getFile()).getFileName() + " is missing"), e);
        } catch (IOException e) {
            throw new ModelRefusedException(source, List.of("cannot read: " + e.getMessage()), e);
        }
    }

    private S3Location resolve(S3Location pointer) throws ModelRefusedException {
        try {
            CurrentPointer current = CurrentPointer.read(get(pointer));
            return S3Location.parse(current.prefix()).requireBucketName();
        } catch (IllegalArgumentException e) {
            throw new ModelRefusedException(pointer.toString(), List.of(e.getMessage()), e);
        }
    }

    private ModelFiles fromS3(S3Location prefix, Optional<Precision> precision) throws ModelRefusedException {
        byte[] manifest = get(prefix.resolve(MANIFEST));
        ModelFile chosen = choose(prefix.toString(), manifest, precision);
        S3Location model = prefix.resolve(chosen.file());
        Path file = null;
        try {
            file = Files.createTempFile("defactify-model-", ".onnx");
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            try (ResponseInputStream<GetObjectResponse> in = s3.client().getObject(GetObjectRequest.builder()
                    .bucket(model.bucket()).key(model.key()).build());
                 OutputStream out = new DigestOutputStream(Files.newOutputStream(file), sha256)) {
                in.transferTo(out);
            }
            return new ModelFiles(prefix.toString(), manifest, chosen, file, HexFormat.of().formatHex(sha256.digest()), true);
        } catch (NoSuchKeyException e) {
            deleteQuietly(file);
            throw new ModelRefusedException(model.toString(), List.of("no such object"), e);
        } catch (SdkException | IOException e) {
            deleteQuietly(file);
            throw new ModelRefusedException(model.toString(), List.of("cannot read from S3: " + e.getMessage()), e);
        } catch (NoSuchAlgorithmException e) {
            deleteQuietly(file);
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            if (file != null) {
                Files.deleteIfExists(file);
            }
        } catch (IOException ignored) {
            // a leftover temporary file is harmless; the refusal is what matters
        }
    }

    private byte[] get(S3Location object) throws ModelRefusedException {
        try {
            return s3.client().getObjectAsBytes(GetObjectRequest.builder().bucket(object.bucket()).key(object.key())
                    .build()).asByteArray();
        } catch (NoSuchKeyException e) {
            throw new ModelRefusedException(object.toString(), List.of("no such object"), e);
        } catch (SdkException e) {
            throw new ModelRefusedException(object.toString(), List.of("cannot read from S3: " + e.getMessage()), e);
        }
    }
}
