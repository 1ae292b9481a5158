package org.sqlwarehouse.seed;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sqlwarehouse.WarehouseException;

/** What a seed's columns are typed by besides their values: its column_types config, and decimal scales. */
public final class SeedColumnTypes {
    private SeedColumnTypes() {
    }

    /** A seed's column_types config, column name to SQL type. */
    public static Map<String, String> columnTypes(Map<String, Object> config) throws WarehouseException {
        Object value = config.get("column_types");
        Map<String, String> out = new LinkedHashMap<>();
        if (value == null) {
            return out;
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw new WarehouseException("column_types must map column names to SQL types, e.g. {id: bigint}.");
        }
        map.forEach((k, v) -> out.put(String.valueOf(k), String.valueOf(v)));
        return out;
    }

    /** For each inferred decimal column, the most digits any value has after its point (0 for the rest). */
    public static int[] decimalScales(CsvTable table, List<SeedColumn> columns) {
        int[] scales = new int[columns.size()];
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).type() != ColumnType.DECIMAL || columns.get(i).declaredType() != null) {
                continue;
            }
            int max = 0;
            for (String[] row : table.rows()) {
                String cell = row[i];
                if (cell != null) {
                    int dot = cell.indexOf('.');
                    if (dot >= 0) {
                        max = Math.max(max, cell.length() - dot - 1);
                    }
                }
            }
            scales[i] = max;
        }
        return scales;
    }
}
