package dev.defactify.training.data;

import dev.defactify.contract.storage.S3Location;
import dev.defactify.training.data.parquet.ParquetDataset;
import dev.defactify.training.data.parquet.ParquetShard;
import dev.defactify.training.data.parquet.S3ShardMirror;
import java.nio.file.Files;
import java.nio.file.Path;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.s3.S3Client;

/** Opens a dataset folder in whichever layout it uses. */
public final class Datasets {

    private Datasets() {
    }

    /**
     * A manifest wins over the folder layout because only the manifest carries scene groups across classes; parquet
     * shards come next (they carry their own groups, the captions); a folder with none of these is an error.
     * Whatever the layout, every image is decoded once here (parquet: once per extraction) and those that do not
     * decode are left out, counted in {@link ImageDataset#describe()}.
     */
    public static ImageDataset open(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new InvalidDatasetException("dataset folder " + dir + " does not exist or is not a folder");
        }
        try (DecodeCheck check = DecodeCheck.standard()) {
            if (Files.isRegularFile(dir.resolve(ManifestRow.FILE_NAME))) {
                return ManifestCsvDataset.open(dir, check);
            }
            if (ParquetShard.present(dir)) {
                return ParquetDataset.open(dir, check);
            }
            return ImageFolderDataset.open(dir, check);
        }
    }

    /**
     * The local folder behind a {@code --data} argument: the path itself, or for {@code s3://bucket/prefix/} a local
     * copy of the parquet shards under {@link S3ShardMirror#defaultCacheRoot()}, downloaded with the SDK's standard
     * configuration (default credentials, region and endpoint chains).
     */
    public static Path localFolder(String source) {
        if (!S3Location.isS3(source)) {
            return Path.of(source);
        }
        try (S3Client s3 = S3Client.builder().httpClient(UrlConnectionHttpClient.create()).build()) {
            S3ShardMirror.Result copy = new S3ShardMirror(s3, S3ShardMirror.defaultCacheRoot())
                    .mirror(S3Location.parse(source));
            System.err.printf("dataset %s: %d shard(s) downloaded (%d MB), %d already in %s%n", source,
                    copy.downloaded(), copy.bytesDownloaded() / (1024 * 1024), copy.reused(), copy.folder());
            return copy.folder();
        }
    }
}
