package org.sqlwarehouse.engine;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.function.Consumer;
import org.sqlwarehouse.WarehouseException;
import org.sqlwarehouse.compile.CompiledNode;
import org.sqlwarehouse.dialect.Dialect;
import org.sqlwarehouse.project.ColumnProperties;
import org.sqlwarehouse.project.Materialization;
import org.sqlwarehouse.project.NodeProperties;

/**
 * dbt's model contract (contract: {enforced: true}): before anything is created, the model's query
 * must return exactly the declared columns with the declared data types, names compared without
 * case and order, types as the database names them (both asked of the database, so that int and
 * integer are one type). A table is then created with the declared columns, in declared order, and
 * their constraints; a view is only checked, as in dbt.
 */
final class ModelContract {
    private ModelContract() {
    }

    /** A declared column, by the name the model's query gives it, with its declared type and constraints. */
    record Column(String name, String dataType, List<Map<String, Object>> constraints) {
    }

    /** What a contracted table is created with. */
    record Table(List<Column> columns, List<Map<String, Object>> constraints) {
    }

    /** Whether the node's contract is enforced: a view, table or incremental model with enforced: true. */
    static boolean enforced(CompiledNode node) {
        Materialization m = node.materialization();
        boolean model = m == Materialization.VIEW || m == Materialization.TABLE || m == Materialization.INCREMENTAL;
        return model && node.config().get("contract") instanceof Map<?, ?> contract
                && Boolean.parseBoolean(String.valueOf(contract.get("enforced")));
    }

    /**
     * Checks the query against the declared columns; a mismatch fails with dbt's table of what is
     * missing on either side and which types differ.
     */
    static Table check(Connection c, Dialect dialect, CompiledNode node, String selectSql)
            throws SQLException, WarehouseException {
        NodeProperties declared = node.properties();
        if (declared.columns().isEmpty()) {
            throw new WarehouseException("Model " + node.name() + " has an enforced contract but declares no columns.",
                    "List its columns with their data_type under columns: in its property file.");
        }
        List<String> untyped = declared.columns().stream().filter(col -> col.dataType() == null
                || col.dataType().isBlank()).map(ColumnProperties::name).toList();
        if (!untyped.isEmpty()) {
            throw new WarehouseException("Contracted models require data_type to be defined for each column: model "
                    + node.name() + " has none for " + untyped + ".",
                    "Give each of its columns a data_type in its property file.");
        }
        Map<String, String> actual = types(c, "select * from (\n" + withoutSemicolon(selectSql)
                + "\n) as model_subq limit 0");
        Map<String, String> contract = declaredTypes(c, dialect, node);
        List<String[]> mismatches = new ArrayList<>();
        for (Map.Entry<String, String> column : contract.entrySet()) {
            String found = key(actual, column.getKey());
            if (found == null) {
                mismatches.add(new String[] {column.getKey(), "", column.getValue(), "missing in definition"});
            } else if (!withoutSize(actual.get(found)).equals(withoutSize(column.getValue()))) {
                mismatches.add(new String[] {column.getKey(), actual.get(found), column.getValue(),
                        "data type mismatch"});
            }
        }
        for (Map.Entry<String, String> column : actual.entrySet()) {
            if (key(contract, column.getKey()) == null) {
                mismatches.add(new String[] {column.getKey(), column.getValue(), "", "missing in contract"});
            }
        }
        if (!mismatches.isEmpty()) {
            throw new WarehouseException("This model (" + node.name() + ") has an enforced contract that failed.\n"
                    + "Please ensure the name, data_type, and number of columns in your contract match the columns "
                    + "in your model's definition.\n\n" + table(mismatches),
                    "Change the model's select or the columns declared in its property file so that they agree.");
        }
        List<Column> columns = new ArrayList<>();
        for (ColumnProperties column : declared.columns()) {
            columns.add(new Column(key(actual, column.name()), aliased(column.dataType(), node), column.constraints()));
        }
        return new Table(List.copyOf(columns), declared.constraints());
    }

