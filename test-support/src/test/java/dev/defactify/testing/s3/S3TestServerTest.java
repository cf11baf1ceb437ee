package dev.defactify.testing.s3;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Bucket;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

@ExtendWith(S3TestServer.Extension.class)
class S3TestServerTest {

    // Each one trips a different layer: URL encoding (space, %, +, ?, #), UTF-8 (accents, CJK, astral
    // plane), and the "/" that is only a prefix separator by convention.
    private static final List<String> AWKWARD_KEYS = List.of(
            "with space.txt",
            "plus+sign.txt",
            "100%.txt",
            "already%20encoded.txt",
            "question?and#hash.txt",
            "ünïcødé/日本語 ✓.bin",
            "emoji-😀.txt",
            "dir/sub dir/a+b%c=d&e.txt");

    @Test
    void awkwardKeysRoundTripAndList(TestBucket bucket) {
        for (String key : AWKWARD_KEYS) {
            bucket.put(key, key.getBytes(StandardCharsets.UTF_8));
        }
        for (String key : AWKWARD_KEYS) {
            assertEquals(key, new String(bucket.get(key), StandardCharsets.UTF_8), key);
        }
        List<String> listed = bucket.keys();
        assertEquals(AWKWARD_KEYS.size(), listed.size(), listed::toString);
        assertEquals(new HashSet<>(AWKWARD_KEYS), new HashSet<>(listed));
        assertEquals(List.of("dir/sub dir/a+b%c=d&e.txt"), bucket.keys("dir/"));
        assertEquals(List.of("ünïcødé/日本語 ✓.bin"), bucket.keys("ünïcødé/"));
    }

    @Test
    void missingKeyThrowsNoSuchKey(TestBucket bucket) {
        NoSuchKeyException e = assertThrows(NoSuchKeyException.class, () -> bucket.get("never-written"));
        assertEquals(404, e.statusCode());
    }

    @Test
    void twentyMegabyteObjectRoundTrips(TestBucket bucket) {
        byte[] bytes = new byte[20 * 1024 * 1024];
        new Random(20).nextBytes(bytes);
        bucket.put("big.bin", bytes);
        assertEquals(bytes.length, bucket.s3().headObject(b -> b.bucket(bucket.name()).key("big.bin")).contentLength());
        assertArrayEquals(bytes, bucket.get("big.bin"));
    }

    @Test
    void bucketsAreFreshPerTest(TestBucket bucket) {
        assertEquals(List.of(), bucket.keys());
    }

    @Test
    void standardConfigurationClientReachesServer(S3TestServer server, TestBucket bucket) {
        String before = System.getProperty(SdkDefaults.ENDPOINT_S3);
        bucket.put("from-test.txt", "hello".getBytes(StandardCharsets.UTF_8));
        // No region, credentials or endpoint given: everything comes from the SDK's default chains. With an IP
        // endpoint the SDK picks path-style by itself; virtual-host style would ask DNS for "<bucket>.127.0.0.1".
        try (SdkDefaults ignored = server.useAsSdkDefaults();
                S3Client plain = S3Client.builder().httpClient(UrlConnectionHttpClient.create()).build()) {
            assertTrue(plain.listBuckets().buckets().stream().map(Bucket::name).anyMatch(bucket.name()::equals));
            assertEquals("hello", plain.getObjectAsBytes(b -> b.bucket(bucket.name()).key("from-test.txt")).asUtf8String());
            plain.putObject(b -> b.bucket(bucket.name()).key("from-plain.txt"),
                    RequestBody.fromString("world"));
        }
        assertEquals("world", new String(bucket.get("from-plain.txt"), StandardCharsets.UTF_8));
        assertEquals(before, System.getProperty(SdkDefaults.ENDPOINT_S3));
    }
}
