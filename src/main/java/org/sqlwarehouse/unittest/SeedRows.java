package org.sqlwarehouse.unittest;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sqlwarehouse.WarehouseException;
import org.sqlwarehouse.dialect.Dialect;
import org.sqlwarehouse.project.SeedSource;
import org.sqlwarehouse.seed.CsvReader;
import org.sqlwarehouse.seed.CsvTable;
import org.sqlwarehouse.seed.SeedColumn;
import org.sqlwarehouse.seed.SeedColumnTypes;
import org.sqlwarehouse.seed.SeedFormatException;
import org.sqlwarehouse.seed.SeedTypeInference;

/**
 * A seed as a unit test reads it without loading it: its CSV's columns with the types a build
 * would give them, and its rows (an empty cell null, as a build loads it).
 */
final class SeedRows {
    private final CsvTable table;
    private final List<TypedColumn> columns;

    private SeedRows(CsvTable table, List<TypedColumn> columns) {
        this.table = table;
        this.columns = columns;
    }

    static SeedRows read(SeedSource seed, Dialect dialect) throws SetupFailure {
        try {
            return of(CsvReader.read(seed.file(), seed.relativePath()), SeedColumnTypes.columnTypes(seed.config()),
                    dialect);
        } catch (IOException | SeedFormatException | WarehouseException | IllegalArgumentException e) {
            throw new SetupFailure("seed " + seed.relativePath() + " cannot be read: " + e.getMessage());
        }
    }

    /** Columns typed as a seed of these rows would be: for mock rows whose input has no known columns. */
    static List<TypedColumn> typesOf(List<Map<String, Object>> rows, Dialect dialect) {
        List<String> header = new ArrayList<>();
        Map<String, Boolean> seen = new LinkedHashMap<>();
        for (Map<String, Object> row : rows) {
            for (String column : row.keySet()) {
                if (seen.putIfAbsent(column.toLowerCase(java.util.Locale.ROOT), true) == null) {
                    header.add(column);
                }
            }
        }
        List<String[]> cells = new ArrayList<>();
        for (Map<String, Object> row : rows) {
            String[] line = new String[header.size()];
            for (int i = 0; i < header.size(); i++) {
                Object value = valueIgnoringCase(row, header.get(i));
                line[i] = value == null ? null : String.valueOf(value);
            }
            cells.add(line);
        }
        return of(new CsvTable("rows", header, cells), Map.of(), dialect).columns;
    }

    private static SeedRows of(CsvTable table, Map<String, String> columnTypes, Dialect dialect) {
        List<SeedColumn> inferred = SeedTypeInference.infer(table, columnTypes);
        int[] scales = SeedColumnTypes.decimalScales(table, inferred);
        List<TypedColumn> columns = new ArrayList<>();
        for (int i = 0; i < inferred.size(); i++) {
            columns.add(new TypedColumn(inferred.get(i).name(), dialect.columnType(inferred.get(i), scales[i])));
        }
        return new SeedRows(table, columns);
    }

    static Object valueIgnoringCase(Map<String, Object> row, String column) {
        for (Map.Entry<String, Object> e : row.entrySet()) {
            if (e.getKey().equalsIgnoreCase(column)) {
                return e.getValue();
            }
        }
        return null;
    }

    List<TypedColumn> columns() {
        return columns;
    }

    List<Map<String, Object>> rows() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (String[] row : table.rows()) {
            Map<String, Object> values = new LinkedHashMap<>();
            for (int i = 0; i < table.header().size(); i++) {
                String cell = i < row.length ? row[i] : null;
                values.put(table.header().get(i), cell == null || cell.isEmpty() ? null : cell);
            }
            out.add(values);
        }
        return out;
    }
}
