package org.sqlwarehouse.workflow;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.sqlwarehouse.WarehouseException;
import org.sqlwarehouse.compile.CompiledNode;
import org.sqlwarehouse.compile.CompiledProject;

/**
 * What a selective build or deploy would leave holding or reading the old version of a relation it
 * replaces: the project's tables downstream of it that the selection left out (their rows were
 * computed from the old version), and the relations left out between two that it rebuilds (the
 * rebuilt one would read the old version through them). Views downstream are not among them: the
 * ones the database binds to the replaced relation are defined again over the new one in the same
 * transaction, the others read it by name.
 *
 * <p>A deploy to a protected target refuses these before it changes or builds anything; an
 * in-place build (dev) leaves them as they are and says so, as dbt does.
 *
 * @param tables  relations ("schema.name") of tables downstream of a replaced relation, left out
 * @param between relations left out between two that the run rebuilds
 * @param roots   names of the rebuilt nodes that have no rebuilt node upstream, for the hint
 */
record StaleDownstream(List<String> tables, List<String> between, List<String> roots) {

    /**
     * @param all     the whole project
     * @param changed ids of the nodes the run creates or replaces
     * @param live    whether a relation ("schema.name") exists in the target now
     */
    static StaleDownstream of(CompiledProject all, Collection<String> changed, Predicate<String> live) {
        Set<String> tables = new LinkedHashSet<>();
        Set<String> between = new LinkedHashSet<>();
        List<String> roots = new ArrayList<>();
        for (String id : changed) {
            Set<String> downstream = all.dag().descendants(id);
            if (all.dag().ancestors(id).stream().noneMatch(changed::contains)) {
                roots.add(all.nodes().get(id).name());
            }
            for (String d : downstream) {
                CompiledNode node = all.nodes().get(d);
                if (node.isTest() || node.isEphemeral() || changed.contains(d)
                        || !live.test(node.relation().unquoted())) {
                    continue;
                }
                boolean feedsChanged = all.dag().descendants(d).stream().anyMatch(changed::contains);
                if (feedsChanged) {
                    between.add(node.relation().unquoted());
                } else if (!"view".equals(node.materialized())) {
                    tables.add(node.relation().unquoted());
                }
            }
        }
        tables.removeAll(between);
        return new StaleDownstream(List.copyOf(tables), List.copyOf(between), roots);
    }

    boolean isEmpty() {
        return tables.isEmpty() && between.isEmpty();
    }

    /** What is stale, in words. */
    String describe() {
        List<String> parts = new ArrayList<>();
        if (!tables.isEmpty()) {
            parts.add("tables downstream that the selection leaves out would keep rows computed from the old version: "
                    + String.join(", ", tables));
        }
        if (!between.isEmpty()) {
            parts.add("relations left out between relations it rebuilds would make them read the old version: "
                    + String.join(", ", between));
        }
        return String.join("; ", parts);
    }

    /** The selection that rebuilds everything downstream of what changes. */
    String suggestedSelection() {
        List<String> plus = new ArrayList<>();
        roots.forEach(r -> plus.add(r + "+"));
        return "-Dwarehouse.select=\"" + String.join(" ", plus) + "\"";
    }

    /** The refusal of a deploy to a protected target: before anything is built or changed. */
    WarehouseException refusal(String targetName) {
        return new WarehouseException("This deploy to target '" + targetName + "' replaces relations whose project "
                + "relations downstream it leaves out: " + describe() + ". Nothing was changed.",
                "Select what is downstream too, e.g. " + suggestedSelection() + ", or add those relations to the "
                        + "selection.");
    }
}
