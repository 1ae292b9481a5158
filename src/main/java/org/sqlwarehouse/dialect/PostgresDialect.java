package org.sqlwarehouse.dialect;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.PGCopyOutputStream;
import org.sqlwarehouse.WarehouseException;
import org.sqlwarehouse.seed.CsvTable;
import org.sqlwarehouse.seed.CsvWriter;
import org.sqlwarehouse.seed.SeedColumn;
import org.sqlwarehouse.environment.TargetDefinition;

/** PostgreSQL 12 and later. */
public final class PostgresDialect implements Dialect {

    /** Registered in META-INF/services. */
    public static final class Provider implements DialectProvider {
        @Override
        public String type() {
            return "postgres";
        }

        @Override
        public Dialect create() {
            return new PostgresDialect();
        }
    }


    /**
     * The relation kinds that information_schema.tables lists: tables, partitioned and foreign
     * tables, views (not materialized views). Every catalog query here asks for the same ones, so
     * that a name taken by a foreign table is taken for the plan and for the replace alike.
     */
    private static final String LISTED_KINDS = "('r', 'p', 'f', 'v')";

    @Override
    public boolean supportsIndexes() {
        return true;
    }

    @Override
    public String type() {
        return "postgres";
    }

    @Override
    public String quote(String identifier) {
        return SqlIdentifiers.doubleQuote(identifier);
    }

    @Override
    public String driverClassName() {
        return "org.postgresql.Driver";
    }

    @Override
    public int maxIdentifierBytes() {
        return 63;
    }

    @Override
    public String jdbcUrl(TargetDefinition target, Path projectDirectory) throws WarehouseException {
        if (target.url() != null && !target.url().isBlank()) {
            return target.url();
        }
        if (target.database() == null || target.database().isBlank()) {
            throw new WarehouseException("PostgreSQL target '" + target.name() + "' has no <database>.",
                    "Set <database> (dbt's dbname), or give a full JDBC <url>.");
        }
        String host = target.host() == null || target.host().isBlank() ? "localhost" : target.host();
        int port = target.port() == null ? 5432 : target.port();
        String hostPart = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        return "jdbc:postgresql://" + hostPart + ":" + port + "/" + urlEncode(target.database());
    }

    /**
     * The URL as {@link #jdbcUrl} gives it, with the host lower-cased and the default port written
     * out, so that a raw {@code url} and host/port/database agree when they name one database.
     */
    @Override
    public Optional<String> databaseLocation(TargetDefinition target, Path projectDirectory)
            throws WarehouseException {
        String bare = Dialect.withoutCredentialsOrOptions(jdbcUrl(target, projectDirectory));
        Matcher m = SINGLE_HOST.matcher(bare);
        if (!m.matches()) {
            return Optional.of(bare); // several hosts, or no host: compared as written
        }
        String port = m.group(2) == null ? ":5432" : m.group(2);
        String path = m.group(3) == null ? "" : m.group(3);
        return Optional.of("jdbc:postgresql://" + m.group(1).toLowerCase(Locale.ROOT) + port + path);
    }

    /** jdbc:postgresql://host[:port]/database, one host (an IPv6 address in brackets). */
    private static final Pattern SINGLE_HOST = Pattern.compile(
            "jdbc:postgresql://(\\[[^\\]]+\\]|[^:/,\\[]+)(:\\d+)?(/.*)?");

