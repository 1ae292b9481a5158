package org.sqlwarehouse.unittest;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The columns a query returns, and their types as the database names them, learned by running it
 * with a filter that keeps no row: nothing is created, nothing read beyond the plan.
 */
final class QueryColumns {
    private QueryColumns() {
    }

    static List<TypedColumn> of(Connection connection, String sql) throws SQLException {
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("select * from (\n" + withoutTrailingSemicolon(sql)
                        + "\n) dbt_internal_unit_test_columns where 1 = 0")) {
            ResultSetMetaData meta = rs.getMetaData();
            List<TypedColumn> columns = new ArrayList<>();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                columns.add(new TypedColumn(meta.getColumnLabel(i), typeOf(meta, i)));
            }
            return columns;
        }
    }

    /** numeric keeps its precision and scale, so that a mock 4.50 stays 4.50. */
    private static String typeOf(ResultSetMetaData meta, int column) throws SQLException {
        String type = meta.getColumnTypeName(column);
        String lower = type.toLowerCase(Locale.ROOT);
        if ((lower.equals("numeric") || lower.equals("decimal")) && !type.contains("(")) {
            int precision = meta.getPrecision(column);
            int scale = meta.getScale(column);
            if (precision > 0 && precision <= 1000 && scale >= 0 && scale <= precision) {
                return type + "(" + precision + "," + scale + ")";
            }
        }
        return type;
    }

    static String withoutTrailingSemicolon(String sql) {
        String stripped = sql.strip();
        while (stripped.endsWith(";")) {
            stripped = stripped.substring(0, stripped.length() - 1).stripTrailing();
        }
        return stripped;
    }
}