    /**
     * The create statements of a contracted table: the declared columns with their types and the
     * constraints the database enforces, then the model's rows inserted by column name.
     */
    static List<String> createTable(Dialect dialect, Table table, String schema, String name, String selectSql,
            String model, Consumer<String> warn) {
        ContractConstraints constraints = new ContractConstraints(dialect, warn, model);
        StringJoiner definition = new StringJoiner(",\n    ", "(\n    ", "\n)");
        StringJoiner names = new StringJoiner(", ");
        for (Column column : table.columns()) {
            StringBuilder line = new StringBuilder(dialect.quote(column.name())).append(' ').append(column.dataType());
            for (String constraint : constraints.column(column.name(), column.constraints())) {
                line.append(' ').append(constraint);
            }
            definition.add(line);
            names.add(dialect.quote(column.name()));
        }
        for (String constraint : constraints.model(table.constraints(), declared -> {
            Column column = table.columns().stream().filter(c -> c.name().equalsIgnoreCase(declared)).findFirst()
                    .orElse(null);
            return column == null ? declared : column.name();
        })) {
            definition.add(constraint);
        }
        String qualified = dialect.qualified(schema, name);
        return List.of("create table " + qualified + " " + definition,
                "insert into " + qualified + " (" + names + ")\nselect " + names + " from (\n"
                        + withoutSemicolon(selectSql) + "\n) as model_subq");
    }

    /** The declared types as the database names them: those of a select of typed nulls. */
    private static Map<String, String> declaredTypes(Connection c, Dialect dialect, CompiledNode node)
            throws WarehouseException {
        StringJoiner select = new StringJoiner(", ", "select ", "");
        for (ColumnProperties column : node.properties().columns()) {
            select.add("cast(null as " + aliased(column.dataType(), node) + ") as " + dialect.quote(column.name()));
        }
        try {
            return types(c, select.toString());
        } catch (SQLException e) {
            throw new WarehouseException("The data types declared in the contract of model " + node.name()
                    + " are not all types " + dialect.type() + " knows: " + SqlFailures.describe(e), null, e);
        }
    }

    private static Map<String, String> types(Connection c, String sql) throws SQLException {
        Map<String, String> out = new LinkedHashMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            ResultSetMetaData meta = rs.getMetaData();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                out.put(meta.getColumnLabel(i), meta.getColumnTypeName(i).toLowerCase(Locale.ROOT));
            }
        }
        return out;
    }

    /** As dbt: size, precision and scale are not part of the contract (numeric(10,2) is numeric). */
    private static String withoutSize(String type) {
        int paren = type.indexOf('(');
        return (paren < 0 ? type : type.substring(0, paren)).strip();
    }

    /**
     * The type a declared data_type stands for: as dbt aliases types (alias_types, on by default),
     * string is text; any other name is passed on as written.
     */
    static String aliased(String dataType, CompiledNode node) {
        boolean alias = !(node.config().get("contract") instanceof Map<?, ?> contract)
                || !"false".equalsIgnoreCase(String.valueOf(contract.get("alias_types")));
        return alias && "string".equalsIgnoreCase(dataType.strip()) ? "text" : dataType;
    }

    private static String key(Map<String, String> columns, String name) {
        for (String column : columns.keySet()) {
            if (column.equalsIgnoreCase(name)) {
                return column;
            }
        }
        return null;
    }

    private static String withoutSemicolon(String sql) {
        String out = sql.strip();
        while (out.endsWith(";")) {
            out = out.substring(0, out.length() - 1).strip();
        }
        return out;
    }

    /** dbt's table of mismatches: column_name | definition_type | contract_type | mismatch_reason. */
    private static String table(List<String[]> rows) {
        List<String[]> all = new ArrayList<>();
        all.add(new String[] {"column_name", "definition_type", "contract_type", "mismatch_reason"});
        all.addAll(rows);
        int[] widths = new int[4];
        for (String[] row : all) {
            for (int i = 0; i < 4; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (int r = 0; r < all.size(); r++) {
            out.append(line(all.get(r), widths));
            if (r == 0) {
                String[] rule = new String[4];
                for (int i = 0; i < 4; i++) {
                    rule[i] = "-".repeat(widths[i]);
                }
                out.append(line(rule, widths));
            }
        }
        return out.toString().stripTrailing();
    }

    private static String line(String[] row, int[] widths) {
        StringBuilder out = new StringBuilder("|");
        for (int i = 0; i < 4; i++) {
            out.append(' ').append(String.format(Locale.ROOT, "%-" + widths[i] + "s", row[i])).append(" |");
        }
        return out.append('\n').toString();
    }
}
