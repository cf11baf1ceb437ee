package dev.defactify.function.model;

import dev.defactify.contract.manifest.CurrentPointer;
import dev.defactify.function.s3.S3Access;
import dev.defactify.function.s3.S3Location;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/** Reads {@code manifest.json} and {@code model.onnx} from a directory or from S3. */
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
            return new ModelFiles(source, Files.readAllBytes(dir.resolve(MANIFEST)), Files.readAllBytes(dir.resolve(MODEL)));
        } catch (NoSuchFileException e) {
            throw new ModelRefusedException(source, List.of(Path.of(e.getFile()).getFileName() + " is missing"), e);
        } catch (IOException e) {
            throw new ModelRefusedException(source, List.of("cannot read: " + e.getMessage()), e);
        }
    }

    private S3Location resolve(S3Location pointer) throws ModelRefusedException {
        try {
            CurrentPointer current = CurrentPointer.read(get(pointer));
            return S3Location.parse(current.prefix());
        } catch (IllegalArgumentException e) {
            throw new ModelRefusedException(pointer.toString(), List.of(e.getMessage()), e);
        }
    }

    private ModelFiles fromS3(S3Location prefix) throws ModelRefusedException {
        return new ModelFiles(prefix.toString(), get(prefix.resolve(MANIFEST)), get(prefix.resolve(MODEL)));
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
