package org.sqlwarehouse.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sqlwarehouse.compile.CompiledNode;
import org.sqlwarehouse.project.NodeProperties;
import org.sqlwarehouse.project.SeedSource;
import org.sqlwarehouse.project.SourceTable;

/**
 * One entry of manifest.json's {@code nodes}, {@code sources} or {@code macros}, in the shape
 * dbt's manifest v12 schema gives each kind: a seed, a model, a data test, a source table, a macro.
 */
final class ManifestNodes {
    private static final Map<String, Object> DOCS = Map.of("show", true);

    private final String projectName;
    private final String database;
    private final String targetSchema;
    private final List<String> resourcePaths;
    private final Map<String, String> sourcePackages;

    /**
     * @param database      the database relations are in, or null where the target names none
     * @param targetSchema  the target's schema: a data test's, since it builds no relation
     * @param resourcePaths the project's model, seed and test folders, which a node's path is relative to
     */
    ManifestNodes(String projectName, String database, String targetSchema, List<String> resourcePaths) {
        this(projectName, database, targetSchema, resourcePaths, Map.of());
    }

    /** @param sourcePackages the installed package that declares a source table, by its source.table key */
    ManifestNodes(String projectName, String database, String targetSchema, List<String> resourcePaths,
            Map<String, String> sourcePackages) {
        this.projectName = projectName;
        this.database = database;
        this.targetSchema = targetSchema;
        this.resourcePaths = resourcePaths;
        this.sourcePackages = sourcePackages;
    }

    /** The project (root or package) whose property file declares a source table. */
    private String sourceProject(String sourceKey) {
        return sourcePackages.getOrDefault(sourceKey, projectName);
    }

    /**
     * @param rawCode      the node's SQL as written (a generic test has none of its own), or null
     * @param seed         the seed's file, for a seed
     * @param compiledPath where its compiled SQL is, or null
     */
    Map<String, Object> node(CompiledNode node, String rawCode, SeedSource seed, String compiledPath) {
        Map<String, Object> m = new LinkedHashMap<>();
        boolean isSeed = seed != null;
        boolean hasRelation = node.relation() != null && !node.isTest();
        m.put("database", database);
        m.put("schema", hasRelation ? node.relation().getSchema() : targetSchema);
        m.put("name", node.name());
        m.put("resource_type", node.resourceType().id());
        // the root project's, or the installed package's whose node it is: the first fqn part
        m.put("package_name", node.fqn().isEmpty() ? projectName : node.fqn().get(0));
        m.put("path", path(node));
        m.put("original_file_path", node.originalFilePath());
        m.put("unique_id", node.uniqueId());
        m.put("fqn", node.fqn());
        m.put("alias", hasRelation ? node.relation().getIdentifier() : node.name());
        m.put("checksum", isSeed ? fileChecksum(seed.file()) : checksum(rawCode));
        m.put("config", ManifestConfig.of(node.config(), node.materialized()));
        m.put("tags", tags(node.config().get("tags")));
        m.put("description", node.properties().description());
        m.put("columns", ManifestColumns.of(node.properties()));
        m.put("meta", node.config().get("meta") instanceof Map<?, ?> meta ? meta : Map.of());
        m.put("docs", DOCS);
        m.put("unrendered_config", Map.of());
        m.put("relation_name", hasRelation && !node.isEphemeral() ? node.relation().toString() : null);
        m.put("raw_code", rawCode == null ? "" : rawCode);
        if (isSeed) {
            // a seed reads nothing: dbt's schema gives it macro dependencies only
            m.put("depends_on", Map.of("macros", List.of()));
            return m;
        }
        m.put("language", "sql");
        m.put("refs", refs(node));
        List<List<String>> sources = new ArrayList<>();
        for (String key : node.sources()) {
            int dot = key.indexOf('.');
            sources.add(List.of(key.substring(0, dot), key.substring(dot + 1)));
        }
        m.put("sources", sources);
        m.put("metrics", List.of());
        Map<String, Object> dependsOn = new LinkedHashMap<>();
        dependsOn.put("macros", List.of());
        dependsOn.put("nodes", dependsOn(node));
        m.put("depends_on", dependsOn);
        m.put("compiled_path", compiledPath);
        m.put("compiled", node.compiledSql() != null);
        m.put("compiled_code", node.compiledSql());
        return m;
    }

