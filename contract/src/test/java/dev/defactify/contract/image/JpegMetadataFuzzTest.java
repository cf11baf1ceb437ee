package dev.defactify.contract.image;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The hand-written metadata parsers the decoder runs on every JPEG before any reader sees it: the marker walk, the
 * frame header's component count, the end-of-image check and the Exif orientation. Every offset in them comes from
 * the file, and their contract is to answer for any bytes at all (malformed means "as stored"), so here any
 * exception is a finding. Seeds: JPEG heads with Exif in both byte orders, in
 * {@code JpegMetadataFuzzTestInputs/parseHead/}.
 */
class JpegMetadataFuzzTest {

    @FuzzTest
    @Timeout(10)
    void parseHead(byte[] jpeg) {
        int scan = JpegSegments.walk(jpeg, (marker, start, end) -> {
            assertTrue(2 <= start && start <= end && end <= jpeg.length, () -> start + ".." + end);
            return true;
        });
        assertTrue(scan == -1 || scan >= 2 && scan + 1 < jpeg.length, () -> "scan at " + scan);
        int components = JpegSegments.componentCount(jpeg);
        assertTrue(components >= 0 && components <= 255, () -> components + " components");
        JpegSegments.endsAfterScan(jpeg);
        assertNotNull(ExifOrientation.of(jpeg));
    }
}
