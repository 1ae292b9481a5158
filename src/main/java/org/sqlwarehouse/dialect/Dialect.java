package org.sqlwarehouse.dialect;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.sqlwarehouse.WarehouseException;
import org.sqlwarehouse.seed.CsvTable;
import org.sqlwarehouse.seed.SeedColumn;
import org.sqlwarehouse.environment.TargetDefinition;

/**
 * Everything that differs between databases. One implementation per database, found through
 * {@link DialectProvider} so that other warehouses plug in without changing the engine. Statement
 * builders return SQL; methods taking a Connection run it.
 */
public interface Dialect {

    /** The target type this dialect serves, e.g. "duckdb". */
    String type();

    /**
     * The dialect bound to one target, for databases whose names depend on it (DuckDB qualifies
     * relations with the catalog named after the file). Most dialects return themselves.
     */
    default Dialect forTarget(TargetDefinition target) {
        return this;
    }

    /**
     * The one quoting function: every identifier the plugin writes into SQL goes through it, so a
     * hostile user or model name cannot leave the quoted identifier.
     */
    String quote(String identifier);

    /** Whether the database has roles to grant privileges to (dbt's grants config). */
    default boolean supportsGrants() {
        return true;
    }

    /** Whether dbt's indexes config is applied to tables (PostgreSQL's indexes). */
    default boolean supportsIndexes() {
        return false;
    }

    /** The database name relations of the target report to templates ({@code this.database}). */
    default String databaseName(TargetDefinition target) {
        return target.database();
    }

    /** A schema-qualified, quoted relation name. */
    default String qualified(String schema, String name) {
        return quote(schema) + "." + quote(name);
    }

    /** The longest identifier in bytes that the database keeps without truncating. */
    int maxIdentifierBytes();

    /** The JDBC driver class, loaded explicitly because DriverManager may not see the plugin's class loader. */
    String driverClassName();

    /** The JDBC URL without credentials; never contains a password unless the user wrote one in url. */
    String jdbcUrl(TargetDefinition target, Path projectDirectory) throws WarehouseException;

    /**
     * Which database the target reaches, to tell without connecting whether two targets reach the
     * same data: its JDBC URL without credentials or driver options, or empty when no other target
     * can share it (an in-memory database). Creates nothing, and never contains a password.
     */
    default Optional<String> databaseLocation(TargetDefinition target, Path projectDirectory)
            throws WarehouseException {
        return Optional.of(withoutCredentialsOrOptions(jdbcUrl(target, projectDirectory)));
    }

    /**
     * A JDBC URL cut at its options ({@code ?...} or {@code ;...}) and without user info
     * ({@code //user:password@host}): options and credentials do not change which database it is.
     */
    static String withoutCredentialsOrOptions(String jdbcUrl) {
        return jdbcUrl.replaceFirst("[?;].*$", "").replaceFirst("//[^/@]*@", "//");
    }

    /** A query answering the server's version, for the connection check. */
    String versionQuery();

    void createSchemaIfMissing(Connection connection, String schema) throws SQLException;

    /** Names of every schema in the database the target connects to. */
    List<String> schemas(Connection connection) throws SQLException;

    /**
     * Whether the schema is the database's own or its default one (PostgreSQL's public and pg_*,
     * DuckDB's main): never an environment, whatever a name derived from a user says, so that
     * drop-schema can never drop it.
     */
    default boolean isSystemSchema(String schema) {
        String lower = schema.toLowerCase(java.util.Locale.ROOT);
        return lower.equals("information_schema") || lower.startsWith("pg_");
    }

    /** Drops a schema with everything in it. */
    default void dropSchema(Connection connection, String schema) throws SQLException {
        try (java.sql.Statement s = connection.createStatement()) {
            s.execute("drop schema if exists " + quote(schema) + " cascade");
        }
    }

    /** The kind of the relation, or empty if there is none by that name. */
    Optional<RelationKind> relationKind(Connection connection, String schema, String name) throws SQLException;

