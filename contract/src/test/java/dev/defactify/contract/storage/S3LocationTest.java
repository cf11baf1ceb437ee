package dev.defactify.contract.storage;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class S3LocationTest {

    @Test
    void parsesBucketAndKeyAndPrintsThemBack() {
        S3Location location = S3Location.parse("s3://models-bucket/models/defactifynet/current.json");
        assertEquals(new S3Location("models-bucket", "models/defactifynet/current.json"), location);
        assertEquals("s3://models-bucket/models/defactifynet/current.json", location.toString());
        assertEquals(new S3Location("b", ""), S3Location.parse("s3://b"));
    }

    @Test
    void aPrefixIsTheSamePlaceWithOrWithoutItsSlash() {
        S3Location withSlash = S3Location.parse("s3://bucket-a/models/");
        assertSame(withSlash, withSlash.asPrefix());
        assertEquals(withSlash, S3Location.parse("s3://bucket-a/models").asPrefix());
        assertEquals(new S3Location("bucket-a", "models/v1/model.onnx"),
                S3Location.parse("s3://bucket-a/models").resolve("v1/model.onnx"));
        assertEquals(new S3Location("bucket-a", "x.json"), S3Location.parse("s3://bucket-a").resolve("x.json"));
    }

    @Test
    void refusesWhatIsNotAnS3Address() {
        assertThrows(IllegalArgumentException.class, () -> S3Location.parse("https://example.com/x"));
        assertThrows(IllegalArgumentException.class, () -> S3Location.parse(null));
        assertThrows(IllegalArgumentException.class, () -> S3Location.parse("s3:///key"));
        assertFalse(S3Location.isS3("/data/cocoai"));
        assertTrue(S3Location.isS3("s3://b/k"));
    }

    @Test
    void theStrictBucketRuleRejectsHostsPortsAndCapitals() {
        assertEquals("bucket-a", S3Location.parse("s3://bucket-a/k").requireBucketName().bucket());
        for (String uri : new String[]{"s3://Bad_Bucket/k", "s3://host:9000/k", "s3://user@bucket/k", "s3://ab/k"}) {
            assertThrows(IllegalArgumentException.class, () -> S3Location.parse(uri).requireBucketName(), uri);
        }
    }
}
