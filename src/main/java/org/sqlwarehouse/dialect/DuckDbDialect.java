package org.sqlwarehouse.dialect;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.StringJoiner;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.sqlwarehouse.WarehouseException;
import org.sqlwarehouse.seed.ColumnType;
import org.sqlwarehouse.seed.CsvTable;
import org.sqlwarehouse.seed.SeedColumn;
import org.sqlwarehouse.seed.SeedTypeInference;
import org.sqlwarehouse.environment.TargetDefinition;

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

    /** The catalog DuckDB names after the database file; null until bound to a target. */
    private final String catalog;

    public DuckDbDialect() {
        this(null);
    }

    private DuckDbDialect(String catalog) {
        this.catalog = catalog;
    }

    @Override
    public String type() {
        return "duckdb";
    }

    /**
     * Binds to the target's file: relations are then written catalog.schema.name, because DuckDB
     * cannot tell a schema from the catalog when both have one name (analytics.duckdb holding a
     * schema analytics).
     */
    @Override
    public Dialect forTarget(TargetDefinition target) {
        String location = target.url() != null && !target.url().isBlank()
                ? target.url().replaceFirst("^jdbc:duckdb:", "").replaceFirst("\\?.*$", "")
                : target.path();
        if (location == null || location.isBlank() || location.startsWith(":memory:")) {
            return this;
        }
        String file = Path.of(location).getFileName().toString();
        int dot = file.indexOf('.');
        return new DuckDbDialect(dot > 0 ? file.substring(0, dot) : file);
    }

    /** An embedded database has no roles: grants configs are said not to apply. */
    @Override
    public boolean supportsGrants() {
        return false;
    }

    /** DuckDB's catalog, named after the file; "memory" for an in-memory database. */
    @Override
    public String databaseName(TargetDefinition target) {
        return catalog == null ? "memory" : catalog;
    }

    @Override
    public String qualified(String schema, String name) {
        String relation = quote(schema) + "." + quote(name);
        return catalog == null ? relation : quote(catalog) + "." + relation;
    }

    /** DuckDB enforces foreign keys only between tables it never lets be dropped or renamed: left out. */
    @Override
    public java.util.Set<String> enforcedConstraints() {
        return java.util.Set.of("not_null", "unique", "primary_key", "check");
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

    /**
     * The database file, absolute: unlike {@link #jdbcUrl} this creates no directory, since it is
     * asked about targets that are not used. An in-memory database is private to its connection.
     */
    @Override
    public Optional<String> databaseLocation(TargetDefinition target, Path projectDirectory) {
        String location = target.url() != null && !target.url().isBlank()
                ? Dialect.withoutCredentialsOrOptions(target.url()).replaceFirst("^jdbc:duckdb:", "")
                : target.path();
        if (location == null || location.isBlank() || location.startsWith(":memory:")) {
            return Optional.empty();
        }
        return Optional.of("jdbc:duckdb:" + projectDirectory.resolve(location).toAbsolutePath().normalize());
    }

    @Override
    public String versionQuery() {
        return "select 'DuckDB ' || version()";
    }

    @Override
    public void createSchemaIfMissing(Connection connection, String schema) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("create schema if not exists "
                    + (catalog == null ? "" : quote(catalog) + ".") + quote(schema));
        }
    }

    @Override
    public java.util.LinkedHashMap<String, String> columns(Connection connection, String schema, String name)
            throws SQLException {
        java.util.LinkedHashMap<String, String> out = new java.util.LinkedHashMap<>();
        try (PreparedStatement ps = connection.prepareStatement("select column_name, data_type"
                + " from information_schema.columns where table_schema = ? and table_name = ?"
                + (catalog == null ? "" : " and table_catalog = ?") + " order by ordinal_position")) {
            ps.setString(1, schema);
            ps.setString(2, name);
            if (catalog != null) {
                ps.setString(3, catalog);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        return out;
    }

    @Override
    public List<String> schemas(Connection connection) throws SQLException {
        List<String> out = new java.util.ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement("select schema_name from information_schema.schemata"
                + (catalog == null ? "" : " where catalog_name = ?") + " order by 1")) {
            if (catalog != null) {
                ps.setString(1, catalog);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    /** Also main, the schema every DuckDB file starts with, and temp, where temporary objects live. */
    @Override
    public boolean isSystemSchema(String schema) {
        return Dialect.super.isSystemSchema(schema) || schema.equalsIgnoreCase("main")
                || schema.equalsIgnoreCase("temp");
    }

    @Override
    public void dropSchema(Connection connection, String schema) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("drop schema if exists " + (catalog == null ? "" : quote(catalog) + ".") + quote(schema)
                    + " cascade");
        }
    }

    @Override
    public Optional<RelationKind> relationKind(Connection connection, String schema, String name) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("select table_type from information_schema.tables"
                + " where table_schema = ? and table_name = ?" + (catalog == null ? "" : " and table_catalog = ?"))) {
            ps.setString(1, schema);
            ps.setString(2, name);
            if (catalog != null) {
                ps.setString(3, catalog);
            }
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

    /**
     * DuckDB's JDBC driver sets no SQLState; its errors start with DuckDB's error type ("Catalog
     * Error:", "IO Error:"), the typed result this reads, with the one message DuckDB gives for each
     * case.
     */
    @Override
    public SqlFailure classify(SQLException failure) {
        String message = String.valueOf(failure.getMessage());
        if (message.startsWith("Catalog Error:") && message.contains(" already exists")) {
            return SqlFailure.RELATION_EXISTS;
        }
        if (message.startsWith("IO Error: Could not set lock on file")) {
            return SqlFailure.DATABASE_IN_USE;
        }
        return Dialect.super.classify(failure);
    }

    /**
     * Other processes are kept out of the whole file by DuckDB's own file lock (the pool waits for
     * it); builds in this JVM share one database instance and are kept apart per schema here.
     */
    @Override
    public boolean lockSchema(Connection connection, String schema, Duration wait)
            throws SQLException, InterruptedException {
        return InProcessSchemaLocks.lock(lockKey(connection, schema), wait);
    }

    @Override
    public void unlockSchema(Connection connection, String schema) throws SQLException {
        InProcessSchemaLocks.unlock(lockKey(connection, schema));
    }

    @Override
    public Optional<String> schemaLockHolder(Connection connection, String schema) throws SQLException {
        return InProcessSchemaLocks.holder(lockKey(connection, schema));
    }

    @Override
    public int schemaLockWaiters(Connection connection, String schema) throws SQLException {
        return InProcessSchemaLocks.waiters(lockKey(connection, schema));
    }

    /** The database file the connection has open (however its URL spelled the path), and the schema. */
    private static String lockKey(Connection connection, String schema) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("select coalesce(path,"
                + " database_name) from duckdb_databases() where database_name = current_database()")) {
            return (rs.next() ? rs.getString(1) : "memory") + "\u0000" + schema;
        }
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
     * Loads through DuckDB's appender, the fastest path into DuckDB. Inferred columns are appended
     * as typed values. With a column_types override the raw text goes into a VARCHAR staging table
     * and DuckDB casts it, so that any type DuckDB knows works and its own cast errors are shown.
     */
    @Override
    public void createAndLoadSeed(Connection connection, String schema, String name, List<SeedColumn> columns,
            int[] decimalScales, CsvTable table) throws SQLException {
        boolean declared = columns.stream().anyMatch(c -> c.declaredType() != null);
        if (declared) {
            loadThroughStaging(connection, schema, name, columns, decimalScales, table);
        } else {
            loadTyped(connection, schema, name, columns, decimalScales, table);
        }
    }

    private void loadTyped(Connection connection, String schema, String name, List<SeedColumn> columns,
            int[] decimalScales, CsvTable table) throws SQLException {
        StringJoiner definitions = new StringJoiner(", ");
        for (int i = 0; i < columns.size(); i++) {
            definitions.add(quote(columns.get(i).name()) + " " + columnType(columns.get(i), decimalScales[i]));
        }
        try (Statement s = connection.createStatement()) {
            s.execute("create table " + qualified(schema, name) + " (" + definitions + ")");
        }
        ColumnType[] types = columns.stream().map(SeedColumn::type).toArray(ColumnType[]::new);
        try (DuckDBAppender appender = appender(connection, schema, name)) {
            for (String[] row : table.rows()) {
                appender.beginRow();
                for (int i = 0; i < row.length; i++) {
                    appendTyped(appender, row[i], types[i], Math.min(decimalScales[i], 37));
                }
                appender.endRow();
            }
        } catch (IllegalArgumentException e) {
            throw new SQLException("Cannot load seed " + name + ": " + e.getMessage(), e);
        }
    }

    private static void appendTyped(DuckDBAppender appender, String raw, ColumnType type, int scale)
            throws SQLException {
        if (raw == null) {
            appender.appendNull();
            return;
        }
        Object value = SeedTypeInference.convert(raw, type);
        switch (type) {
            case INTEGER -> appender.append(((Integer) value).intValue());
            case BIGINT -> appender.append(((Long) value).longValue());
            case DECIMAL -> appender.append(((BigDecimal) value).setScale(scale, RoundingMode.UNNECESSARY));
            case BOOLEAN -> appender.append(((Boolean) value).booleanValue());
            case DATE -> appender.append((LocalDate) value);
            case TIMESTAMP -> appender.append((LocalDateTime) value);
            case TEXT -> appender.append((String) value);
        }
    }

    private void loadThroughStaging(Connection connection, String schema, String name, List<SeedColumn> columns,
            int[] decimalScales, CsvTable table) throws SQLException {
        // within the identifier limit like every derived name, and apart from another long seed's;
        // the suffix is engine.Sidecar.SEED_LOAD's, spelled here so that dialects do not depend on the engine
        String staging = org.sqlwarehouse.environment.ShortNames.withSuffix(name, "__wh_load", maxIdentifierBytes());
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
                try (DuckDBAppender appender = appender(connection, schema, staging)) {
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

    private DuckDBAppender appender(Connection connection, String schema, String table) throws SQLException {
        DuckDBConnection duck = connection.unwrap(DuckDBConnection.class);
        return catalog == null ? duck.createAppender(schema, table) : duck.createAppender(catalog, schema, table);
    }
}
