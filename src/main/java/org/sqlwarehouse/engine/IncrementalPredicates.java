package org.sqlwarehouse.engine;

import java.util.ArrayList;
import java.util.List;
import org.sqlwarehouse.compile.CompiledNode;

/**
 * dbt's incremental_predicates config: SQL conditions that limit which rows of the target an
 * increment touches, added to the merge's match and to delete+insert's delete. They name the target
 * {@code DBT_INTERNAL_DEST} and the new rows {@code DBT_INTERNAL_SOURCE}, as dbt's statements do.
 *
 * @param conditions each as written in the config
 */
record IncrementalPredicates(List<String> conditions) {
    static IncrementalPredicates of(CompiledNode node) {
        Object configured = node.config().get("incremental_predicates");
        List<String> conditions = new ArrayList<>();
        if (configured instanceof List<?> list) {
            for (Object condition : list) {
                if (condition != null && !String.valueOf(condition).isBlank()) {
                    conditions.add(String.valueOf(condition).strip());
                }
            }
        } else if (configured != null && !String.valueOf(configured).isBlank()) {
            conditions.add(String.valueOf(configured).strip());
        }
        return new IncrementalPredicates(List.copyOf(conditions));
    }

    /** " and (p1) and (p2)" to follow a where clause, or "" when there are none. */
    String andClause() {
        StringBuilder out = new StringBuilder();
        for (String condition : conditions) {
            out.append(" and (").append(condition).append(')');
        }
        return out.toString();
    }
}
