package org.sqlwarehouse.unittest;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The rows a model returned against the rows a unit test expects, compared as dbt compares them:
 * as multisets (order does not matter, repeats do), value by value as the database returned them.
 */
final class RowComparison {
    private final List<String> columns;
    private final Map<List<String>, int[]> counts = new LinkedHashMap<>();

    RowComparison(List<String> columns) {
        this.columns = List.copyOf(columns);
    }

    void actual(List<Object> row) {
        counts.computeIfAbsent(normalized(row), k -> new int[2])[0]++;
    }

    void expected(List<Object> row) {
        counts.computeIfAbsent(normalized(row), k -> new int[2])[1]++;
    }

    boolean matches() {
        return counts.values().stream().allMatch(c -> c[0] == c[1]);
    }

    /**
     * The rows as a table: each row once for each time both sides have it, then with {@code -} each
     * expected row the model did not return, with {@code +} each row it returned that was not expected.
     */
    String diff() {
        List<List<String>> lines = new ArrayList<>();
        List<String> marks = new ArrayList<>();
        lines.add(columns);
        marks.add(" ");
        counts.forEach((row, c) -> {
            for (int i = 0; i < Math.min(c[0], c[1]); i++) {
                lines.add(row);
                marks.add(" ");
            }
            for (int i = c[0]; i < c[1]; i++) {
                lines.add(row);
                marks.add("-");
            }
            for (int i = c[1]; i < c[0]; i++) {
                lines.add(row);
                marks.add("+");
            }
        });
        int[] widths = new int[columns.size()];
        for (List<String> line : lines) {
            for (int i = 0; i < widths.length; i++) {
                widths[i] = Math.max(widths[i], shown(line.get(i)).length());
            }
        }
        StringBuilder out = new StringBuilder("actual differs from expected (- expected, not returned; + returned,"
                + " not expected):\n");
        for (int l = 0; l < lines.size(); l++) {
            StringBuilder line = new StringBuilder(marks.get(l)).append(' ');
            for (int i = 0; i < widths.length; i++) {
                if (i > 0) {
                    line.append(" | ");
                }
                String cell = shown(lines.get(l).get(i));
                line.append(cell).append(" ".repeat(widths[i] - cell.length()));
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        return out.toString().stripTrailing();
    }

    private static String shown(String value) {
        return value == null ? "null" : value;
    }

    /** Numbers by value, so that 8.50 and 8.5 are one; everything else as the driver prints it. */
    private static List<String> normalized(List<Object> row) {
        List<String> out = new ArrayList<>(row.size());
        for (Object value : row) {
            if (value == null) {
                out.add(null);
            } else if (value instanceof BigDecimal d) {
                out.add(plain(d));
            } else if (value instanceof Double || value instanceof Float) {
                double d = ((Number) value).doubleValue();
                out.add(Double.isFinite(d) ? plain(BigDecimal.valueOf(d)) : String.valueOf(d));
            } else {
                out.add(Objects.toString(value));
            }
        }
        return out;
    }

    private static String plain(BigDecimal d) {
        return d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString();
    }
}
