package org.sqlwarehouse.compile;

import java.util.List;
import java.util.Map;
import org.sqlwarehouse.project.ResourceType;
import org.sqlwarehouse.project.SeedSource;

/**
 * A node ready to run: its final config, the relation it builds and, for a model, the SQL to run.
 *
 * @param uniqueId         e.g. model.shop.stg_orders
 * @param originalFilePath the source file relative to the project directory
 * @param materialized     view, table or seed
 * @param compiledSql      the rendered select; null for a seed
 * @param dependsOn        unique ids of the nodes it reads, in first-use order
 * @param seed             the seed file, for a seed; null otherwise
 */
public record CompiledNode(String uniqueId, ResourceType resourceType, String name, String originalFilePath,
        List<String> fqn, Map<String, Object> config, String materialized, Relation relation, String compiledSql,
        List<String> dependsOn, SeedSource seed) {
}
