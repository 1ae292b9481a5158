package org.sqlwarehouse.unittest;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.sqlwarehouse.dialect.Dialect;

/**
 * Mock rows as a query, as dbt's get_fixture_sql writes it: one {@code select} of cast literals
 * per row, joined with {@code union all}; a column a row leaves out is a typed null.
 */
final class FixtureSql {
    private FixtureSql() {
    }

    /**
     * @param columns what the input has, in order: every row gets each of them
     * @param rows    the mock rows; a column must be one of columns (ignoring case)
     * @param what    the input, for the error naming a column it does not have
     */
    static String of(List<TypedColumn> columns, List<Map<String, Object>> rows, Dialect dialect, String what)
            throws SetupFailure {
        Map<String, TypedColumn> byName = new LinkedHashMap<>();
        for (TypedColumn column : columns) {
            byName.putIfAbsent(column.name().toLowerCase(Locale.ROOT), column);
        }
        for (Map<String, Object> row : rows) {
            for (String column : row.keySet()) {
                if (!byName.containsKey(column.toLowerCase(Locale.ROOT))) {
                    throw new SetupFailure("Invalid column name: '" + column + "' in unit test fixture for " + what
                            + ". Accepted columns for " + what + " are: " + columns.stream().map(TypedColumn::name)
                                    .toList());
                }
            }
        }
        if (rows.isEmpty()) {
            return select(columns, Map.of(), dialect) + " where 1 = 0";
        }
        List<String> selects = new ArrayList<>();
        for (Map<String, Object> row : rows) {
            selects.add(select(columns, row, dialect));
        }
        return String.join("\nunion all\n", selects);
    }

    private static String select(List<TypedColumn> columns, Map<String, Object> row, Dialect dialect) {
        StringBuilder sql = new StringBuilder("select ");
        for (int i = 0; i < columns.size(); i++) {
            TypedColumn column = columns.get(i);
            if (i > 0) {
                sql.append(", ");
            }
            Object value = SeedRows.valueIgnoringCase(row, column.name());
            sql.append(cast(value, column.type())).append(" as ").append(dialect.quote(column.name()));
        }
        return sql.toString();
    }

    /** A value cast to the column's type; a string's varchar keeps no length, so nothing is cut (dbt GH-11974). */
    static String cast(Object value, String type) {
        String castTo = type;
        if (value instanceof String && (type.toLowerCase(Locale.ROOT).contains("varying")
                || type.toLowerCase(Locale.ROOT).startsWith("varchar"))) {
            castTo = type.replaceFirst("\\s*\\(.*\\)\\s*$", "");
        }
        return "cast(" + literal(value) + " as " + castTo + ")";
    }

    static String literal(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof Boolean b) {
            return b ? "true" : "false";
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof BigInteger) {
            return value.toString();
        }
        if (value instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (Double.isFinite(d)) {
                return BigDecimal.valueOf(d).toPlainString();
            }
        }
        return "'" + String.valueOf(value).replace("'", "''") + "'";
    }
}
