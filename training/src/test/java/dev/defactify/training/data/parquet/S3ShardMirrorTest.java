package dev.defactify.training.data.parquet;

import dev.defactify.contract.storage.S3Location;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.defactify.testing.s3.S3TestServer;
import dev.defactify.testing.s3.SdkDefaults;
import dev.defactify.testing.s3.TestBucket;
import dev.defactify.training.data.Datasets;
import dev.defactify.training.data.Split;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.s3.S3Client;

@ExtendWith(S3TestServer.Extension.class)
class S3ShardMirrorTest {

    @TempDir
    Path dir;

    @Test
    void copiesShardsOnceAndReadsThemAsADataset(S3TestServer server, TestBucket bucket) throws Exception {
        byte[] train = Files.readAllBytes(CocoAiShards.write(dir.resolve("src/train-0.parquet"),
                CocoAiShards.captions(2, "train", 1)));
        byte[] test = Files.readAllBytes(CocoAiShards.write(dir.resolve("src/test-0.parquet"),
                CocoAiShards.captions(1, "test", 2)));
        bucket.put("cocoai/data/train-0.parquet", train);
        bucket.put("cocoai/data/test-0.parquet", test);
        bucket.put("cocoai/README.md", "not a shard".getBytes());
        bucket.put("other/train-9.parquet", train);

        try (S3Client s3 = server.client()) {
            S3ShardMirror mirror = new S3ShardMirror(s3, dir.resolve("cache"));
            S3ShardMirror.Result first = mirror.mirror(S3Location.parse(bucket.uri("cocoai")));
            assertEquals(2, first.downloaded());
            assertEquals(0, first.reused());
            assertEquals(dir.resolve("cache").resolve(bucket.name()).resolve("cocoai"), first.folder());
            assertArrayEquals(train, Files.readAllBytes(first.folder().resolve("data/train-0.parquet")));
            assertTrue(Files.notExists(first.folder().resolve("README.md")));

            S3ShardMirror.Result second = mirror.mirror(S3Location.parse(bucket.uri("cocoai/")));
            assertEquals(0, second.downloaded());
            assertEquals(2, second.reused());

            // a replaced object (new ETag) is fetched again even when the size happens to match
            byte[] changed = train.clone();
            changed[changed.length / 2] ^= 0x01;
            bucket.put("cocoai/data/train-0.parquet", changed);
            S3ShardMirror.Result third = mirror.mirror(S3Location.parse(bucket.uri("cocoai/")));
            assertEquals(1, third.downloaded());
            assertArrayEquals(changed, Files.readAllBytes(first.folder().resolve("data/train-0.parquet")));

            bucket.put("cocoai/data/train-0.parquet", train);
            mirror.mirror(S3Location.parse(bucket.uri("cocoai/")));
            var dataset = ParquetDataset.open(first.folder());
            assertEquals(12, dataset.images(Split.TRAIN).size());
            assertEquals(6, dataset.images(Split.TEST).size());
        }
    }

    @Test
    void emptyPrefixIsAClearError(S3TestServer server, TestBucket bucket) {
        try (S3Client s3 = server.client()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new S3ShardMirror(s3, dir).mirror(S3Location.parse(bucket.uri("nothing/"))));
            assertTrue(e.getMessage().contains("no *.parquet objects under s3://" + bucket.name() + "/nothing/"),
                    e.getMessage());
        }
    }

    @Test
    void standardSdkConfigurationReachesTheBucket(S3TestServer server, TestBucket bucket) throws Exception {
        bucket.put("ds/train-0.parquet", Files.readAllBytes(CocoAiShards.write(dir.resolve("train-0.parquet"),
                CocoAiShards.captions(1, "c", 1))));
        // Datasets.localFolder builds its own client from the SDK's default chains, as on the GPU instance.
        String home = System.getProperty("user.home");
        System.setProperty("user.home", dir.resolve("home").toString());
        try (SdkDefaults ignored = server.useAsSdkDefaults()) {
            Path local = Datasets.localFolder(bucket.uri("ds/"));
            assertTrue(local.startsWith(dir.resolve("home")), local.toString());
            assertEquals(6, Datasets.open(local).images(Split.TRAIN).size());
        } finally {
            System.setProperty("user.home", home);
        }
    }

    @Test
    void parsesAddresses() {
        assertEquals(new S3Location("b", "a/b/"), S3Location.parse("s3://b/a/b").asPrefix());
        assertEquals(new S3Location("b", ""), S3Location.parse("s3://b").asPrefix());
        assertEquals(new S3Location("b", ""), S3Location.parse("s3://b/").asPrefix());
        assertThrows(IllegalArgumentException.class, () -> S3Location.parse("s3:///x"));
    }
}
