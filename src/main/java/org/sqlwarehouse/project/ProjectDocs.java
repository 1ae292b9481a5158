package org.sqlwarehouse.project;

import java.util.Map;

/**
 * A project's documentation: what property files say of each node (descriptions, columns,
 * constraints) and the {@code {% docs %}} blocks of its .md files, which doc() reads.
 *
 * @param properties by {@link #key}: "model.orders", "seed.countries", "snapshot.orders_history",
 *                   "source.shop.orders"
 * @param docBlocks  the text of each docs block, by its name
 */
public record ProjectDocs(Map<String, NodeProperties> properties, Map<String, String> docBlocks) {

    public static final ProjectDocs NONE = new ProjectDocs(Map.of(), Map.of());

    /** @param kind model, seed, snapshot or source; name a source's "source.table" key */
    public static String key(String kind, String name) {
        return kind + "." + name;
    }

    /** What the property files say of the node; {@link NodeProperties#NONE} when nothing. */
    public NodeProperties of(String kind, String name) {
        return properties.getOrDefault(key(kind, name), NodeProperties.NONE);
    }
}
