package org.sqlwarehouse.project;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * What a property file says about a model, seed, snapshot or source table besides its config: its
 * description, its columns (in declared order) and its model-level constraints.
 *
 * @param description the description as written (it may call doc()), or once rendered; "" when none
 * @param columns     the declared columns, in the order the file lists them
 * @param constraints the model-level {@code constraints:} entries (primary keys over several
 *                    columns, checks, ...), as written
 */
public record NodeProperties(String description, List<ColumnProperties> columns,
        List<Map<String, Object>> constraints) {

    public static final NodeProperties NONE = new NodeProperties("", List.of(), List.of());

    /** The same properties with every description passed through render (doc() resolved). */
    public NodeProperties rendered(UnaryOperator<String> render) {
        List<ColumnProperties> out = new ArrayList<>();
        for (ColumnProperties column : columns) {
            out.add(column.withDescription(render.apply(column.description())));
        }
        return new NodeProperties(render.apply(description), List.copyOf(out), constraints);
    }

    /** The declared column by name, ignoring case as the databases do for unquoted names; null if none. */
    public ColumnProperties column(String name) {
        for (ColumnProperties column : columns) {
            if (column.name().equalsIgnoreCase(name)) {
                return column;
            }
        }
        return null;
    }
}
