package org.sqlwarehouse.compile;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sqlwarehouse.project.ResourceType;

/** Ephemeral models, which are never built: inlined as CTEs into the nodes that read them. */
final class Ephemerals {
    /** What an ephemeral model's CTE is called, as in dbt: __dbt__cte__&lt;name&gt;. */
    static final String PREFIX = "__dbt__cte__";
    private static final Pattern LEADING_WITH = Pattern.compile(
            "^((?:\\s+|--[^\\n]*\\n|/\\*.*?\\*/)*)with(\\s+recursive)?\\b", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

    private Ephemerals() {
    }

    /**
     * Inlines ephemeral models into every node that reads them, as dbt does: CTEs named
     * __dbt__cte__&lt;name&gt; ahead of the node's own SQL, ephemerals read by ephemerals first.
     */
    static Map<String, CompiledNode> inline(Map<String, CompiledNode> nodes, Map<String, List<String>> reads) {
        Map<String, CompiledNode> byName = new HashMap<>();
        for (CompiledNode n : nodes.values()) {
            if (n.resourceType() == ResourceType.MODEL) {
                byName.put(n.name(), n);
            }
        }
        if (byName.values().stream().noneMatch(CompiledNode::isEphemeral)) {
            return nodes;
        }
        Map<String, CompiledNode> out = new LinkedHashMap<>();
        for (CompiledNode node : nodes.values()) {
            String key = node.resourceType() == ResourceType.MODEL ? node.name() : node.uniqueId();
            List<CompiledNode> ctes = new ArrayList<>();
            collectEphemerals(reads.getOrDefault(key, List.of()), byName, reads, ctes, new LinkedHashSet<>());
            if (ctes.isEmpty() || node.isEphemeral() || node.compiledSql() == null) {
                out.put(node.uniqueId(), node);
                continue;
            }
            out.put(node.uniqueId(), node.withSql(withCtes(node.compiledSql(), ctes),
                    node.incrementalSql() == null ? null : withCtes(node.incrementalSql(), ctes)));
        }
        return out;
    }

    /**
     * One node's SQL with the ephemeral models it reads inlined, as {@link #inline} does it: for a
     * node rendered again when built.
     *
     * @param key   the node's name for a model, its unique id for a test
     * @param nodes every node, before inlining
     */
    static String inlineInto(String key, String sql, Map<String, CompiledNode> nodes, Map<String, List<String>> reads) {
        Map<String, CompiledNode> byName = new HashMap<>();
        for (CompiledNode n : nodes.values()) {
            if (n.resourceType() == ResourceType.MODEL) {
                byName.put(n.name(), n);
            }
        }
        List<CompiledNode> ctes = new ArrayList<>();
        collectEphemerals(reads.getOrDefault(key, List.of()), byName, reads, ctes, new LinkedHashSet<>());
        return ctes.isEmpty() ? sql : withCtes(sql, ctes);
    }

    private static void collectEphemerals(List<String> refs, Map<String, CompiledNode> byName,
            Map<String, List<String>> reads, List<CompiledNode> into, Set<String> visiting) {
        for (String ref : refs) {
            CompiledNode node = byName.get(ref);
            if (node == null || !node.isEphemeral() || into.contains(node) || !visiting.add(ref)) {
                continue;
            }
            collectEphemerals(reads.getOrDefault(ref, List.of()), byName, reads, into, visiting);
            into.add(node);
        }
    }

    private static String withCtes(String sql, List<CompiledNode> ctes) {
        Map<String, String> named = new LinkedHashMap<>();
        for (CompiledNode cte : ctes) {
            named.put(PREFIX + cte.name(), cte.compiledSql());
        }
        return withCtes(sql, named);
    }

    /**
     * The SQL with these CTEs ahead of its own: merged into its with clause when it has one, as dbt
     * injects ephemeral models and unit test fixtures.
     *
     * @param ctes CTE name to its query, in the order they are to be defined
     */
    static String withCtes(String sql, Map<String, String> ctes) {
        if (ctes.isEmpty()) {
            return sql;
        }
        StringBuilder defs = new StringBuilder();
        for (Map.Entry<String, String> cte : ctes.entrySet()) {
            if (defs.length() > 0) {
                defs.append(",\n");
            }
            defs.append(cte.getKey()).append(" as (\n").append(cte.getValue()).append("\n)");
        }
        Matcher with = LEADING_WITH.matcher(sql);
        if (with.find()) {
            String recursive = with.group(2) == null ? "" : with.group(2);
            return with.group(1) + "with" + recursive + " " + defs + ",\n" + sql.substring(with.end()).stripLeading();
        }
        return "with " + defs + "\n" + sql;
    }

}
