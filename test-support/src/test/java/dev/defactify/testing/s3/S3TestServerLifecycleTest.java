package dev.defactify.testing.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Bucket;

@ExtendWith(S3TestServer.Extension.class)
class S3TestServerLifecycleTest {

    private static final Pattern BUCKET_NAME = Pattern.compile("[a-z0-9][a-z0-9-]{1,61}[a-z0-9]");

    private final S3TestServer fromConstructor;

    S3TestServerLifecycleTest(S3TestServer fromConstructor) {
        this.fromConstructor = fromConstructor;
    }

    @Test
    void constructorAndMethodGetTheSameSharedServer(S3TestServer fromMethod) {
        assertSame(fromConstructor, fromMethod);
        assertTrue(fromMethod.isRunning());
    }

    // A second, private server: the only way to see initial buckets and stop() without disturbing the shared one.
    @Test
    void ownServerCreatesInitialBucketsAndStopsCompletely() {
        S3TestServer server = S3TestServer.start(S3TestServer.jarFromSystemProperty(), "alpha", "beta");
        try (S3Client s3 = server.client()) {
            System.out.printf("Private S3 test server ready after %d ms%n", server.startupTime().toMillis());
            List<String> names = s3.listBuckets().buckets().stream().map(Bucket::name).toList();
            assertTrue(names.containsAll(List.of("alpha", "beta")), names::toString);
        } finally {
            server.stop();
        }
        assertFalse(server.isRunning());
        try (S3Client s3 = server.client()) {
            assertThrows(SdkClientException.class, s3::listBuckets);
        }
        server.stop();
    }

    @Test
    void failedStartReportsTheServerOutput() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> S3TestServer.start(S3TestServer.jarFromSystemProperty().resolveSibling("missing.jar")));
        assertTrue(e.getMessage().contains("exited with status") && e.getMessage().contains("missing.jar"), e::getMessage);
    }

    @Test
    void bucketNamesAreValidForAnyHint() {
        for (String hint : List.of("", "x", "Ünïcode Test!", "xn--punycode", "192.168.0.1",
                "a".repeat(200), "--trailing--", "CamelCaseMethodName")) {
            String name = S3TestServer.bucketName(hint, 12345);
            assertTrue(BUCKET_NAME.matcher(name).matches(), name);
            assertTrue(name.startsWith("t-") && name.endsWith("-12345"), name);
        }
        assertEquals("t-camelcasemethodname-1", S3TestServer.bucketName("CamelCaseMethodName", 1));
    }
}
