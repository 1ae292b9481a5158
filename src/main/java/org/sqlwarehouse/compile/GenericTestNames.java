package org.sqlwarehouse.compile;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.sqlwarehouse.project.GenericTestSpec;

/** The names dbt gives generic tests attached in property files. */
final class GenericTestNames {
    private GenericTestNames() {
    }

    /**
     * dbt's generated test names: the test, the model (source_&lt;source&gt;_&lt;table&gt; for a source),
     * then every argument, column_name included, sorted by name, each value (or list or map of
     * values) cleaned to [0-9a-zA-Z_], joined by "__": not_null_orders_order_id,
     * relationships_orders_customer_id__id__ref_customers_.
     */
    static String of(GenericTestSpec spec) {
        if (spec.customName() != null && !spec.customName().isBlank()) {
            return spec.customName();
        }
        java.util.TreeMap<String, Object> args = new java.util.TreeMap<>(spec.arguments());
        if (spec.columnName() != null) {
            args.put("column_name", spec.columnName());
        }
        List<String> parts = new ArrayList<>();
        for (Object value : args.values()) {
            Iterable<?> values = value instanceof Map<?, ?> m ? m.values() : value instanceof List<?> l ? l : List.of(
                    value == null ? "None" : value);
            for (Object part : values) {
                parts.add(pythonStr(part).replaceAll("[^0-9a-zA-Z_]+", "_"));
            }
        }
        boolean source = "source".equals(spec.targetKind());
        String target = spec.targetName().replace('.', '_');
        // a package's test, dbt_utils.expression_is_true, is named dbt_utils_expression_is_true_...
        String test = spec.testName().replace('.', '_');
        return (source ? "source_" : "") + test + "_" + target + "_" + String.join("__", parts);
    }

    /** Python's str() of a YAML value, as dbt builds names from it. */
    private static String pythonStr(Object value) {
        if (value instanceof Boolean b) {
            return b ? "True" : "False";
        }
        return value == null ? "None" : String.valueOf(value);
    }

    /** A short suffix that tells apart two tests of the same generated name. */
    static String shortHash(String text) {
        return String.format("%08x", text.hashCode());
    }

}
