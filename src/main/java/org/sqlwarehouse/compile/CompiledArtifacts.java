package org.sqlwarehouse.compile;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sqlwarehouse.WarehouseException;

/**
 * Writes what a compile produced: {@code compiled/<project>/<path>.sql} per model and a dbt-shaped
 * {@code manifest.json}, so users can read the SQL that ran and tools that read dbt's manifest
 * find what they expect.
 */
public final class CompiledArtifacts {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** What a {@code ..} of a source path becomes under compiled/: a folder name, never a step up. */
    static final String PARENT_SEGMENT = "__parent__";

    private final Path outputDirectory;
    private final Path projectDirectory;

    /**
     * @param outputDirectory  target/warehouse
     * @param projectDirectory the project's folder: manifest.json's compiled_path is relative to it,
     *                         as dbt's is
     */
    public CompiledArtifacts(Path outputDirectory, Path projectDirectory) {
        this.outputDirectory = outputDirectory.toAbsolutePath().normalize();
        this.projectDirectory = projectDirectory.toAbsolutePath().normalize();
    }

    /**
     * Where a node's compiled SQL goes, e.g. target/warehouse/compiled/shop/models/stg_orders.sql;
     * always under the output directory, even for a model-paths folder outside the project
     * ({@code ../shared/x.sql} gives {@code compiled/shop/__parent__/shared/x.sql}).
     */
    public Path compiledPath(String projectName, CompiledNode node) {
        Path base = outputDirectory.resolve("compiled").resolve(projectName);
        Path file = base;
        for (String segment : node.compiledPath().replace('\\', '/').split("/")) {
            if (segment.isEmpty() || segment.equals(".") || segment.endsWith(":")) {
                continue; // a root or drive of an absolute path, or a no-op step
            }
            file = file.resolve(segment.equals("..") ? PARENT_SEGMENT : segment);
        }
        if (!file.normalize().startsWith(base) || file.equals(base)) {
            throw new IllegalStateException("compiled path " + node.compiledPath() + " escapes " + base);
        }
        return file;
    }

    /** compiled_path as dbt writes it: relative to the project directory when under it, else absolute. */
    private String manifestPath(String projectName, CompiledNode node) {
        Path file = compiledPath(projectName, node);
        Path shown = file.startsWith(projectDirectory) ? projectDirectory.relativize(file) : file;
        return shown.toString().replace('\\', '/');
    }

    public void write(CompiledProject project, String targetName) throws WarehouseException {
        try {
            Map<String, Object> nodes = new LinkedHashMap<>();
            java.util.Set<Path> directories = new java.util.HashSet<>();
            List<CompiledNode> withSql = new java.util.ArrayList<>();
            for (CompiledNode node : project.nodes().values()) {
                if (node.compiledSql() != null) {
                    // each folder once: for 10,000 models, asking the file system per file dominated
                    if (directories.add(compiledPath(project.name(), node).getParent())) {
                        Files.createDirectories(compiledPath(project.name(), node).getParent());
                    }
                    withSql.add(node);
                }
                nodes.put(node.uniqueId(), manifestNode(project.name(), node, manifestPath(project.name(), node)));
            }
            withSql.parallelStream().forEach(node -> {
                try {
                    writeIfChanged(compiledPath(project.name(), node), node.compiledSql() + "\n");
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            Map<String, Object> metadata = new LinkedHashMap<>();
            metadata.put("dbt_schema_version", "https://schemas.getdbt.com/dbt/manifest/v12.json");
            metadata.put("generator", "warehouse-maven-plugin");
            metadata.put("project_name", project.name());
            metadata.put("target_name", targetName);
            Map<String, Object> manifest = new LinkedHashMap<>();
            manifest.put("metadata", metadata);
            manifest.put("nodes", nodes);
            Map<String, Object> parentMap = new LinkedHashMap<>();
            Map<String, Object> childMap = new LinkedHashMap<>();
            for (String id : project.dag().nodes()) {
                parentMap.put(id, project.dag().upstream(id));
                childMap.put(id, project.dag().downstream(id));
            }
            manifest.put("parent_map", parentMap);
            manifest.put("child_map", childMap);
            Files.createDirectories(outputDirectory);
            writeIfChanged(outputDirectory.resolve("manifest.json"), JSON.writeValueAsBytes(manifest));
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new WarehouseException("Cannot write compiled files under " + outputDirectory + ": " + e.getMessage());
        }
    }

    /**
     * Leaves a file alone when it already holds the text: reading and comparing costs a fifth of
     * rewriting, and most compiled files are unchanged from one build to the next. Files of nodes
     * no longer in the project are not touched, as before.
     */
    private static void writeIfChanged(Path file, String text) throws IOException {
        ByteBuffer encoded;
        try {
            encoded = StandardCharsets.UTF_8.newEncoder().encode(CharBuffer.wrap(text));
        } catch (CharacterCodingException e) {
            Files.writeString(file, text, StandardCharsets.UTF_8); // fails as it always did
            return;
        }
        byte[] bytes = new byte[encoded.remaining()];
        encoded.get(bytes);
        writeIfChanged(file, bytes);
    }

    private static void writeIfChanged(Path file, byte[] bytes) throws IOException {
        if (!holds(file, bytes)) {
            Files.write(file, bytes);
        }
    }

    private static boolean holds(Path file, byte[] bytes) {
        try {
            return Files.size(file) == bytes.length && Arrays.equals(Files.readAllBytes(file), bytes);
        } catch (IOException e) {
            return false; // absent or unreadable: writing it says what is wrong, if anything
        }
    }

    private static Map<String, Object> manifestNode(String projectName, CompiledNode node, String compiledPath) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("unique_id", node.uniqueId());
        m.put("resource_type", node.resourceType().id());
        m.put("package_name", projectName);
        m.put("name", node.name());
        m.put("original_file_path", node.originalFilePath());
        m.put("path", node.originalFilePath());
        m.put("fqn", node.fqn());
        if (node.relation() != null && !node.isTest()) {
            m.put("schema", node.relation().getSchema());
            m.put("alias", node.relation().getIdentifier());
        }
        Map<String, Object> config = new LinkedHashMap<>(node.config());
        config.put("materialized", node.materialized());
        m.put("config", config);
        List<String> sources = new java.util.ArrayList<>();
        for (String key : node.sources()) {
            sources.add("source." + projectName + "." + key);
        }
        List<String> dependsOn = new java.util.ArrayList<>(sources);
        dependsOn.addAll(node.dependsOn());
        m.put("depends_on", Map.of("nodes", dependsOn));
        m.put("compiled_path", compiledPath);
        m.put("compiled_code", node.compiledSql());
        m.put("relation_name", node.relation() == null || node.isTest() || node.isEphemeral() ? null
                : node.relation().toString());
        return m;
    }
}
