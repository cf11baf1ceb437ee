package dev.defactify.training.publish;

import dev.defactify.contract.storage.S3Location;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/**
 * Puts one file at one key with the plain {@link S3Client} (the transfer manager is not a dependency): a single
 * PutObject up to the part size, a multipart upload above it. Every request carries a SHA-256 checksum that S3
 * verifies against the bytes it received, and the whole file's sha256 goes into the object's metadata
 * ({@value #SHA256_METADATA}) so later runs can recognise identical content from a HEAD alone.
 */
public final class ObjectUploader {
    /** 16 MiB: ResNet-50's ~95 MB model in 6 parts, well above S3's 5 MiB minimum part size. */
    public static final long DEFAULT_PART_SIZE = 16L * 1024 * 1024;
    /** User metadata key (sent as {@code x-amz-meta-sha256}): lowercase hex sha256 of the whole object. */
    static final String SHA256_METADATA = "sha256";

    private final S3Client s3;
    private final long partSize;

    public ObjectUploader(S3Client s3) {
        this(s3, DEFAULT_PART_SIZE);
    }

    /** Tests lower the part size to exercise the multipart path with small files. */
    ObjectUploader(S3Client s3, long partSize) {
        if (partSize < 1 || partSize > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("part size must be 1 byte to 2 GiB, got " + partSize);
        }
        this.s3 = s3;
        this.partSize = partSize;
    }

    /** Whether a call uploaded bytes or found them already there. */
    public enum Outcome { UPLOADED, UNCHANGED }

    /**
     * Uploads unless an object with the same size and sha256 is already at the target, then checks what S3 holds.
     *
     * @throws IllegalStateException when S3 ends up holding something other than the file
     */
    public Outcome upload(PublishedFile file, S3Location target) throws IOException {
        if (head(target).filter(existing -> matches(existing, file)).isPresent()) {
            return Outcome.UNCHANGED;
        }
        if (file.size() > partSize) {
            uploadMultipart(file, target);
        } else {
            uploadSingle(file, target);
        }
        HeadObjectResponse stored = head(target).orElseThrow(() -> new IllegalStateException(
                target + " is missing right after it was uploaded"));
        if (!matches(stored, file)) {
            throw new IllegalStateException(target + " does not match " + file.file() + " after upload: size "
                    + stored.contentLength() + " vs " + file.size() + ", sha256 " + stored.metadata().get(SHA256_METADATA)
                    + " vs " + file.sha256());
        }
        return Outcome.UPLOADED;
    }

    /**
     * Size and our sha256 metadata must both agree. A single-part object also has S3's own full-object SHA-256 (a
     * multipart one only a checksum of part checksums); when present it must agree too, so an object whose bytes were
     * replaced by some other tool without updating the metadata is not mistaken for ours.
     */
    static boolean matches(HeadObjectResponse object, PublishedFile file) {
        if (object.contentLength() == null || object.contentLength() != file.size()
                || !file.sha256().equalsIgnoreCase(object.metadata().get(SHA256_METADATA))) {
            return false;
        }
        String checksum = object.checksumSHA256();
        return checksum == null || checksum.contains("-") || checksum.equals(base64(file.sha256()));
    }

    private Optional<HeadObjectResponse> head(S3Location target) {
        try {
            return Optional.of(s3.headObject(b -> b.bucket(target.bucket()).key(target.key())
                    .checksumMode(ChecksumMode.ENABLED)));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            // HEAD answers have no body, so a missing key can arrive as a bare 404 rather than NoSuchKey
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private void uploadSingle(PublishedFile file, S3Location target) {
        s3.putObject(b -> b.bucket(target.bucket()).key(target.key()).contentType(file.contentType())
                        .metadata(Map.of(SHA256_METADATA, file.sha256()))
                        .checksumAlgorithm(ChecksumAlgorithm.SHA256)
                        .checksumSHA256(base64(file.sha256())),
                RequestBody.fromFile(file.file()));
    }

    private void uploadMultipart(PublishedFile file, S3Location target) throws IOException {
        String uploadId = s3.createMultipartUpload(b -> b.bucket(target.bucket()).key(target.key())
                .contentType(file.contentType()).metadata(Map.of(SHA256_METADATA, file.sha256()))
                .checksumAlgorithm(ChecksumAlgorithm.SHA256)).uploadId();
        try {
            List<CompletedPart> parts = uploadParts(file, target, uploadId);
            s3.completeMultipartUpload(b -> b.bucket(target.bucket()).key(target.key()).uploadId(uploadId)
                    .multipartUpload(m -> m.parts(parts)));
        } catch (IOException | RuntimeException | Error e) {
            // An unfinished upload is invisible but billed for its parts until aborted.
            try {
                s3.abortMultipartUpload(b -> b.bucket(target.bucket()).key(target.key()).uploadId(uploadId));
            } catch (RuntimeException abortFailed) {
                e.addSuppressed(abortFailed);
            }
            throw e;
        }
    }

    /** Reads one part at a time into memory (at most the part size), so the heap never holds the whole model. */
    private List<CompletedPart> uploadParts(PublishedFile file, S3Location target, String uploadId) throws IOException {
        List<CompletedPart> parts = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file.file())) {
            for (int number = 1; ; number++) {
                byte[] part = in.readNBytes((int) partSize);
                if (part.length == 0) {
                    break;
                }
                int partNumber = number;
                UploadPartResponse response = s3.uploadPart(b -> b.bucket(target.bucket()).key(target.key())
                                .uploadId(uploadId).partNumber(partNumber).contentLength((long) part.length)
                                .checksumAlgorithm(ChecksumAlgorithm.SHA256),
                        // a stream over the array, so the SDK does not copy 16 MiB again (fromBytes would)
                        RequestBody.fromInputStream(new ByteArrayInputStream(part), part.length));
                parts.add(CompletedPart.builder().partNumber(partNumber).eTag(response.eTag())
                        .checksumSHA256(response.checksumSHA256()).build());
            }
        }
        return parts;
    }

    static String base64(String hexSha256) {
        return Base64.getEncoder().encodeToString(HexFormat.of().parseHex(hexSha256));
    }
}
