package dev.defactify.testing.s3;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Test-only: makes a plain {@code S3Client.builder().build()} (default region, credentials and endpoint
 * chains) reach an {@link S3TestServer}, by setting the JVM system properties the AWS SDK reads first.
 * Those are global to the JVM, so hold this only around the code that needs it; {@link #close()} puts the
 * previous values back.
 */
public final class SdkDefaults implements AutoCloseable {

    // System properties outrank the AWS_* environment variables and ~/.aws files in every SDK chain,
    // so a developer's real AWS setup cannot leak into the test.
    static final String ENDPOINT_S3 = "aws.endpointUrlS3";
    static final String REGION = "aws.region";
    static final String ACCESS_KEY_ID = "aws.accessKeyId";
    static final String SECRET_ACCESS_KEY = "aws.secretAccessKey";
    // Cleared: a leftover token would pair with our dummy keys into a session the server never issued.
    static final String SESSION_TOKEN = "aws.sessionToken";

    private final Map<String, String> previous;

    private SdkDefaults(Map<String, String> previous) {
        this.previous = previous;
    }

    static SdkDefaults apply(S3TestServer server) {
        Map<String, String> wanted = new LinkedHashMap<>();
        wanted.put(ENDPOINT_S3, server.endpoint().toString());
        wanted.put(REGION, S3TestServer.REGION.id());
        wanted.put(ACCESS_KEY_ID, S3TestServer.ACCESS_KEY_ID);
        wanted.put(SECRET_ACCESS_KEY, S3TestServer.SECRET_ACCESS_KEY);
        wanted.put(SESSION_TOKEN, null);
        Map<String, String> previous = new LinkedHashMap<>();
        wanted.forEach((key, value) -> {
            previous.put(key, System.getProperty(key));
            set(key, value);
        });
        return new SdkDefaults(previous);
    }

    /** Restores each property to what it was before, removing those that were unset. */
    @Override
    public void close() {
        previous.forEach(SdkDefaults::set);
    }

    private static void set(String key, String value) {
        if (value == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, value);
        }
    }
}
