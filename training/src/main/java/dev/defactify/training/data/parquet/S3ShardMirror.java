package dev.defactify.training.data.parquet;

import dev.defactify.contract.storage.S3Location;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Copies the parquet shards under an S3 prefix into a local folder, once: a shard already there with the same size
 * and ETag is not downloaded again, so a training instance pays for the 6.5 GB only on its first run.
 *
 * <p>The ETag is kept in a {@code .etag} file beside each shard, written after the shard itself has been moved into
 * place: an interrupted download leaves no ETag and is fetched again.
 */
public final class S3ShardMirror {

    private static final String ETAG_SUFFIX = ".etag";

    private final S3Client s3;
    private final Path cacheRoot;

    /** @param cacheRoot local root; each prefix goes to {@code cacheRoot/<bucket>/<prefix>} */
    public S3ShardMirror(S3Client s3, Path cacheRoot) {
        this.s3 = s3;
        this.cacheRoot = cacheRoot;
    }

    /** {@code ~/.cache/defactify/datasets}: outside any run folder, so every run on the machine shares one copy. */
    public static Path defaultCacheRoot() {
        return Path.of(System.getProperty("user.home"), ".cache", "defactify", "datasets");
    }

    /**
     * @param downloaded shards fetched now
     * @param reused     shards already present with the same size and ETag
     */
    public record Result(Path folder, int downloaded, int reused, long bytesDownloaded) {
    }

    public Result mirror(S3Location address) {
        // "s3://bucket/some/prefix" and "s3://bucket/some/prefix/" both mean the folder some/prefix/.
        S3Location source = address.asPrefix();
        Path folder = localFolder(source);
        List<S3Object> shards = s3.listObjectsV2Paginator(b -> b.bucket(source.bucket()).prefix(source.key()))
                .contents().stream()
                .filter(o -> o.key().toLowerCase(Locale.ROOT).endsWith(ParquetShard.EXTENSION))
                .toList();
        if (shards.isEmpty()) {
            throw new IllegalArgumentException("no *.parquet objects under " + source);
        }
        int downloaded = 0;
        int reused = 0;
        long bytes = 0;
        try {
            for (S3Object shard : shards) {
                Path local = safeResolve(folder, shard.key().substring(source.key().length()));
                if (isCurrent(local, shard)) {
                    reused++;
                    continue;
                }
                Files.createDirectories(local.getParent());
                Path partial = local.resolveSibling(local.getFileName() + ".partial");
                Files.deleteIfExists(etagFile(local));
                s3.getObject(b -> b.bucket(source.bucket()).key(shard.key()), partial);
                Files.move(partial, local, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                Files.writeString(etagFile(local), shard.eTag(), StandardCharsets.UTF_8);
                downloaded++;
                bytes += shard.size();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy shards of " + source + " into " + folder, e);
        }
        return new Result(folder, downloaded, reused, bytes);
    }

    Path localFolder(S3Location source) {
        return safeResolve(cacheRoot.resolve(source.bucket()), source.asPrefix().key());
    }

    private static boolean isCurrent(Path local, S3Object shard) throws IOException {
        Path etag = etagFile(local);
        return Files.isRegularFile(local) && Files.isRegularFile(etag)
                && Files.size(local) == shard.size()
                && Files.readString(etag, StandardCharsets.UTF_8).equals(shard.eTag());
    }

    private static Path etagFile(Path local) {
        return local.resolveSibling(local.getFileName() + ETAG_SUFFIX);
    }

    // A key such as "../x" must not write outside the cache.
    private static Path safeResolve(Path base, String relative) {
        Path resolved = base.resolve(relative).normalize();
        if (!resolved.startsWith(base.normalize())) {
            throw new IllegalArgumentException("object key part '" + relative + "' escapes " + base);
        }
        return resolved;
    }
}
