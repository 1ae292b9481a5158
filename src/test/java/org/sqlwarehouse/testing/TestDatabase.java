package org.sqlwarehouse.testing;

import java.io.File;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * A direct JDBC view of a test database, for unit tests and the integration tests' verify.groovy
 * scripts: they check relations and rows in the database itself, not the build log.
 */
public final class TestDatabase implements AutoCloseable {
    private final Connection connection;

    private TestDatabase(Connection connection) {
        this.connection = connection;
    }

    public static TestDatabase duckdb(File file) throws SQLException {
        return new TestDatabase(new org.duckdb.DuckDBDriver().connect("jdbc:duckdb:" + file.getAbsolutePath(),
                new Properties()));
    }

    /** The server the tests use: WAREHOUSE_TEST_PG_HOST/PORT, default 127.0.0.1:5432, user postgres. */
    public static TestDatabase postgres() throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", pgUser());
        return new TestDatabase(new org.postgresql.Driver().connect("jdbc:postgresql://" + pgHost() + ":" + pgPort()
                + "/" + pgDatabase(), props));
    }

    public static String pgHost() {
        return env("WAREHOUSE_TEST_PG_HOST", "127.0.0.1");
    }

    public static int pgPort() {
        return Integer.parseInt(env("WAREHOUSE_TEST_PG_PORT", "5432"));
    }

    public static String pgUser() {
        return env("WAREHOUSE_TEST_PG_USER", "postgres");
    }

    public static String pgDatabase() {
        return env("WAREHOUSE_TEST_PG_DATABASE", "postgres");
    }

    /** True where CI has said PostgreSQL must be there: tests then fail instead of skipping. */
    public static boolean postgresRequired() {
        return Boolean.parseBoolean(env("WAREHOUSE_PG_REQUIRED", "false"));
    }

    /** Whether PostgreSQL tests should run: the server answers, or it is required (and failing is right). */
    public static boolean postgresEnabled() {
        if (postgresRequired()) {
            return true;
        }
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(pgHost(), pgPort()), 1000);
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }

    public List<Map<String, Object>> rows(String sql) throws SQLException {
        List<Map<String, Object>> out = new ArrayList<>();
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            ResultSetMetaData md = rs.getMetaData();
            while (rs.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    row.put(md.getColumnLabel(i), rs.getObject(i));
                }
                out.add(row);
            }
        }
        return out;
    }

    /** The first column of the first row, or null. */
    public Object value(String sql) throws SQLException {
        List<Map<String, Object>> rows = rows(sql);
        return rows.isEmpty() ? null : rows.get(0).values().iterator().next();
    }

    public long count(String relation) throws SQLException {
        return ((Number) value("select count(*) from " + relation)).longValue();
    }

    /**
     * Relation name to "VIEW" or "BASE TABLE", from information_schema, for one schema: the project's
     * relations, without the plugin's own state tables (_warehouse_*), which {@link #stateTables} shows.
     */
    public Map<String, String> relations(String schema) throws SQLException {
        Map<String, String> out = new LinkedHashMap<>();
        try (var ps = connection.prepareStatement("select table_name, table_type from information_schema.tables"
                + " where table_schema = ? and table_name not like '\\_warehouse\\_%' escape '\\' order by table_name")) {
            ps.setString(1, schema);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        return out;
    }

    /** The plugin's state tables in a schema. */
    public java.util.List<String> stateTables(String schema) throws SQLException {
        java.util.List<String> out = new java.util.ArrayList<>();
        try (var ps = connection.prepareStatement("select table_name from information_schema.tables"
                + " where table_schema = ? and table_name like '\\_warehouse\\_%' escape '\\' order by 1")) {
            ps.setString(1, schema);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    /** Column name to data type, in column order. */
    public Map<String, String> columns(String schema, String table) throws SQLException {
        Map<String, String> out = new LinkedHashMap<>();
        try (var ps = connection.prepareStatement("select column_name, data_type from information_schema.columns"
                + " where table_schema = ? and table_name = ? order by ordinal_position")) {
            ps.setString(1, schema);
            ps.setString(2, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        return out;
    }

    public void execute(String sql) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute(sql);
        }
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
