package dev.defactify.function.source;

import dev.defactify.contract.image.ImageLimits;
import dev.defactify.function.problem.ProblemException;
import dev.defactify.function.problem.ProblemKind;
import dev.defactify.function.s3.S3Access;
import dev.defactify.contract.storage.S3Location;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.io.IOException;
import java.util.Base64;
import java.util.Set;

/**
 * Turns an {@link ImageInput} into bytes, enforcing the byte limit before anything large is held in memory
 * (declared S3 object size, base64 length) and the bucket allow-list before anything is read.
 */
public final class ImageFetcher {
    private final S3Access s3;
    private final Set<String> allowedBuckets;
    private final ImageLimits limits;

    public ImageFetcher(S3Access s3, Set<String> allowedBuckets, ImageLimits limits) {
        this.s3 = s3;
        this.allowedBuckets = Set.copyOf(allowedBuckets);
        this.limits = limits;
    }

    public FetchedImage fetch(ImageInput input) {
        return switch (input) {
            case ImageInput.Bytes bytes -> FetchedImage.inline(checked(bytes.data()));
            case ImageInput.Base64Text text -> FetchedImage.inline(decode(text.text()));
            case ImageInput.S3Uri uri -> read(location(uri.uri()), null);
        };
    }

    /** For S3 events and batch jobs, which name the object (and version) directly. */
    public FetchedImage read(S3Location object, String versionId) {
        if (!allowedBuckets.contains(object.bucket())) {
            throw ProblemKind.BUCKET_NOT_ALLOWED.exception("bucket " + object.bucket()
                    + " is not in ALLOWED_BUCKETS");
        }
        long start = System.nanoTime();
        GetObjectRequest request = GetObjectRequest.builder().bucket(object.bucket()).key(object.key())
                .versionId(versionId).build();
        try (ResponseInputStream<GetObjectResponse> body = s3.client().getObject(request)) {
            GetObjectResponse response = body.response();
            Long length = response.contentLength();
            if (length != null && length > limits.maxBytes()) {
                body.abort();
                throw tooLarge(length);
            }
            byte[] bytes = body.readNBytes((int) Math.min(limits.maxBytes() + 1, Integer.MAX_VALUE - 8));
            checked(bytes);
            return new FetchedImage(bytes, (System.nanoTime() - start) / 1e6, response.versionId(), response.eTag());
        } catch (NoSuchKeyException | NoSuchBucketException e) {
            throw ProblemKind.OBJECT_NOT_FOUND.exception("no object " + object, e);
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                throw ProblemKind.OBJECT_NOT_FOUND.exception("no object " + object, e);
            }
            if (e.statusCode() == 403) {
                throw ProblemKind.BUCKET_NOT_ALLOWED.exception("the function may not read " + object, e);
            }
            throw ProblemKind.STORAGE_UNAVAILABLE.exception("S3 answered " + e.statusCode() + " for " + object, e);
        } catch (SdkException | IOException e) {
            throw ProblemKind.STORAGE_UNAVAILABLE.exception("reading " + object + " failed: " + e.getMessage(), e);
        }
    }

    private static S3Location location(String uri) {
        try {
            S3Location location = S3Location.parse(uri).requireBucketName();
            if (location.key().isEmpty() || location.key().endsWith("/")) {
                throw new IllegalArgumentException("s3Uri must name an object, got \"" + uri + "\"");
            }
            return location;
        } catch (IllegalArgumentException e) {
            throw ProblemKind.MALFORMED_REQUEST.exception("s3Uri: " + e.getMessage());
        }
    }

    private byte[] decode(String text) {
        // Four base64 characters carry three bytes: refuse before decoding what could not fit anyway.
        long decodedAtLeast = (long) text.length() / 4 * 3 - 2;
        if (decodedAtLeast > limits.maxBytes()) {
            throw tooLarge(decodedAtLeast);
        }
        try {
            return checked(Base64.getMimeDecoder().decode(text));
        } catch (IllegalArgumentException e) {
            throw ProblemKind.MALFORMED_REQUEST.exception("imageBase64 is not valid base64: " + e.getMessage());
        }
    }

    private byte[] checked(byte[] bytes) {
        if (bytes.length > limits.maxBytes()) {
            throw tooLarge(bytes.length);
        }
        if (bytes.length == 0) {
            throw ProblemKind.MALFORMED_REQUEST.exception("the image is empty");
        }
        return bytes;
    }

    private ProblemException tooLarge(long bytes) {
        return ProblemKind.IMAGE_TOO_LARGE.exception("image is at least " + bytes + " bytes; the limit is "
                + limits.maxBytes() + " bytes (MAX_IMAGE_BYTES)");
    }
}
