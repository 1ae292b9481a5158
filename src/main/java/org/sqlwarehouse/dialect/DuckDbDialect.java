package org.sqlwarehouse.dialect;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.StringJoiner;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.sqlwarehouse.WarehouseException;
import org.sqlwarehouse.seed.CsvTable;
import org.sqlwarehouse.seed.SeedColumn;
import org.sqlwarehouse.target.TargetDefinition;

/** Embedded DuckDB: a file in the project, no server, the zero-setup default. */
public final class DuckDbDialect implements Dialect {

    /** Registered in META-INF/services. */
    public static final class Provider implements DialectProvider {
        @Override
        public String type() {
            return "duckdb";
        }

        @Override
        public Dialect create() {
            return new DuckDbDialect();
        }
    }

    @Override
    public String type() {
        return "duckdb";
    }

    @Override
    public String quote(String identifier) {
        return SqlIdentifiers.doubleQuote(identifier);
    }

    @Override
    public String driverClassName() {
        return "org.duckdb.DuckDBDriver";
    }

    @Override
    public int maxIdentifierBytes() {
        // DuckDB has no limit; the plugin keeps PostgreSQL's so names agree across databases.
        return 63;
    }

    @Override
    public String jdbcUrl(TargetDefinition target, Path projectDirectory) throws WarehouseException {
        if (target.url() != null && !target.url().isBlank()) {
            return target.url();
        }
        if (target.path() == null || target.path().isBlank()) {
            throw new WarehouseException("DuckDB target '" + target.name() + "' has neither <path> nor <url>.",
                    "Set <path> to the database file, e.g. <path>${project.build.directory}/dev.duckdb</path>.");
        }
        Path file = projectDirectory.resolve(target.path()).toAbsolutePath().normalize();
        try {
            Files.createDirectories(file.getParent());
        } catch (IOException e) {
            throw new WarehouseException("Cannot create the directory for DuckDB file " + file + ": " + e.getMessage());
        }
        return "jdbc:duckdb:" + file;
    }

    @Override
    public String versionQuery() {
        return "select 'DuckDB ' || version()";
    }

    @Override
    public void createSchemaIfMissing(Connection connection, String schema) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("create schema if not exists " + quote(schema));
        }
    }

    @Override
    public Optional<RelationKind> relationKind(Connection connection, String schema, String name) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(
                "select table_type from information_schema.tables where table_schema = ? and table_name = ?")) {
            ps.setString(1, schema);
            ps.setString(2, name);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of("VIEW".equalsIgnoreCase(rs.getString(1)) ? RelationKind.VIEW : RelationKind.TABLE);
            }
        }
    }

    @Override
    public List<String> dependentRelations(Connection connection, String schema, String name) {
        // DuckDB binds views by name when they are queried: dropping a relation never drops a view.
        return List.of();
    }

    @Override
    public String columnType(SeedColumn column, int decimalScale) {
        if (column.declaredType() != null) {
            return column.declaredType();
        }
        return switch (column.type()) {
            case INTEGER -> "INTEGER";
            case BIGINT -> "BIGINT";
            case DECIMAL -> "DECIMAL(38," + Math.min(decimalScale, 37) + ")";
            case BOOLEAN -> "BOOLEAN";
            case DATE -> "DATE";
            case TIMESTAMP -> "TIMESTAMP";
            case TEXT -> "VARCHAR";
        };
    }

    /**
     * Appends the raw text through DuckDB's appender into a VARCHAR staging table, then casts into
     * the typed table in one statement: the appender is the fastest load path, and DuckDB's own casts
     * give its own error messages for values a column_types override rejects.
     */
    @Override
    public void createAndLoadSeed(Connection connection, String schema, String name, List<SeedColumn> columns,
            int[] decimalScales, CsvTable table) throws SQLException {
        String staging = name + "__wh_load";
        StringJoiner stagingColumns = new StringJoiner(", ");
        StringJoiner casts = new StringJoiner(", ");
        for (int i = 0; i < columns.size(); i++) {
            String column = quote(columns.get(i).name());
            stagingColumns.add(column + " VARCHAR");
            casts.add("cast(" + column + " as " + columnType(columns.get(i), decimalScales[i]) + ") as " + column);
        }
        try (Statement s = connection.createStatement()) {
            s.execute("drop table if exists " + qualified(schema, staging));
            s.execute("create table " + qualified(schema, staging) + " (" + stagingColumns + ")");
            try {
                try (DuckDBAppender appender = connection.unwrap(DuckDBConnection.class).createAppender(schema, staging)) {
                    for (String[] row : table.rows()) {
                        appender.beginRow();
                        for (String cell : row) {
                            if (cell == null) {
                                appender.appendNull();
                            } else {
                                appender.append(cell);
                            }
                        }
                        appender.endRow();
                    }
                }
                s.execute("create table " + qualified(schema, name) + " as select " + casts + " from "
                        + qualified(schema, staging));
            } finally {
                s.execute("drop table if exists " + qualified(schema, staging));
            }
        }
    }
}
