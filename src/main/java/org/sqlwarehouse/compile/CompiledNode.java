package org.sqlwarehouse.compile;

import java.util.List;
import java.util.Map;
import org.sqlwarehouse.project.ResourceType;
import org.sqlwarehouse.project.SeedSource;

/**
 * A node ready to run: its final config, the relation it builds and, for a model or test, the SQL.
 *
 * @param uniqueId         e.g. model.shop.stg_orders
 * @param originalFilePath the source file relative to the project directory (a test's property file)
 * @param materialized     view, table, incremental, ephemeral, seed or test
 * @param relation         what it builds; for a test, the relation it tests (null for a singular test)
 * @param compiledSql      the rendered select; null for a seed
 * @param incrementalSql   for an incremental model, the select rendered with is_incremental() true
 * @param dependsOn        unique ids of the nodes it reads, in first-use order
 * @param sources          "source.table" keys of the sources it reads
 * @param preHooks         rendered pre-hook statements
 * @param postHooks        rendered post-hook statements
 * @param seed             the seed file, for a seed; null otherwise
 * @param compiledPath     where its compiled SQL is written, relative to compiled/&lt;project&gt;/
 */
public record CompiledNode(String uniqueId, ResourceType resourceType, String name, String originalFilePath,
        List<String> fqn, Map<String, Object> config, String materialized, Relation relation, String compiledSql,
        String incrementalSql, List<String> dependsOn, List<String> sources, List<String> preHooks,
        List<String> postHooks, SeedSource seed, String compiledPath) {

    public boolean isTest() {
        return resourceType == ResourceType.TEST;
    }

    /** Ephemeral models are inlined into their readers and never built. */
    public boolean isEphemeral() {
        return "ephemeral".equals(materialized);
    }

    /** The name shown in progress lines: schema.name, or the test's name. */
    public String displayName() {
        return isTest() || relation == null ? name : relation.unquoted();
    }
}