    private static String urlEncode(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Override
    public String versionQuery() {
        return "select version()";
    }

    @Override
    public void createSchemaIfMissing(Connection connection, String schema) throws SQLException {
        if (schemaExists(connection, schema)) {
            return;
        }
        try (Statement s = connection.createStatement()) {
            s.execute("create schema if not exists " + quote(schema));
        }
    }

    /** format_type gives the full type, numeric(10,2) and varchar(32) included. */
    @Override
    public java.util.LinkedHashMap<String, String> columns(Connection connection, String schema, String name)
            throws SQLException {
        java.util.LinkedHashMap<String, String> out = new java.util.LinkedHashMap<>();
        try (PreparedStatement ps = connection.prepareStatement("select a.attname, format_type(a.atttypid, a.atttypmod)"
                + " from pg_attribute a join pg_class c on c.oid = a.attrelid"
                + " join pg_namespace n on n.oid = c.relnamespace"
                + " where n.nspname = ? and c.relname = ? and a.attnum > 0 and not a.attisdropped order by a.attnum")) {
            ps.setString(1, schema);
            ps.setString(2, name);
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
        List<String> out = new ArrayList<>();
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("select nspname from pg_namespace order by 1")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    /** Also public, the schema every database is created with and the default search_path's. */
    @Override
    public boolean isSystemSchema(String schema) {
        return Dialect.super.isSystemSchema(schema) || schema.equalsIgnoreCase("public");
    }

    private static boolean schemaExists(Connection connection, String schema) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("select 1 from pg_namespace where nspname = ?")) {
            ps.setString(1, schema);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    @Override
    public Optional<RelationKind> relationKind(Connection connection, String schema, String name) throws SQLException {
        return Optional.ofNullable(relationKindsOf(connection, schema, List.of(name)).get(name));
    }

    /**
     * pg_class rather than information_schema.tables, a slow view: the relations that view lists
     * ({@link #LISTED_KINDS}: tables, partitioned and foreign tables as TABLE, views as VIEW), of
     * every given schema in one query.
     */
    @Override
    public Map<String, RelationKind> relationKinds(Connection connection, Set<String> schemas) throws SQLException {
        Map<String, RelationKind> out = new HashMap<>();
        try (PreparedStatement ps = connection.prepareStatement("select n.nspname, c.relname, c.relkind from pg_class c"
                + " join pg_namespace n on n.oid = c.relnamespace where n.nspname = any(?)"
                + " and c.relkind in " + LISTED_KINDS)) {
            ps.setArray(1, connection.createArrayOf("text", schemas.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1) + "." + rs.getString(2), kindOf(rs.getString(3)));
                }
            }
        }
        return out;
    }

    @Override
    public Map<String, RelationKind> relationKindsOf(Connection connection, String schema, Collection<String> names)
            throws SQLException {
        Map<String, RelationKind> out = new HashMap<>();
        try (PreparedStatement ps = connection.prepareStatement("select c.relname, c.relkind from pg_class c"
                + " join pg_namespace n on n.oid = c.relnamespace where n.nspname = ? and c.relname = any(?)"
                + " and c.relkind in " + LISTED_KINDS)) {
            ps.setString(1, schema);
            ps.setArray(2, connection.createArrayOf("text", names.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), kindOf(rs.getString(2)));
                }
            }
        }
        return out;
    }

    private static RelationKind kindOf(String relkind) {
        return "v".equals(relkind) ? RelationKind.VIEW : RelationKind.TABLE;
    }

    /**
     * The column types exactly as information_schema.columns.data_type spells them (what the state
     * recorded so far hashes), from pg_attribute: format_type without modifiers for built-in types,
     * a domain's base type, ARRAY and USER-DEFINED otherwise.
     */
    private static final String COLUMN_SIGNATURES = "select n.nspname, c.relname, a.attname,"
            + " case when t.typtype = 'd' then"
            + "  case when bt.typelem <> 0 and bt.typlen = -1 then 'ARRAY'"
            + "   when nbt.nspname = 'pg_catalog' then format_type(t.typbasetype, null) else 'USER-DEFINED' end"
            + " else"
            + "  case when t.typelem <> 0 and t.typlen = -1 then 'ARRAY'"
            + "   when nt.nspname = 'pg_catalog' then format_type(a.atttypid, null) else 'USER-DEFINED' end"
            + " end"
            + " from pg_attribute a join pg_class c on c.oid = a.attrelid"
            + " join pg_namespace n on n.oid = c.relnamespace"
            + " join pg_type t on t.oid = a.atttypid join pg_namespace nt on nt.oid = t.typnamespace"
            + " left join (pg_type bt join pg_namespace nbt on nbt.oid = bt.typnamespace)"
            + "  on t.typtype = 'd' and bt.oid = t.typbasetype"
            + " where a.attnum > 0 and not a.attisdropped and c.relkind in " + LISTED_KINDS + " and ";

    @Override
    public Map<String, String> columnSignatures(Connection connection, Set<String> schemas) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(COLUMN_SIGNATURES + "n.nspname = any(?)"
                + " order by c.oid, a.attnum")) {
            ps.setArray(1, connection.createArrayOf("text", schemas.toArray()));
            return signatures(ps);
        }
    }

    @Override
    public Map<String, String> columnSignaturesOf(Connection connection, List<RelationName> relations)
            throws SQLException {
        Object[] schemas = relations.stream().map(RelationName::schema).toArray();
        Object[] names = relations.stream().map(RelationName::name).toArray();
        try (PreparedStatement ps = connection.prepareStatement(COLUMN_SIGNATURES
                + "(n.nspname, c.relname) in (select * from unnest(?::text[], ?::text[]))"
                + " order by c.oid, a.attnum")) {
            ps.setArray(1, connection.createArrayOf("text", schemas));
            ps.setArray(2, connection.createArrayOf("text", names));
            return signatures(ps);
        }
    }

    /** "name type, name type" per "schema.relation", from rows of schema, relation, column, type. */
    private static Map<String, String> signatures(PreparedStatement ps) throws SQLException {
        Map<String, StringBuilder> building = new HashMap<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                StringBuilder sig = building.computeIfAbsent(rs.getString(1) + "." + rs.getString(2),
                        k -> new StringBuilder());
                if (sig.length() > 0) {
                    sig.append(", ");
                }
                sig.append(rs.getString(3)).append(' ').append(rs.getString(4));
            }
        }
        Map<String, String> out = new HashMap<>();
        building.forEach((relation, sig) -> out.put(relation, sig.toString()));
        return out;
    }

    /**
     * Views bound to this relation through pg_depend, transitively: what a CASCADE would drop. The
     * references are asked with their catalog (refclassid), which lets pg_depend's index answer
     * instead of a scan of the whole table, and keeps an oid of another catalog from matching.
     */
    @Override
    public List<String> dependentRelations(Connection connection, String schema, String name) throws SQLException {
        String sql = "with recursive deps(oid) as ("
                + " select distinct r.ev_class from pg_depend d join pg_rewrite r on r.oid = d.objid"
                + "  where d.classid = 'pg_rewrite'::regclass and d.refclassid = 'pg_class'::regclass"
                + "  and d.refobjid = to_regclass(?) and r.ev_class <> d.refobjid"
                + " union"
                + " select r.ev_class from deps join pg_depend d"
                + "  on d.refclassid = 'pg_class'::regclass and d.refobjid = deps.oid"
                + "  join pg_rewrite r on r.oid = d.objid"
                + "  where d.classid = 'pg_rewrite'::regclass and r.ev_class <> d.refobjid"
                + ") select n.nspname, c.relname from deps join pg_class c on c.oid = deps.oid"
                + " join pg_namespace n on n.oid = c.relnamespace order by 1, 2";
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setString(1, qualified(schema, name));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1) + "." + rs.getString(2));
                }
            }
        }
        return out;
    }

    /**
     * pg_get_viewdef with an empty search_path, so that every relation the view reads is written
     * with its schema; the view's options (security_barrier, check_option) are kept.
     */
    @Override
    public Optional<String> redefineViewSql(Connection connection, String schema, String name) throws SQLException {
        String searchPath;
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("show search_path")) {
            rs.next();
            searchPath = rs.getString(1);
        }
        try (Statement s = connection.createStatement()) {
            s.execute("set search_path = ''");
        }
        try (PreparedStatement ps = connection.prepareStatement("select c.relkind, pg_get_viewdef(c.oid),"
                + " array_to_string(c.reloptions, ', ') from pg_class c where c.oid = to_regclass(?)")) {
            ps.setString(1, qualified(schema, name));
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next() || !"v".equals(rs.getString(1))) {
                    return Optional.empty();
                }
                String definition = rs.getString(2).strip();
                if (definition.endsWith(";")) {
                    definition = definition.substring(0, definition.length() - 1);
                }
                String options = rs.getString(3);
                return Optional.of("create or replace view " + qualified(schema, name)
                        + (options == null || options.isEmpty() ? "" : " with (" + options + ")") + " as\n"
                        + definition);
            }
        } finally {
            try (PreparedStatement ps = connection.prepareStatement("select set_config('search_path', ?, false)")) {
                ps.setString(1, searchPath);
                ps.execute();
            }
        }
    }

    /**
     * By SQLState: 42P07 duplicate_table; 42P16 invalid_table_definition, which CREATE OR REPLACE
     * VIEW raises when the new query drops, renames or retypes a column of the view.
     */
    @Override
    public SqlFailure classify(SQLException failure) {
        String state = String.valueOf(failure.getSQLState());
        return switch (state) {
            case "42P07" -> SqlFailure.RELATION_EXISTS;
            case "42P16" -> SqlFailure.VIEW_COLUMNS_CHANGED;
            default -> Dialect.super.classify(failure);
        };
    }

    /** dbt-postgres's connection fields (search_path aside) and the pgjdbc property each becomes. */
    private static final Map<String, String> ADAPTER_PROPERTIES = Map.of(
            "connect_timeout", "connectTimeout",
            "sslmode", "sslmode",
            "keepalives_idle", "tcpKeepAlive",
            "application_name", "ApplicationName");

    @Override
    public Map<String, AdapterFieldType> adapterFields() {
        return Map.of("connect_timeout", AdapterFieldType.COUNT, "keepalives_idle", AdapterFieldType.COUNT,
                "sslmode", AdapterFieldType.TEXT, "application_name", AdapterFieldType.TEXT,
                "search_path", AdapterFieldType.TEXT);
    }

    /**
     * dbt-postgres's fields as pgjdbc properties; search_path becomes a startup option ("-c
     * search_path=..."), appended to any options the user gave.
     */
    @Override
    public void addAdapterProperties(Map<String, String> fields, Map<String, String> properties) {
        fields.forEach((field, value) -> {
            if (ADAPTER_PROPERTIES.containsKey(field)) {
                // pgjdbc cannot set the idle time; libpq's keepalives are on by default
                properties.put(ADAPTER_PROPERTIES.get(field), field.equals("keepalives_idle") ? "true" : value);
            }
        });
        String searchPath = fields.get("search_path");
        if (searchPath != null && !searchPath.isBlank()) {
            String option = "-c search_path=" + escapeOption(searchPath.strip());
            String options = properties.get("options");
            properties.put("options", options == null || options.isBlank() ? option : options + " " + option);
        }
    }

    /** In the startup 'options', spaces separate arguments unless escaped, and '\' escapes. */
    static String escapeOption(String value) {
        return value.replace("\\", "\\\\").replace(" ", "\\ ");
    }

    /** Names the session in pg_stat_activity, which the lock's holder message reads. */
    @Override
    public Map<String, String> sessionProperties(String clientName) {
        return Map.of("ApplicationName", clientName);
    }

    @Override
    public Optional<String> serverAddress(TargetDefinition target) {
        return Optional.of((target.host() == null ? "localhost" : target.host()) + ":"
                + (target.port() == null ? 5432 : target.port())
                + (target.database() == null ? "" : "/" + target.database()));
    }

    /** See {@link PostgresSchemaLocks#lock}. */
    @Override
    public boolean lockSchema(Connection connection, String schema, Duration wait) throws SQLException {
        return PostgresSchemaLocks.lock(connection, schema, wait);
    }

    @Override
    public void unlockSchema(Connection connection, String schema) throws SQLException {
        PostgresSchemaLocks.unlock(connection, schema);
    }

    @Override
    public Optional<String> schemaLockHolder(Connection connection, String schema) throws SQLException {
        return PostgresSchemaLocks.holder(connection, schema);
    }

    @Override
    public int schemaLockWaiters(Connection connection, String schema) throws SQLException {
        return PostgresSchemaLocks.waiters(connection, schema);
    }

    @Override
    public String columnType(SeedColumn column, int decimalScale) {
        if (column.declaredType() != null) {
            return column.declaredType();
        }
        return switch (column.type()) {
            case INTEGER -> "integer";
            case BIGINT -> "bigint";
            // unconstrained numeric keeps every value exactly as written
            case DECIMAL -> "numeric";
            case BOOLEAN -> "boolean";
            case DATE -> "date";
            case TIMESTAMP -> "timestamp";
            case TEXT -> "text";
        };
    }

    private static final int COPY_BUFFER_BYTES = 64 * 1024;

    /** COPY FROM STDIN in CSV format, streamed from the parsed cells; PostgreSQL parses the types. */
    @Override
    public void createAndLoadSeed(Connection connection, String schema, String name, List<SeedColumn> columns,
            int[] decimalScales, CsvTable table) throws SQLException {
        StringJoiner definitions = new StringJoiner(", ");
        StringJoiner names = new StringJoiner(", ");
        for (int i = 0; i < columns.size(); i++) {
            definitions.add(quote(columns.get(i).name()) + " " + columnType(columns.get(i), decimalScales[i]));
            names.add(quote(columns.get(i).name()));
        }
        try (Statement s = connection.createStatement()) {
            s.execute("create table " + qualified(schema, name) + " (" + definitions + ")");
        }
        String copy = "copy " + qualified(schema, name) + " (" + names + ") from stdin with (format csv)";
        // streamed to the server as it is written, so a large seed is never held twice in memory
        CopyIn copyIn = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(copy);
        try {
            Writer out = new BufferedWriter(new OutputStreamWriter(new PGCopyOutputStream(copyIn, COPY_BUFFER_BYTES),
                    StandardCharsets.UTF_8), COPY_BUFFER_BYTES);
            CsvWriter.write(table.rows(), out);
            out.flush();
            copyIn.endCopy();
        } catch (IOException | RuntimeException e) {
            if (copyIn.isActive()) {
                copyIn.cancelCopy(); // never end a COPY that was not written whole
            }
            throw new SQLException("COPY into " + schema + "." + name + " failed: " + e.getMessage(), e);
        }
    }
}
