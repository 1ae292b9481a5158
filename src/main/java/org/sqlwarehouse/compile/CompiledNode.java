package org.sqlwarehouse.compile;

import java.util.List;
import java.util.Map;
import org.sqlwarehouse.dialect.RelationName;
import org.sqlwarehouse.project.Materialization;
import org.sqlwarehouse.project.NodeProperties;
import org.sqlwarehouse.project.ResourceType;
import org.sqlwarehouse.project.SeedSource;

/**
 * A node ready to run: its final config, the relation it builds and, for a model or test, the SQL.
 *
 * @param uniqueId         e.g. model.shop.stg_orders
 * @param originalFilePath the source file relative to the project directory (a test's property file)
 * @param materialization  how it is built: view, table, incremental, ephemeral, seed or test
 * @param relation         what it builds; for a test, the relation it tests (null for a singular test)
 * @param compiledSql      the rendered select; null for a seed
 * @param incrementalSql   for an incremental model, the select rendered with is_incremental() true
 * @param dependsOn        unique ids of the nodes it reads, in first-use order
 * @param sources          "source.table" keys of the sources it reads
 * @param preHooks         rendered pre-hook statements
 * @param postHooks        rendered post-hook statements
 * @param seed             the seed file, for a seed; null otherwise
 * @param compiledPath     where its compiled SQL is written, relative to compiled/&lt;project&gt;/
 * @param renderAtRun      for a node whose templates ask the database, how to render it when built;
 *                         null for the others, whose SQL is final
 * @param storeFailuresIn  for a data test with store_failures, the table its failing rows are kept
 *                         in (dbt's audit schema); null otherwise
 * @param properties       its description, columns and constraints from property files, descriptions
 *                         rendered (doc() resolved); {@link NodeProperties#NONE} when none
 */
public record CompiledNode(String uniqueId, ResourceType resourceType, String name, String originalFilePath,
        List<String> fqn, Map<String, Object> config, Materialization materialization, Relation relation, String compiledSql,
        String incrementalSql, List<String> dependsOn, List<String> sources, List<String> preHooks,
        List<String> postHooks, SeedSource seed, String compiledPath, RenderAtRun renderAtRun,
        Relation storeFailuresIn, NodeProperties properties) {

    public boolean isTest() {
        return resourceType == ResourceType.TEST;
    }

    /** Ephemeral models are inlined into their readers and never built. */
    public boolean isEphemeral() {
        return materialization == Materialization.EPHEMERAL;
    }

    /** The relation it builds, by schema and name; null for a test without one. */
    public RelationName relationName() {
        return relation == null ? null : new RelationName(relation.getSchema(), relation.getIdentifier());
    }

    /** The materialization's name, as dbt's config and progress lines say it. */
    public String materialized() {
        return materialization.id();
    }

    /** The same node with other SQL (its ephemeral reads inlined). */
    public CompiledNode withSql(String newCompiledSql, String newIncrementalSql) {
        return new CompiledNode(uniqueId, resourceType, name, originalFilePath, fqn, config, materialization, relation,
                newCompiledSql, newIncrementalSql, dependsOn, sources, preHooks, postHooks, seed, compiledPath,
                renderAtRun, storeFailuresIn, properties);
    }

    /** Whether it renders again when built, asking the database; see {@link RenderAtRun}. */
    public boolean rendersAtRun() {
        return renderAtRun != null;
    }

    public static Builder builder(String uniqueId, ResourceType resourceType, String name) {
        return new Builder(uniqueId, resourceType, name);
    }

    /** Names each of a node's many parts; what is not set is empty (lists) or absent (null). */
    public static final class Builder {
        private final String uniqueId;
        private final ResourceType resourceType;
        private final String name;
        private String originalFilePath;
        private List<String> fqn = List.of();
        private Map<String, Object> config = Map.of();
        private Materialization materialization;
        private Relation relation;
        private String compiledSql;
        private String incrementalSql;
        private List<String> dependsOn = List.of();
        private List<String> sources = List.of();
        private List<String> preHooks = List.of();
        private List<String> postHooks = List.of();
        private SeedSource seed;
        private String compiledPath;
        private RenderAtRun renderAtRun;
        private Relation storeFailuresIn;
        private NodeProperties properties = NodeProperties.NONE;

        private Builder(String uniqueId, ResourceType resourceType, String name) {
            this.uniqueId = uniqueId;
            this.resourceType = resourceType;
            this.name = name;
        }

        public Builder originalFilePath(String value) {
            originalFilePath = value;
            return this;
        }

        public Builder fqn(List<String> value) {
            fqn = value;
            return this;
        }

        public Builder config(Map<String, Object> value) {
            config = value;
            return this;
        }

        public Builder materialization(Materialization value) {
            materialization = value;
            return this;
        }

        public Builder relation(Relation value) {
            relation = value;
            return this;
        }

        public Builder compiledSql(String value) {
            compiledSql = value;
            return this;
        }

        public Builder incrementalSql(String value) {
            incrementalSql = value;
            return this;
        }

        public Builder dependsOn(List<String> value) {
            dependsOn = value;
            return this;
        }

        public Builder sources(List<String> value) {
            sources = value;
            return this;
        }

        public Builder preHooks(List<String> value) {
            preHooks = value;
            return this;
        }

        public Builder postHooks(List<String> value) {
            postHooks = value;
            return this;
        }

        public Builder seed(SeedSource value) {
            seed = value;
            return this;
        }

        public Builder compiledPath(String value) {
            compiledPath = value;
            return this;
        }

        public Builder renderAtRun(RenderAtRun value) {
            renderAtRun = value;
            return this;
        }

        public Builder storeFailuresIn(Relation value) {
            storeFailuresIn = value;
            return this;
        }

        public Builder properties(NodeProperties value) {
            properties = value;
            return this;
        }

        public CompiledNode build() {
            return new CompiledNode(uniqueId, resourceType, name, originalFilePath, fqn, config,
                    java.util.Objects.requireNonNull(materialization, "materialization"), relation, compiledSql,
                    incrementalSql, dependsOn, sources, preHooks, postHooks, seed, compiledPath, renderAtRun,
                    storeFailuresIn, properties);
        }
    }

    /** The name shown in progress lines: schema.name, or the test's name. */
    public String displayName() {
        return isTest() || relation == null ? name : relation.unquoted();
    }
}