    /**
     * dbt's path: the file relative to its resource folder (staging/stg_orders.sql under models/);
     * for a generic test, which has no file of its own, the name of the SQL file dbt would give it.
     */
    private String path(CompiledNode node) {
        String file = node.originalFilePath();
        if (node.isTest() && !file.endsWith(".sql")) {
            return node.name() + ".sql";
        }
        for (String folder : resourcePaths) {
            String prefix = folder.endsWith("/") ? folder : folder + "/";
            if (file.startsWith(prefix)) {
                return file.substring(prefix.length());
            }
        }
        return file;
    }

    /** The unique ids a node reads: its sources first, then the nodes, in first-use order. */
    List<String> dependsOn(CompiledNode node) {
        List<String> out = new ArrayList<>();
        for (String key : node.sources()) {
            out.add(sourceId(key));
        }
        out.addAll(node.dependsOn());
        return out;
    }

    /** source.project.source_name.table_name, as dbt names a source table. */
    String sourceId(String sourceKey) {
        return "source." + sourceProject(sourceKey) + "." + sourceKey;
    }

    /** What ref() each model or seed the node reads was named by. */
    private static List<Map<String, Object>> refs(CompiledNode node) {
        List<Map<String, Object>> refs = new ArrayList<>();
        for (String id : node.dependsOn()) {
            Map<String, Object> ref = new LinkedHashMap<>();
            ref.put("name", id.substring(id.lastIndexOf('.') + 1));
            ref.put("package", null);
            ref.put("version", null);
            refs.add(ref);
        }
        return refs;
    }

    /** @param properties what property files say of it, descriptions rendered */
    Map<String, Object> source(SourceTable table, String relationName, NodeProperties properties) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("database", table.database() != null ? table.database() : database);
        m.put("schema", table.schema());
        m.put("name", table.tableName());
        m.put("resource_type", "source");
        m.put("package_name", sourceProject(table.key()));
        m.put("path", table.file());
        m.put("original_file_path", table.file());
        m.put("unique_id", sourceId(table.key()));
        m.put("fqn", List.of(sourceProject(table.key()), table.sourceName(), table.tableName()));
        m.put("source_name", table.sourceName());
        m.put("source_description", "");
        m.put("loader", "");
        m.put("identifier", table.identifier());
        m.put("description", properties.description());
        m.put("columns", ManifestColumns.of(properties));
        m.put("meta", Map.of());
        m.put("source_meta", Map.of());
        m.put("tags", List.of());
        m.put("config", Map.of("enabled", true));
        m.put("unrendered_config", Map.of());
        m.put("relation_name", relationName);
        return m;
    }

    /** @param file the macro file, relative to the project */
    Map<String, Object> macro(MacroDefinitions.Definition macro, String file) {
        return macro(macro, file, projectName);
    }

    /** A macro of an installed package: its file relative to the package's folder, as dbt writes it. */
    Map<String, Object> macro(MacroDefinitions.Definition macro, String file, String packageName) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", macro.name());
        m.put("resource_type", "macro");
        m.put("package_name", packageName);
        m.put("path", file);
        m.put("original_file_path", file);
        m.put("unique_id", "macro." + packageName + "." + macro.name());
        m.put("macro_sql", macro.macroSql());
        m.put("depends_on", Map.of("macros", List.of()));
        m.put("description", "");
        m.put("meta", Map.of());
        m.put("docs", DOCS);
        m.put("arguments", List.of());
        return m;
    }

    private static List<String> tags(Object tags) {
        List<String> out = new ArrayList<>();
        if (tags instanceof List<?> list) {
            list.forEach(t -> out.add(String.valueOf(t)));
        } else if (tags != null) {
            out.add(String.valueOf(tags));
        }
        return out;
    }

    /** dbt's checksum of a node: the SHA-256 of its SQL; "none" for one with no SQL of its own. */
    private static Map<String, Object> checksum(String text) {
        if (text == null) {
            return fileHash("none", "");
        }
        return fileHash("sha256", sha256(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** A seed's checksum: the SHA-256 of its file, or "none" if it cannot be read now. */
    private static Map<String, Object> fileChecksum(Path file) {
        try {
            return fileHash("sha256", sha256(Files.readAllBytes(file)));
        } catch (IOException e) {
            return fileHash("none", "");
        }
    }

    /** In a fixed key order: manifest.json is compared byte for byte to leave an unchanged one alone. */
    private static Map<String, Object> fileHash(String name, String checksum) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("checksum", checksum);
        return m;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
