package org.sqlwarehouse.engine;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.sqlwarehouse.compile.CompiledNode;
import org.sqlwarehouse.compile.Relation;
import org.sqlwarehouse.dialect.Dialect;
import org.sqlwarehouse.dialect.RelationKind;

/**
 * How a data test is judged, as dbt judges it: its query's rows are summed up by {@code fail_calc}
 * (default {@code count(*)}), and the sum is compared with {@code warn_if} and {@code error_if}
 * (default {@code != 0}); {@code limit} caps the rows looked at; {@code severity: warn} never fails.
 */
final class DataTestQuery {
    /** What a run of the test found. */
    record Outcome(long failures, boolean shouldWarn, boolean shouldError) {
    }

    private DataTestQuery() {
    }

    /** The query that judges the test's compiled SQL with its config. */
    static String sql(CompiledNode test) {
        Map<String, Object> config = test.config();
        String failCalc = text(config.get("fail_calc"), "count(*)");
        String warnIf = text(config.get("warn_if"), "!= 0");
        String errorIf = text(config.get("error_if"), "!= 0");
        Object limit = config.get("limit");
        String limited = limit == null ? "" : "\nlimit " + Long.parseLong(String.valueOf(limit).strip());
        return "select\n  " + failCalc + " as failures,\n  case when " + failCalc + " " + warnIf
                + " then 1 else 0 end as should_warn,\n  case when " + failCalc + " " + errorIf
                + " then 1 else 0 end as should_error\nfrom (\n" + test.compiledSql() + limited
                + "\n) dbt_internal_test";
    }

    static Outcome run(Connection c, CompiledNode test) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql(test))) {
            rs.next();
            // a sum over no rows is null: nothing failed
            Object failures = rs.getObject(1);
            long count = failures == null ? 0 : new java.math.BigDecimal(String.valueOf(failures)).longValue();
            return new Outcome(count, rs.getInt(2) == 1, rs.getInt(3) == 1);
        }
    }

    /**
     * store_failures: the test's failing rows (as many as its limit lets through) replace what its
     * audit table held, so that they can be looked at after the build.
     */
    static void storeFailures(Connection c, Dialect dialect, CompiledNode test) throws SQLException {
        Relation audit = test.storeFailuresIn();
        dialect.createSchemaIfMissing(c, audit.getSchema());
        Optional<RelationKind> existing = dialect.relationKind(c, audit.getSchema(), audit.getIdentifier());
        try (Statement s = c.createStatement()) {
            if (existing.isPresent()) {
                s.execute(dialect.dropSql(existing.get(), audit.getSchema(), audit.getIdentifier(), true));
            }
            Object limit = test.config().get("limit");
            s.execute(dialect.createTableAsSql(audit.getSchema(), audit.getIdentifier(), "select * from (\n"
                    + test.compiledSql() + "\n) dbt_internal_test"
                    + (limit == null ? "" : "\nlimit " + Long.parseLong(String.valueOf(limit).strip()))));
        }
    }

    /** severity: warn (any case) makes a failing test a warning. */
    static boolean warnOnly(CompiledNode test) {
        return "warn".equals(String.valueOf(test.config().getOrDefault("severity", "error")).strip()
                .toLowerCase(Locale.ROOT));
    }

    private static String text(Object value, String fallback) {
        return value == null || String.valueOf(value).isBlank() ? fallback : String.valueOf(value).strip();
    }
}
