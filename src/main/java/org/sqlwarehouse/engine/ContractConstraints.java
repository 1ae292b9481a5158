package org.sqlwarehouse.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.sqlwarehouse.dialect.Dialect;

/**
 * The constraints of a contracted table as dbt writes them into its create statement: a column's
 * inline (not null, unique, primary key, check, references), the model's after the columns. One the
 * database does not enforce is left out with a warning, as dbt warns of it.
 */
final class ContractConstraints {
    private final Dialect dialect;
    private final Consumer<String> warn;
    private final String model;

    ContractConstraints(Dialect dialect, Consumer<String> warn, String model) {
        this.dialect = dialect;
        this.warn = warn;
        this.model = model;
    }

    /** A column's constraints, each rendered inline after its type. */
    List<String> column(String column, List<Map<String, Object>> constraints) {
        List<String> out = new ArrayList<>();
        for (Map<String, Object> constraint : constraints) {
            String type = type(constraint);
            if (!applied(type, "column " + column)) {
                continue;
            }
            String named = named(constraint);
            switch (type) {
                case "not_null" -> out.add("not null");
                case "unique" -> out.add(named + "unique");
                case "primary_key" -> out.add(named + "primary key");
                case "check" -> out.add(named + "check (" + expression(constraint, column) + ")");
                case "foreign_key" -> out.add(named + "references " + referenced(constraint, column));
                case "custom" -> out.add(expression(constraint, column));
                default -> warn.accept(unknown(type, "column " + column));
            }
        }
        return out;
    }

    /** The model's constraints, each a table constraint after the columns. */
    /** @param columnName the name the model's query gives a declared column */
    List<String> model(List<Map<String, Object>> constraints, java.util.function.UnaryOperator<String> columnName) {
        List<String> out = new ArrayList<>();
        for (Map<String, Object> constraint : constraints) {
            String type = type(constraint);
            if ("not_null".equals(type)) {
                // as dbt: not null is a column's constraint only
                warn.accept("The not_null constraint of model " + model + " is left out: declare it on the column.");
                continue;
            }
            if (!applied(type, "the model")) {
                continue;
            }
            String named = named(constraint);
            String columns = columns(constraint, columnName);
            switch (type) {
                case "unique" -> out.add(named + "unique (" + columns + ")");
                case "primary_key" -> out.add(named + "primary key (" + columns + ")");
                case "check" -> out.add(named + "check (" + expression(constraint, "the model") + ")");
                case "foreign_key" -> out.add(named + "foreign key (" + columns + ") references "
                        + referenced(constraint, "the model"));
                case "custom" -> out.add(expression(constraint, "the model"));
                default -> warn.accept(unknown(type, "the model"));
            }
        }
        return out;
    }

    private static String type(Map<String, Object> constraint) {
        return String.valueOf(constraint.get("type")).strip().toLowerCase(Locale.ROOT);
    }

    private boolean applied(String type, String where) {
        if ("custom".equals(type) || dialect.enforcedConstraints().contains(type) || !isKnown(type)) {
            return true;
        }
        warn.accept("The " + type + " constraint on " + where + " of model " + model + " is not enforced by "
                + dialect.type() + ": it is left out of the table.");
        return false;
    }

    private static boolean isKnown(String type) {
        return List.of("not_null", "unique", "primary_key", "check", "foreign_key").contains(type);
    }

    private String unknown(String type, String where) {
        return "The constraint type '" + type + "' on " + where + " of model " + model + " is not one dbt knows "
                + "(not_null, unique, primary_key, check, foreign_key, custom): it is left out.";
    }

    private String named(Map<String, Object> constraint) {
        Object name = constraint.get("name");
        return name == null ? "" : "constraint " + dialect.quote(String.valueOf(name)) + " ";
    }

    private String expression(Map<String, Object> constraint, String where) {
        Object expression = constraint.get("expression");
        if (expression == null || String.valueOf(expression).isBlank()) {
            throw new IllegalArgumentException("The " + type(constraint) + " constraint on " + where + " of model "
                    + model + " needs an expression.");
        }
        return String.valueOf(expression);
    }

    /** A foreign key's target: {@code to} and {@code to_columns}, or an expression such as {@code parent (id)}. */
    private String referenced(Map<String, Object> constraint, String where) {
        Object to = constraint.get("to");
        if (to == null) {
            return expression(constraint, where);
        }
        Object toColumns = constraint.get("to_columns");
        List<String> quoted = new ArrayList<>();
        if (toColumns instanceof List<?> list) {
            list.forEach(c -> quoted.add(dialect.quote(String.valueOf(c))));
        }
        return to + (quoted.isEmpty() ? "" : " (" + String.join(", ", quoted) + ")");
    }

    /** The constraint's columns, each by the name the model's query gives it. */
    private String columns(Map<String, Object> constraint, java.util.function.UnaryOperator<String> columnName) {
        List<String> quoted = new ArrayList<>();
        if (constraint.get("columns") instanceof List<?> list) {
            list.forEach(c -> quoted.add(dialect.quote(columnName.apply(String.valueOf(c)))));
        }
        if (quoted.isEmpty()) {
            throw new IllegalArgumentException("The " + type(constraint) + " constraint of model " + model
                    + " needs its columns: columns: [a, b].");
        }
        return String.join(", ", quoted);
    }
}
