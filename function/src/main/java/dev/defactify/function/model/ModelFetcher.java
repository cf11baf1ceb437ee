package dev.defactify.function.model;

import dev.defactify.contract.manifest.CurrentPointer;
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

/**
 * Reads {@code manifest.json} and {@code model.onnx} from a directory or from S3. An S3 model is streamed to a
 * temporary file (on Lambda, {@code /tmp}) and hashed on the way, so its bytes never sit on the Java heap.
 */
public final class ModelFetcher {
    public static final String MANIFEST = "manifest.json";
    public static final String MODEL = "model.onnx";

    private final S3Access s3;

    public ModelFetcher(S3Access s3) {
        this.s3 = s3;
    }

    public ModelFiles fetch(ModelLocation location) throws ModelRefusedException {
        return switch (location) {
            case ModelLocation.Directory directory -> fromDirectory(directory.path());
            case ModelLocation.S3Version version -> fromS3(version.prefix());
            case ModelLocation.S3Pointer pointer -> fromS3(resolve(pointer.pointer()));
        };
    }

    private ModelFiles fromDirectory(Path dir) throws ModelRefusedException {
        String source = dir.toAbsolutePath().toString();
        if (!Files.isDirectory(dir)) {
            throw new ModelRefusedException(source, List.of("not a directory"));
        }
        try {
            byte[] manifest = Files.readAllBytes(dir.resolve(MANIFEST));
            Path onnx = dir.resolve(MODEL);
            return new ModelFiles(source, manifest, onnx, Sha256.ofFile(onnx), false);
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

    private ModelFiles fromS3(S3Location prefix) throws ModelRefusedException {
        byte[] manifest = get(prefix.resolve(MANIFEST));
        S3Location model = prefix.resolve(MODEL);
        Path file = null;
        try {
            file = Files.createTempFile("defactify-model-", ".onnx");
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            try (ResponseInputStream<GetObjectResponse> in = s3.client().getObject(GetObjectRequest.builder()
                    .bucket(model.bucket()).key(model.key()).build());
                 OutputStream out = new DigestOutputStream(Files.newOutputStream(file), sha256)) {
                in.transferTo(out);
            }
            return new ModelFiles(prefix.toString(), manifest, file, HexFormat.of().formatHex(sha256.digest()), true);
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
