package dev.defactify.training.data.parquet;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/** The few pieces of DuckDB plumbing the parquet reader shares. */
final class ParquetSql {

    private ParquetSql() {
    }

    /**
     * A private in-memory DuckDB. Results are streamed chunk by chunk rather than materialised, so a 600 MB shard of
     * images never sits whole in memory (native or heap).
     */
    static Connection open() throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("jdbc_stream_results", "true");
        return DriverManager.getConnection("jdbc:duckdb:", properties);
    }

    /** {@code read_parquet('<file>')} with the path quoted as a SQL string literal. */
    static String readParquet(Path shard) {
        return "read_parquet(" + literal(shard.toAbsolutePath().toString()) + ")";
    }

    static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }
}
