package org.sqlwarehouse.maven;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.maven.api.plugin.testing.MojoExtension;
import org.apache.maven.plugin.logging.Log;
import org.sqlwarehouse.WarehouseException;
import org.sqlwarehouse.workflow.Warehouse;

/** Helpers shared by the Mojo tests: a tiny dbt project on disk, a recording log, JDBC reads of DuckDB. */
final class MojoTestSupport {
    /** Test POMs, relative to the module's basedir (where surefire runs). */
    static final String PARAMS_POM = "src/test/resources/mojo/params/pom.xml";
    static final String MINIMAL_POM = "src/test/resources/mojo/minimal/pom.xml";
    static final String DUCKDB_POM = "src/test/resources/mojo/duckdb/pom.xml";
    static final String PROTECTION_POM = "src/test/resources/mojo/protection/pom.xml";

    private MojoTestSupport() {
    }

    /**
     * A seed and two models: stg_orders (a view over the seed, filtered by the var min_amount,
     * default 0) and customer_totals (a table over stg_orders). 4 orders of 3 customers.
     */
    static Path writeTinyProject(Path dir) throws IOException {
        write(dir.resolve("seeds/orders.csv"), """
                order_id,customer_id,amount
                1,10,25.00
                2,10,5.50
                3,20,99.99
                4,30,12.00
                """);
        write(dir.resolve("models/stg_orders.sql"), """
                select order_id, customer_id, amount
                from {{ ref('orders') }}
                where amount >= {{ var('min_amount', 0) }}
                """);
        write(dir.resolve("models/customer_totals.sql"), """
                {{ config(materialized='table') }}
                select customer_id, count(*) as order_count, sum(amount) as total_amount
                from {{ ref('stg_orders') }}
                group by customer_id
                """);
        return dir;
    }

    static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    /** Points a Mojo at a project and an output directory, as -Dwarehouse.projectDirectory/outputDirectory would. */
    static void pointAt(AbstractWarehouseMojo mojo, Path projectDirectory, Path outputDirectory)
            throws IllegalAccessException {
        MojoExtension.setVariableValueToObject(mojo, "projectDirectory", projectDirectory.toFile());
        MojoExtension.setVariableValueToObject(mojo, "outputDirectory", outputDirectory.toFile());
    }

    /** The name of the target the Mojo's request selects: what the goal would run against. */
    static String selectedTarget(AbstractWarehouseMojo mojo) throws WarehouseException {
        return new Warehouse(mojo.request()).select().target().name();
    }

    /** table_name -> table_type ('BASE TABLE' or 'VIEW') of every relation in a schema of a DuckDB file. */
    /** The project's relations in a schema: not the plugin's own state tables, nor staged candidates. */
    static Map<String, String> relationKinds(Path duckdbFile, String schema) throws SQLException {
        Map<String, String> kinds = new TreeMap<>();
        allRelationKinds(duckdbFile, schema).forEach((name, kind) -> {
            if (!name.startsWith("_warehouse_") && !name.endsWith("__wh_cand")) {
                kinds.put(name, kind);
            }
        });
        return kinds;
    }

    /** Every relation in a schema, state tables and candidates included. */
    static Map<String, String> allRelationKinds(Path duckdbFile, String schema) throws SQLException {
        Map<String, String> kinds = new TreeMap<>();
        try (Connection c = openDuckDb(duckdbFile);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select table_name, table_type from information_schema.tables "
                        + "where table_schema = '" + schema + "'")) {
            while (rs.next()) {
                kinds.put(rs.getString(1), rs.getString(2));
            }
        }
        return kinds;
    }

    /** The first column of every row of a query on a DuckDB file. */
    static List<Object> column(Path duckdbFile, String sql) throws SQLException {
        List<Object> values = new ArrayList<>();
        try (Connection c = openDuckDb(duckdbFile); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getObject(1));
            }
        }
        return values;
    }

    static long count(Path duckdbFile, String relation) throws SQLException {
        return ((Number) column(duckdbFile, "select count(*) from " + relation).get(0)).longValue();
    }

    private static Connection openDuckDb(Path file) throws SQLException {
        return new org.duckdb.DuckDBDriver().connect("jdbc:duckdb:" + file.toAbsolutePath(), new Properties());
    }

    /** A Maven log that keeps what was written, to assert on it. */
    static final class RecordingLog implements Log {
        final List<String> lines = new ArrayList<>();

        private void add(String level, CharSequence content, Throwable error) {
            lines.add(level + " " + (content == null ? "" : content) + (error == null ? "" : " " + error));
        }

        String text() {
            return String.join("\n", lines);
        }

        @Override public boolean isDebugEnabled() { return true; }
        @Override public void debug(CharSequence content) { add("[DEBUG]", content, null); }
        @Override public void debug(CharSequence content, Throwable error) { add("[DEBUG]", content, error); }
        @Override public void debug(Throwable error) { add("[DEBUG]", null, error); }
        @Override public boolean isInfoEnabled() { return true; }
        @Override public void info(CharSequence content) { add("[INFO]", content, null); }
        @Override public void info(CharSequence content, Throwable error) { add("[INFO]", content, error); }
        @Override public void info(Throwable error) { add("[INFO]", null, error); }
        @Override public boolean isWarnEnabled() { return true; }
        @Override public void warn(CharSequence content) { add("[WARNING]", content, null); }
        @Override public void warn(CharSequence content, Throwable error) { add("[WARNING]", content, error); }
        @Override public void warn(Throwable error) { add("[WARNING]", null, error); }
        @Override public boolean isErrorEnabled() { return true; }
        @Override public void error(CharSequence content) { add("[ERROR]", content, null); }
        @Override public void error(CharSequence content, Throwable error) { add("[ERROR]", content, error); }
        @Override public void error(Throwable error) { add("[ERROR]", null, error); }
    }
}