    /**
     * The kind of every relation in the given schemas, by "schema.name": one catalog query for a
     * whole plan instead of one per relation.
     */
    default java.util.Map<String, RelationKind> relationKinds(Connection connection, java.util.Set<String> schemas)
            throws SQLException {
        java.util.Map<String, RelationKind> out = new java.util.HashMap<>();
        for (String schema : schemas) {
            try (java.sql.PreparedStatement ps = connection.prepareStatement("select table_name, table_type"
                    + " from information_schema.tables where table_schema = ?")) {
                ps.setString(1, schema);
                try (java.sql.ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.put(schema + "." + rs.getString(1),
                                "VIEW".equalsIgnoreCase(rs.getString(2)) ? RelationKind.VIEW : RelationKind.TABLE);
                    }
                }
            }
        }
        return out;
    }

    /**
     * A relation's columns in order as the catalog describes them; empty when it does not exist.
     * What {@code adapter.get_columns_in_relation} answers templates.
     */
    default List<ColumnDescription> columnsOf(Connection connection, String schema, String name)
            throws SQLException {
        List<ColumnDescription> out = new java.util.ArrayList<>();
        try (java.sql.PreparedStatement ps = connection.prepareStatement("select column_name, data_type,"
                + " character_maximum_length, numeric_precision, numeric_scale from information_schema.columns"
                + " where table_catalog = current_database() and table_schema = ? and table_name = ?"
                + " order by ordinal_position")) {
            ps.setString(1, schema);
            ps.setString(2, name);
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new ColumnDescription(rs.getString(1), rs.getString(2), rs.getObject(3) == null
                            ? null : rs.getInt(3), rs.getObject(4) == null ? null : rs.getInt(4),
                            rs.getObject(5) == null ? null : rs.getInt(5)));
                }
            }
        }
        return out;
    }

    /**
     * The kind of each of the given relations of one schema that exists, by name: one catalog query
     * where the database allows it, instead of one per name.
     */
    default java.util.Map<String, RelationKind> relationKindsOf(Connection connection, String schema,
            java.util.Collection<String> names) throws SQLException {
        java.util.Map<String, RelationKind> out = new java.util.HashMap<>();
        for (String name : names) {
            relationKind(connection, schema, name).ifPresent(kind -> out.put(name, kind));
        }
        return out;
    }

    /**
     * Each relation's columns and their types, as "name type, name type" in column order, by
     * "schema.name", for the given schemas: what a deploy compares to notice a relation altered
     * outside the plugin.
     */
    default java.util.Map<String, String> columnSignatures(Connection connection, java.util.Set<String> schemas)
            throws SQLException {
        java.util.Map<String, StringBuilder> out = new java.util.HashMap<>();
        for (String schema : schemas) {
            try (java.sql.PreparedStatement ps = connection.prepareStatement("select table_name, column_name,"
                    + " data_type from information_schema.columns where table_schema = ?"
                    + " order by table_name, ordinal_position")) {
                ps.setString(1, schema);
                try (java.sql.ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        StringBuilder sig = out.computeIfAbsent(schema + "." + rs.getString(1), k -> new StringBuilder());
                        if (sig.length() > 0) {
                            sig.append(", ");
                        }
                        sig.append(rs.getString(2)).append(' ').append(rs.getString(3));
                    }
                }
            }
        }
        java.util.Map<String, String> signatures = new java.util.HashMap<>();
        out.forEach((k, v) -> signatures.put(k, v.toString()));
        return signatures;
    }

    /**
     * As {@link #columnSignatures(Connection, java.util.Set)}, for the given relations
     * only: after a build, the few relations built, not every relation of their schemas.
     */
    default java.util.Map<String, String> columnSignaturesOf(Connection connection, List<RelationName> relations)
            throws SQLException {
        java.util.Set<String> schemas = new java.util.HashSet<>();
        java.util.Set<String> wanted = new java.util.HashSet<>();
        for (RelationName relation : relations) {
            schemas.add(relation.schema());
            wanted.add(relation.key());
        }
        java.util.Map<String, String> out = new java.util.HashMap<>(columnSignatures(connection, schemas));
        out.keySet().retainAll(wanted);
        return out;
    }

    /**
     * Relations (as "schema.name") that the database itself binds to this one and would drop with
     * it on CASCADE, e.g. PostgreSQL views over it. Empty where the database binds views by name.
     */
    List<String> dependentRelations(Connection connection, String schema, String name) throws SQLException;

    /**
     * The statement that defines an existing view again exactly as it reads now, with every name it
     * reads written out in full, so that run after the relations it reads were replaced it reads
     * the new ones. Empty when schema.name is not a view that can be defined again (a table, a
     * materialized view, which holds data). Captured before anything is renamed.
     */
    default Optional<String> redefineViewSql(Connection connection, String schema, String name) throws SQLException {
        return Optional.empty();
    }

    default String createViewSql(String schema, String name, String selectSql) {
        return "create view " + qualified(schema, name) + " as (\n" + selectSql + "\n)";
    }

    default String createOrReplaceViewSql(String schema, String name, String selectSql) {
        return "create or replace view " + qualified(schema, name) + " as (\n" + selectSql + "\n)";
    }

    default String createTableAsSql(String schema, String name, String selectSql) {
        return "create table " + qualified(schema, name) + " as (\n" + selectSql + "\n)";
    }

    /** A string literal of the text, quotes doubled (both databases keep backslashes as written). */
    default String stringLiteral(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    /** persist_docs: the relation's description as its comment. */
    default String commentOnRelationSql(RelationKind kind, String schema, String name, String comment) {
        return "comment on " + kind.keyword() + " " + qualified(schema, name) + " is " + stringLiteral(comment);
    }

    /** persist_docs: a column's description as its comment. */
    default String commentOnColumnSql(String schema, String name, String column, String comment) {
        return "comment on column " + qualified(schema, name) + "." + quote(column) + " is " + stringLiteral(comment);
    }

    /**
     * The constraint types (dbt's names: not_null, unique, primary_key, check, foreign_key) a
     * contracted table is created with: the ones the database enforces.
     */
    default java.util.Set<String> enforcedConstraints() {
        return java.util.Set.of("not_null", "unique", "primary_key", "check", "foreign_key");
    }

    default String renameSql(RelationKind kind, String schema, String from, String to) {
        return "alter " + kind.keyword() + " " + qualified(schema, from) + " rename to " + quote(to);
    }

    default String dropSql(RelationKind kind, String schema, String name, boolean cascade) {
        return "drop " + kind.keyword() + " if exists " + qualified(schema, name) + (cascade ? " cascade" : "");
    }

    /** Column names and their full SQL types, in column order; empty if the relation does not exist. */
    java.util.LinkedHashMap<String, String> columns(Connection connection, String schema, String name)
            throws SQLException;

    default String dropColumnSql(String schema, String name, String column) {
        return "alter table " + qualified(schema, name) + " drop column " + quote(column);
    }

    /** A column given the type the incoming rows have (on_schema_change: sync_all_columns). */
    default String alterColumnTypeSql(String schema, String name, String column, String type) {
        return "alter table " + qualified(schema, name) + " alter column " + quote(column) + " set data type " + type;
    }

    default String addColumnSql(String schema, String name, String column, String type) {
        return "alter table " + qualified(schema, name) + " add column " + quote(column) + " " + type;
    }

    /** The column type for a seed column; decimalScale is the largest scale seen in a DECIMAL column. */
    String columnType(SeedColumn column, int decimalScale);

    /**
     * Creates table schema.name with the given columns and loads every row of the CSV into it, in
     * the fastest way the database offers (COPY, an appender).
     */
    void createAndLoadSeed(Connection connection, String schema, String name, List<SeedColumn> columns,
            int[] decimalScales, CsvTable table) throws SQLException;

    /** Whether DDL takes part in transactions, so that a swap of relations commits as one. */
    default boolean transactionalDdl() {
        return true;
    }

    // ---- failures and connections ----

    /**
     * What a failure means, from its SQLState where the database sets one. The default knows the
     * standard classes only; a dialect adds its database's own codes.
     */
    default SqlFailure classify(SQLException failure) {
        String state = failure.getSQLState();
        if (state != null && state.startsWith("28")) {
            return SqlFailure.AUTHENTICATION;
        }
        return SqlFailure.OTHER;
    }

    /**
     * JDBC properties that name the plugin's sessions to the server, so that a waiting build can say
     * who holds the schema's lock; empty where the database has no such name. The user's own
     * properties win over these.
     */
    default Map<String, String> sessionProperties(String clientName) {
        return Map.of();
    }

    /**
     * Where a target's server is, for messages ("host:port/database"); empty for an embedded
     * database, whose (masked) JDBC URL says where its file is.
     */
    default Optional<String> serverAddress(TargetDefinition target) {
        return Optional.empty();
    }

    /**
     * The fields of a dbt profiles.yml output that this database's dbt adapter defines beyond the
     * common ones (host, user, schema...), with their types; {@link #addAdapterProperties} turns them
     * into JDBC properties. Any other field goes to the driver as it is.
     */
    default Map<String, AdapterFieldType> adapterFields() {
        return Map.of();
    }

    /**
     * Adds to {@code properties} the JDBC properties that the given adapter fields (checked, as
     * text; a field left empty is absent) become.
     */
    default void addAdapterProperties(Map<String, String> fields, Map<String, String> properties) {
    }

    // ---- one build or deploy at a time per schema ----
    // No defaults: each database must say how it keeps two builds of a schema apart, so that a new
    // dialect cannot silently run two deploys at once.

    /**
     * Takes the lock that keeps builds and deploys of one schema apart, for the session of the given
     * connection, waiting up to {@code wait} (zero: only tries). True when taken, false when someone
     * else held it for the whole wait.
     */
    boolean lockSchema(Connection connection, String schema, Duration wait) throws SQLException, InterruptedException;

    /** Releases the lock {@link #lockSchema} took on this connection. */
    void unlockSchema(Connection connection, String schema) throws SQLException;

    /**
     * Who holds the lock of the schema, in words for an error message (which user, from where, since
     * when); empty when nobody does any more.
     */
    Optional<String> schemaLockHolder(Connection connection, String schema) throws SQLException;

    /** How many sessions are waiting for the lock of the schema now. */
    int schemaLockWaiters(Connection connection, String schema) throws SQLException;
}
