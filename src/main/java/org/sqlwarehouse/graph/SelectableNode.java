package org.sqlwarehouse.graph;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What node selection knows of a node.
 *
 * @param uniqueId e.g. {@code model.shop.stg_orders}; a source's is {@code
 *     source.<package>.<source_name>.<table_name>}, as in dbt (the {@code source:} method reads it)
 * @param name the node's name, e.g. {@code stg_orders}
 * @param resourceType {@code model}, {@code seed}, {@code test}, {@code source}, ...
 * @param originalFilePath the defining file relative to the project directory, e.g. {@code
 *     models/staging/stg_orders.sql}; may be null (then path and file methods never match)
 * @param fqn {@code [project, folders..., name]}; null means empty
 * @param tags the node's tags (config tags); null means none
 * @param config the node's final config ({@code materialized}, {@code tags}, {@code schema}, ...);
 *     null means empty; null values are allowed
 * @param state how the node compares with the {@code warehouse.state} environment; null when there
 *     is no comparison or the node has no state (a test, an ephemeral model): no {@code state:}
 *     method matches it then
 */
public record SelectableNode(
        String uniqueId,
        String name,
        String resourceType,
        String originalFilePath,
        List<String> fqn,
        Set<String> tags,
        Map<String, Object> config,
        StateStatus state) {

    /** A node without a state comparison. */
    public SelectableNode(String uniqueId, String name, String resourceType, String originalFilePath,
            List<String> fqn, Set<String> tags, Map<String, Object> config) {
        this(uniqueId, name, resourceType, originalFilePath, fqn, tags, config, null);
    }

    public SelectableNode {
        Objects.requireNonNull(uniqueId, "uniqueId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(resourceType, "resourceType");
        fqn = fqn == null ? List.of() : List.copyOf(fqn);
        tags = tags == null ? Set.of() : Collections.unmodifiableSet(new LinkedHashSet<>(tags));
        config = config == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(config));
    }
}
