package org.sqlwarehouse.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.sqlwarehouse.compile.CompiledNode;
import org.sqlwarehouse.compile.CompiledProject;
import org.sqlwarehouse.compile.CompiledUnitTest;
import org.sqlwarehouse.project.UnitTestInput;
import org.sqlwarehouse.project.UnitTestRows;
import org.sqlwarehouse.project.UnitTestSpec;
import org.sqlwarehouse.dialect.Dialect;
import org.sqlwarehouse.environment.ResolvedTarget;
import org.sqlwarehouse.project.DbtPackage;
import org.sqlwarehouse.project.DbtProject;
import org.sqlwarehouse.project.ModelSource;
import org.sqlwarehouse.project.SeedSource;
import org.sqlwarehouse.project.SnapshotSource;
import org.sqlwarehouse.project.NodeProperties;
import org.sqlwarehouse.project.SourceTable;
import org.sqlwarehouse.project.SqlFile;

/**
 * Renders manifest.json as dbt's manifest v12 schema describes it, so that dbt tooling reads it:
 * every compiled node, the project's source tables and macros, the graph both ways, and the maps
 * of what the plugin does not have (docs, exposures, metrics, ...) present and empty.
 *
 * <p>The manifest names no time and no invocation: the same project compiles to the same bytes,
 * so that an unchanged manifest.json is left alone (see CompiledArtifacts).
 */
public final class ManifestWriter {
    public static final String SCHEMA_VERSION = "https://schemas.getdbt.com/dbt/manifest/v12.json";

    /** Compact, as dbt writes it: indenting made the file of 10,000 models a fifth larger and slower to write. */
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The top-level maps dbt requires and this plugin has nothing for. */
    private static final List<String> EMPTY_MAPS = List.of("docs", "exposures", "metrics", "groups", "selectors",
            "disabled", "group_map", "saved_queries", "semantic_models");

    private ManifestWriter() {
    }

    /**
     * @param compiled       the compiled nodes and their graph
     * @param source         the project they were compiled from: raw SQL, sources, macros
     * @param target         the target compiled for
     * @param dialect        how the target quotes relations (the sources' relation_name)
     * @param compiledPathOf where a node's compiled SQL is written, as the manifest shows it
     */
    public static byte[] render(CompiledProject compiled, DbtProject source, ResolvedTarget target, Dialect dialect,
            Function<CompiledNode, String> compiledPathOf) throws JsonProcessingException {
        List<String> resourcePaths = new ArrayList<>(source.settings().modelPaths());
        resourcePaths.addAll(source.settings().seedPaths());
        resourcePaths.addAll(source.settings().testPaths());
        ManifestNodes entries = new ManifestNodes(compiled.name(), target.definition().database(), target.schema(),
                resourcePaths, sourcePackages(source));
        Map<String, Object> manifest = new LinkedHashMap<>();
        Map<String, Object> metadata = new ArtifactMetadata(null, null, target.name()).toJson(SCHEMA_VERSION, null);
        metadata.put("project_name", compiled.name());
        metadata.put("adapter_type", target.type());
        manifest.put("metadata", metadata);
        manifest.put("nodes", nodes(compiled, source, entries, compiledPathOf));
        Map<String, Object> sources = new LinkedHashMap<>();
        for (SourceTable table : source.sources().values()) {
            sources.put(entries.sourceId(table.key()), entries.source(table,
                    dialect.qualified(table.schema(), table.identifier()),
                    compiled.sources().getOrDefault(table.key(), NodeProperties.NONE)));
        }
        manifest.put("sources", sources);
        Map<String, Object> macros = new LinkedHashMap<>();
        for (SqlFile file : source.macros()) {
            for (MacroDefinitions.Definition macro : MacroDefinitions.in(file.sql())) {
                Map<String, Object> entry = entries.macro(macro, file.relativePath());
                macros.put((String) entry.get("unique_id"), entry);
            }
        }
        for (DbtPackage pkg : source.packages()) {
            String folder = source.directory().relativize(pkg.directory()).toString().replace('\\', '/') + "/";
            for (SqlFile file : pkg.macros()) {
                String inPackage = file.relativePath().startsWith(folder)
                        ? file.relativePath().substring(folder.length()) : file.relativePath();
                for (MacroDefinitions.Definition macro : MacroDefinitions.in(file.sql())) {
                    Map<String, Object> entry = entries.macro(macro, inPackage, pkg.name());
                    macros.put((String) entry.get("unique_id"), entry);
                }
            }
        }
        manifest.put("macros", macros);
        for (String name : EMPTY_MAPS) {
            manifest.put(name, Map.of());
        }
        manifest.put("unit_tests", unitTests(compiled));
        graph(compiled, source, entries, manifest);
        return JSON.writeValueAsBytes(manifest);
    }

