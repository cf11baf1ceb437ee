package dev.defactify.function.events;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.model.S3Exception;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which failures of the result write a retry can fix: what S3 Batch Operations hears as temporary or permanent. */
class ObjectScorerRetryTest {

    @Test
    void throttlingServerErrorsAndTheNetworkPass() {
        assertTrue(ObjectScorer.isRetryable(s3Error(503, "SlowDown")));
        assertTrue(ObjectScorer.isRetryable(s3Error(500, "InternalError")));
        assertTrue(ObjectScorer.isRetryable(s3Error(400, "RequestTimeout")), "the S3 User Guide's own example");
        assertTrue(ObjectScorer.isRetryable(SdkClientException.create("Connection refused")));
    }

    @Test
    void deniedAndMissingBucketsNeedAConfigurationChange() {
        assertFalse(ObjectScorer.isRetryable(s3Error(403, "AccessDenied")));
        assertFalse(ObjectScorer.isRetryable(s3Error(404, "NoSuchBucket")));
    }

    private static S3Exception s3Error(int status, String code) {
        return (S3Exception) S3Exception.builder().statusCode(status)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).serviceName("S3").build()).build();
    }
}
