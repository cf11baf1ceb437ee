package dev.defactify.training.data.parquet;

import dev.defactify.training.data.InvalidDatasetException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The columns a MS COCOAI shard must have, checked per shard before any row is read, so that a renamed or retyped
 * column fails with one sentence naming the shard, the column and what was expected, not a SQL error mid-run.
 */
final class CocoAiSchema {

    static final String CAPTION = "Caption";
    static final String IMAGE = "Image";
    static final String LABEL_A = "Label_A";
    static final String LABEL_B = "Label_B";

    // Hugging Face writes int64 labels; any integer width carries the same codes, so all are accepted.
    private static final Set<String> INTEGER_TYPES = Set.of("TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT",
            "UTINYINT", "USMALLINT", "UINTEGER", "UBIGINT");

    private CocoAiSchema() {
    }

    /** @throws InvalidDatasetException naming the first missing or oddly typed column */
    static void verify(Connection duckdb, Path shard) throws SQLException {
        Map<String, String> columns = describe(duckdb, "SELECT * FROM " + ParquetSql.readParquet(shard));
        require(shard, columns, CAPTION, "VARCHAR (string)", "VARCHAR"::equals);
        require(shard, columns, LABEL_A, "an integer (0 real, 1 AI)", INTEGER_TYPES::contains);
        require(shard, columns, LABEL_B, "an integer (source code 0..5)", INTEGER_TYPES::contains);
        String expectedImage = "STRUCT(bytes BLOB, path VARCHAR) (the encoded image file)";
        require(shard, columns, IMAGE, expectedImage, type -> type.startsWith("STRUCT"));
        Map<String, String> fields = describe(duckdb, "SELECT unnest(\"Image\") FROM " + ParquetSql.readParquet(shard));
        String bytesType = fields.get("bytes");
        if (bytesType == null || !bytesType.equals("BLOB")) {
            throw new InvalidDatasetException(shard + ": column " + IMAGE + " has type " + columns.get(IMAGE)
                    + " but must be " + expectedImage + (bytesType == null ? "; field 'bytes' is missing"
                    : "; field 'bytes' is " + bytesType));
        }
    }

    private static void require(Path shard, Map<String, String> columns, String column, String expected,
                                Predicate<String> typeAccepted) {
        String type = columns.get(column);
        if (type == null) {
            throw new InvalidDatasetException(shard + " lacks column " + column + " (" + expected
                    + "); it has " + List.copyOf(columns.keySet())
                    + ". Expected the MS COCOAI schema: Caption, Image{bytes, path}, Label_A, Label_B");
        }
        if (!typeAccepted.test(type)) {
            throw new InvalidDatasetException(shard + ": column " + column + " has type " + type + " but must be "
                    + expected);
        }
    }

    private static Map<String, String> describe(Connection duckdb, String query) throws SQLException {
        Map<String, String> columns = new LinkedHashMap<>();
        try (Statement statement = duckdb.createStatement();
             ResultSet rows = statement.executeQuery("DESCRIBE " + query)) {
            while (rows.next()) {
                columns.put(rows.getString("column_name"), rows.getString("column_type").toUpperCase(Locale.ROOT));
            }
        }
        return columns;
    }
}
