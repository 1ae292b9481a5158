package org.sqlwarehouse.compile;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.sqlwarehouse.WarehouseException;
import org.sqlwarehouse.concurrent.ParallelInOrder;
import org.sqlwarehouse.project.DbtProject;
import org.sqlwarehouse.report.ManifestWriter;

/**
 * Writes what a compile produced: {@code compiled/<project>/<path>.sql} per model and
 * {@code manifest.json} (rendered by {@link ManifestWriter}), so users can read the SQL that ran and
 * tools that read dbt's manifest find what they expect.
 */
public final class CompiledArtifacts {
    /** What a {@code ..} of a source path becomes under compiled/: a folder name, never a step up. */
    static final String PARENT_SEGMENT = "__parent__";

    /** Threads that write compiled files, apart from the JVM's common pool. */
    private static final int WRITE_THREADS = Math.min(4, Runtime.getRuntime().availableProcessors());

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
     * Where a node's compiled SQL goes, e.g. target/warehouse/compiled/shop/models/stg_orders.sql
     * (a package's node: compiled/&lt;package&gt;/models/...);
     * always under the output directory, even for a model-paths folder outside the project
     * ({@code ../shared/x.sql} gives {@code compiled/shop/__parent__/shared/x.sql}).
     */
    public Path compiledPath(String projectName, CompiledNode node) {
        // an installed package's node under the package's name, as dbt's compiled/<package>/
        String owner = node.fqn() == null || node.fqn().isEmpty() ? projectName : node.fqn().get(0);
        Path base = outputDirectory.resolve("compiled").resolve(owner);
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

    /**
     * Writes each node's compiled SQL and manifest.json.
     *
     * @param source   the project compiled, for what the manifest lists beside the nodes (raw SQL,
     *                 sources, macros)
     * @param settings the target and dialect it was compiled for
     */
    public void write(CompiledProject project, DbtProject source, CompileSettings settings)
            throws WarehouseException {
        try {
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
            }
            ParallelInOrder.forEach(withSql, WRITE_THREADS,
                    node -> writeIfChanged(compiledPath(project.name(), node), node.compiledSql() + "\n"));
            byte[] manifest = ManifestWriter.render(project, source, settings.target(), settings.dialect(),
                    node -> manifestPath(project.name(), node));
            Files.createDirectories(outputDirectory);
            writeIfChanged(outputDirectory.resolve("manifest.json"), manifest);
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new WarehouseException("Cannot write compiled files under " + outputDirectory + ": " + e.getMessage());
        }
    }

    /**
     * Writes the SQL that ran for nodes rendered again when built (their templates ask the database),
     * over what the compile wrote for them: compiled/ shows what ran.
     *
     * @param ranSql each such node's SQL as it ran, by unique id
     */
    public void writeRenderedAtRun(CompiledProject project, Map<String, String> ranSql) throws WarehouseException {
        try {
            for (Map.Entry<String, String> ran : ranSql.entrySet()) {
                CompiledNode node = project.nodes().get(ran.getKey());
                if (node != null && ran.getValue() != null) {
                    Path file = compiledPath(project.name(), node);
                    Files.createDirectories(file.getParent());
                    writeIfChanged(file, ran.getValue() + "\n");
                }
            }
        } catch (IOException e) {
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
}
