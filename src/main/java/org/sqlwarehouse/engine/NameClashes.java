package org.sqlwarehouse.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.sqlwarehouse.WarehouseException;
import org.sqlwarehouse.compile.CompiledNode;
import org.sqlwarehouse.compile.CompiledProject;
import org.sqlwarehouse.dialect.Dialect;

/**
 * Keeps every name one build uses its own: no two nodes may build one relation, and no node's
 * relation or {@link Sidecar} (its temporary, backup, candidate, kept version...) may be another's.
 * Shortened names carry a hash, so a clash is all but impossible; this check makes it certain,
 * because two models built at once under one temporary name drop or rename each other's relation.
 */
public final class NameClashes {
    private NameClashes() {
    }

    /** Fails naming both files of every clash, before anything touches the database. */
    public static void check(CompiledProject project, Dialect dialect) throws WarehouseException {
        Map<String, Use> uses = new HashMap<>();
        List<String> clashes = new ArrayList<>();
        for (CompiledNode node : project.nodes().values()) {
            if (node.isTest() || node.isEphemeral()) {
                continue;
            }
            String schema = node.relation().getSchema();
            String name = node.relation().getIdentifier();
            claim(uses, clashes, schema, name, new Use(node, "its relation"));
            for (Sidecar sidecar : Sidecar.values()) {
                claim(uses, clashes, schema, sidecar.nameFor(name, dialect.maxIdentifierBytes()),
                        new Use(node, "its " + sidecar.suffix() + " relation"));
            }
        }
        if (!clashes.isEmpty()) {
            throw new WarehouseException("Two nodes would use one relation name: " + String.join("; ", clashes) + ".",
                    "Give one of them another name or alias (config(alias=...)); names ending in __wh_ and a "
                            + "suffix are the plugin's own.");
        }
    }

    /** A name taken by a node, and what for. */
    private record Use(CompiledNode node, String what) {
    }

    private static void claim(Map<String, Use> uses, List<String> clashes, String schema, String name, Use use) {
        Use earlier = uses.putIfAbsent(schema + "." + name, use);
        if (earlier != null && !earlier.node().uniqueId().equals(use.node().uniqueId())) {
            clashes.add(schema + "." + name + " is " + earlier.what() + " of " + earlier.node().originalFilePath()
                    + " and " + use.what() + " of " + use.node().originalFilePath());
        }
    }
}
