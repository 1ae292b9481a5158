package org.sqlwarehouse.project;

import java.util.List;
import java.util.Map;

/**
 * Rows of a unit test: an input's mock rows or the expected rows. Dict and CSV rows are read into
 * maps of column to value (a CSV cell is a string, an empty one null, as in dbt); SQL rows are a
 * query that must return every column.
 *
 * @param format how the rows were written
 * @param rows   the rows, for dict and csv
 * @param sql    the query, for sql
 */
public record UnitTestRows(Format format, List<Map<String, Object>> rows, String sql) {
    /** dbt's fixture formats. */
    public enum Format {
        DICT, CSV, SQL;

        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public static UnitTestRows ofMaps(Format format, List<Map<String, Object>> rows) {
        return new UnitTestRows(format, List.copyOf(rows), null);
    }

    public static UnitTestRows ofSql(String sql) {
        return new UnitTestRows(Format.SQL, List.of(), sql);
    }

    public boolean isSql() {
        return format == Format.SQL;
    }
}