    /** Each unit test as dbt's UnitTestDefinition: the model, its given inputs, expected rows and overrides. */
    private static Map<String, Object> unitTests(CompiledProject compiled) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (CompiledUnitTest test : compiled.unitTests()) {
            UnitTestSpec spec = test.spec();
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("model", spec.model());
            List<Object> given = new ArrayList<>();
            for (UnitTestInput input : spec.given()) {
                Map<String, Object> fixture = new LinkedHashMap<>();
                fixture.put("input", input.input());
                fixture.putAll(rows(input.rows()));
                given.add(fixture);
            }
            entry.put("given", given);
            entry.put("expect", rows(spec.expect()));
            entry.put("name", spec.name());
            entry.put("resource_type", "unit_test");
            entry.put("package_name", compiled.name());
            entry.put("path", spec.file());
            entry.put("original_file_path", spec.file());
            entry.put("unique_id", test.uniqueId());
            entry.put("fqn", test.fqn());
            entry.put("description", spec.description());
            Map<String, Object> overrides = new LinkedHashMap<>();
            overrides.put("macros", spec.overrides().macros());
            overrides.put("vars", spec.overrides().vars());
            overrides.put("env_vars", spec.overrides().envVars());
            entry.put("overrides", overrides);
            entry.put("depends_on", Map.of("macros", List.of(), "nodes", test.modelUniqueId() == null ? List.of()
                    : List.of(test.modelUniqueId())));
            Map<String, Object> config = new LinkedHashMap<>(spec.config());
            config.put("tags", spec.tags());
            config.put("enabled", spec.enabled());
            entry.put("config", config);
            out.put(test.uniqueId(), entry);
        }
        return out;
    }

    /** The installed package whose property file declares each source table, by its source.table key. */
    private static Map<String, String> sourcePackages(DbtProject source) {
        Map<String, String> out = new HashMap<>();
        for (DbtPackage pkg : source.packages()) {
            String folder = source.directory().relativize(pkg.directory()).toString().replace('\\', '/') + "/";
            for (SourceTable table : source.sources().values()) {
                if (table.file() != null && table.file().startsWith(folder)) {
                    out.put(table.key(), pkg.name());
                }
            }
        }
        return out;
    }

    private static Map<String, Object> rows(UnitTestRows rows) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("rows", rows.isSql() ? rows.sql() : rows.rows());
        out.put("format", rows.format().id());
        return out;
    }

    /**
     * A package's node has its paths from the package's folder, as dbt's manifest says them
     * (original_file_path models/x.sql of package_name pkg), like the package's macros.
     */
    private static Map<String, Object> inItsPackage(Map<String, Object> entry, DbtProject source) {
        for (DbtPackage pkg : source.packages()) {
            if (!pkg.name().equals(entry.get("package_name"))) {
                continue;
            }
            String folder = source.directory().relativize(pkg.directory()).toString().replace('\\', '/') + "/";
            String file = String.valueOf(entry.get("original_file_path"));
            if (!file.startsWith(folder)) {
                return entry;
            }
            String inPackage = file.substring(folder.length());
            entry.put("original_file_path", inPackage);
            if (String.valueOf(entry.get("path")).equals(file)) {
                String path = inPackage;
                for (List<String> folders : List.of(pkg.settings().modelPaths(), pkg.settings().seedPaths(),
                        pkg.settings().testPaths())) {
                    for (String resource : folders) {
                        String prefix = resource.endsWith("/") ? resource : resource + "/";
                        if (path.startsWith(prefix)) {
                            path = path.substring(prefix.length());
                        }
                    }
                }
                entry.put("path", path);
            }
        }
        return entry;
    }

    private static Map<String, Object> nodes(CompiledProject compiled, DbtProject source, ManifestNodes entries,
            Function<CompiledNode, String> compiledPathOf) {
        Map<String, String> rawCode = new HashMap<>();
        for (ModelSource model : source.models()) {
            // the first fqn part is the node's project: the root project's or an installed package's
            rawCode.put("model." + model.fqn().get(0) + "." + model.name(), model.sql());
        }
        for (SnapshotSource snapshot : source.snapshots()) {
            rawCode.put("snapshot." + snapshot.fqn().get(0) + "." + snapshot.name(), snapshot.sql());
        }
        Map<String, String> singularTests = new HashMap<>();
        for (SqlFile test : source.singularTests()) {
            singularTests.put(test.relativePath(), test.sql());
        }
        Map<String, SeedSource> seeds = new HashMap<>();
        for (SeedSource seed : source.seeds()) {
            seeds.put("seed." + seed.fqn().get(0) + "." + seed.name(), seed);
        }
        Map<String, Object> nodes = new LinkedHashMap<>();
        for (CompiledNode node : compiled.nodes().values()) {
            // a singular test's SQL is its file; a generic test has none of its own
            String raw = node.isTest() ? singularTests.get(node.originalFilePath()) : rawCode.get(node.uniqueId());
            SeedSource seed = seeds.get(node.uniqueId());
            Map<String, Object> entry = entries.node(node, raw, seed,
                    node.compiledSql() == null ? null : compiledPathOf.apply(node));
            nodes.put(node.uniqueId(), inItsPackage(entry, source));
        }
        return nodes;
    }

    /** parent_map and child_map over nodes and sources, as dbt gives them (a source's parents are none). */
    private static void graph(CompiledProject compiled, DbtProject source, ManifestNodes entries,
            Map<String, Object> manifest) {
        Map<String, List<String>> parents = new LinkedHashMap<>();
        Map<String, List<String>> children = new LinkedHashMap<>();
        for (SourceTable table : source.sources().values()) {
            parents.put(entries.sourceId(table.key()), new ArrayList<>());
            children.put(entries.sourceId(table.key()), new ArrayList<>());
        }
        for (String id : compiled.dag().nodes()) {
            CompiledNode node = compiled.nodes().get(id);
            List<String> up = new ArrayList<>();
            if (node != null) {
                node.sources().forEach(key -> up.add(entries.sourceId(key)));
            }
            up.addAll(compiled.dag().upstream(id));
            parents.put(id, up);
            children.put(id, new ArrayList<>(compiled.dag().downstream(id)));
        }
        for (Map.Entry<String, List<String>> e : parents.entrySet()) {
            for (String parent : e.getValue()) {
                if (parent.startsWith("source.")) {
                    children.computeIfAbsent(parent, k -> new ArrayList<>()).add(e.getKey());
                }
            }
        }
        manifest.put("parent_map", parents);
        manifest.put("child_map", children);
    }
}
