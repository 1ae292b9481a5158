package org.sqlwarehouse.project;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.sqlwarehouse.WarehouseException;
import org.sqlwarehouse.concurrent.ParallelInOrder;

/**
 * Finds a project's models and seeds in dbt's layout and works out each one's config from
 * dbt_project.yml and the property files beside them; the installed packages' nodes are found the
 * same way and join the project's.
 */
public final class ProjectLoader {
    private ProjectLoader() {
    }

    /**
     * @param projectDirectory the folder holding dbt_project.yml (or models/ without one)
     * @param fallbackName     the project name when there is no dbt_project.yml: the artifactId
     */
    public static DbtProject load(Path projectDirectory, String fallbackName) throws WarehouseException {
        Path dir = projectDirectory.toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            throw new WarehouseException("The project directory " + dir + " does not exist.",
                    "Point <projectDirectory> (warehouse.projectDirectory) at the folder with dbt_project.yml.");
        }
        List<String> warnings = new ArrayList<>();
        ProjectSettings settings = ProjectSettings.load(dir, fallbackName, warnings);
        Folders folders = new Folders();
        Map<String, String> seen = new HashMap<>();
        ProjectNodes found = nodes(dir, dir, settings, null, folders, readAll(folders, dir, settings), seen, warnings);
        List<PackageLoader.Loaded> loaded = PackageLoader.load(dir, settings, warnings,
                (folder, own) -> nodes(dir, folder, own, settings, folders, Map.of(), seen, warnings));
        Set<String> disabledNames = new HashSet<>();
        ProjectNodes root = DisabledNodes.withoutShadowed(found, seen, disabledNames);
        List<ModelSource> models = new ArrayList<>(root.models());
        List<SeedSource> seeds = new ArrayList<>(root.seeds());
        List<SnapshotSource> snapshots = new ArrayList<>(root.snapshots());
        Map<String, UnbuiltNode> unbuilt = new LinkedHashMap<>(root.unbuilt());
        List<SqlFile> singularTests = new ArrayList<>(root.singularTests());
        Map<String, SourceTable> sources = new LinkedHashMap<>(root.sources());
        List<GenericTestSpec> tests = new ArrayList<>(root.tests());
        List<DbtPackage> packages = new ArrayList<>();
        Map<String, NodeProperties> described = new LinkedHashMap<>(root.docs().properties());
        Map<String, String> docBlocks = new LinkedHashMap<>(root.docs().docBlocks());
        for (PackageLoader.Loaded pkg : loaded) {
            // a package's nodes join the root project's graph, as in dbt
            ProjectNodes nodes = DisabledNodes.withoutShadowed(pkg.nodes(), seen, disabledNames);
            models.addAll(nodes.models());
            seeds.addAll(nodes.seeds());
            snapshots.addAll(nodes.snapshots());
            unbuilt.putAll(nodes.unbuilt());
            singularTests.addAll(nodes.singularTests());
            nodes.sources().forEach(sources::putIfAbsent);
            tests.addAll(nodes.tests());
            nodes.docs().properties().forEach(described::putIfAbsent);
            nodes.docs().docBlocks().forEach(docBlocks::putIfAbsent);
            packages.add(pkg.dbtPackage());
        }
        // unit tests are the root project's only, as in dbt
        return new DbtProject(dir, settings, models, seeds, sources, root.macros(), singularTests, tests, warnings,
                packages, unbuilt, snapshots, new ProjectDocs(Map.copyOf(described), Map.copyOf(docBlocks)),
                root.unitTests());
    }

    /**
     * One project's nodes: the root project's, or an installed package's, found by the folders its
     * own dbt_project.yml names.
     *
     * @param dir       the root project's folder: every path is relative to it
     * @param base      the folder of the project whose nodes these are
     * @param settings  that project's dbt_project.yml
     * @param root      for a package, the root project's dbt_project.yml, whose configs win over the
     *                  package's own (as dbt's); null for the root project
     * @param seen      node names found so far, with their files: names are unique across projects
     */
    static ProjectNodes nodes(Path dir, Path base, ProjectSettings settings, ProjectSettings root, Folders folders,
            Map<Path, FileText> texts, Map<String, String> seen, List<String> warnings) throws WarehouseException {
        Map<String, Map<String, Object>> modelProperties = new HashMap<>();
        Map<String, Map<String, Object>> seedProperties = new HashMap<>();
        PropertyFiles properties = new PropertyFiles(warnings);
        UnitTestDefinitions unitTests = new UnitTestDefinitions(dir, settings.testPaths());
        YamlSnapshots yamlSnapshots = new YamlSnapshots();
        Set<Path> propertyFiles = new HashSet<>();
        for (String folder : UnbuiltNodes.propertyPaths(settings)) {
            Path folderRoot = base.resolve(folder);
            for (Path yml : folders.files(folderRoot, ".yml", ".yaml")) {
                if (!propertyFiles.add(yml)) {
                    continue; // in two of the folders, one inside the other
                }
                String relative = relative(dir, yml);
                Map<String, Object> doc = YamlFiles.readMap(yml, relative, warnings);
                collect(doc.get("models"), relative, "models", modelProperties);
                collect(doc.get("seeds"), relative, "seeds", seedProperties);
                yamlSnapshots.collect(doc.get("snapshots"), relative, folderRoot, yml);
                properties.read(doc, relative);
                unitTests.read(doc.get("unit_tests"), relative);
            }
        }

        List<ModelSource> models = new ArrayList<>();
        for (String folder : settings.modelPaths()) {
            Path modelRoot = base.resolve(folder);
            for (Path sql : folders.files(modelRoot, ".sql")) {
                String name = baseName(sql, ".sql");
                List<String> fqn = fqn(settings.name(), modelRoot, sql, name);
                String relative = relative(dir, sql);
                Map<String, Object> config = layered(settings.models(), root == null ? null : root.models(), fqn);
                mergeProperties(config, modelProperties.get(name));
                checkUniqueIfEnabled(seen, name, relative, config);
                models.add(new ModelSource(name, sql, relative, fqn, text(texts, sql, relative), config));
            }
        }
        Map<String, UnbuiltNode> unbuilt = UnbuiltNodes.find(base, dir, settings, root, folders::files, seen,
                warnings);
        List<SnapshotSource> snapshots = yamlSnapshots.apply(
                SnapshotFiles.find(base, dir, settings, root, folders::files, seen, warnings), settings, seen, warnings);

        List<SeedSource> seeds = new ArrayList<>();
        for (String folder : settings.seedPaths()) {
            Path seedRoot = base.resolve(folder);
            for (Path csv : folders.files(seedRoot, ".csv")) {
                String name = baseName(csv, ".csv");
                List<String> fqn = fqn(settings.name(), seedRoot, csv, name);
                String relative = relative(dir, csv);
                Map<String, Object> config = layered(settings.seeds(), root == null ? null : root.seeds(), fqn);
                mergeProperties(config, seedProperties.get(name));
                checkUniqueIfEnabled(seen, name, relative, config);
                seeds.add(new SeedSource(name, csv, relative, fqn, config));
            }
        }
        List<SqlFile> macros = new ArrayList<>();
        for (String folder : settings.macroPaths()) {
            for (Path sql : folders.files(base.resolve(folder), ".sql")) {
                macros.add(sqlFile(dir, sql, texts));
            }
        }
        List<SqlFile> singularTests = new ArrayList<>();
        for (String folder : settings.testPaths()) {
            Path testRoot = base.resolve(folder);
            for (Path sql : folders.files(testRoot, ".sql")) {
                // tests/generic/ holds {% test %} definitions, as in dbt
                if (testRoot.relativize(sql).startsWith("generic")) {
                    macros.add(sqlFile(dir, sql, texts));
                } else {
                    singularTests.add(sqlFile(dir, sql, texts));
                }
            }
        }
        return new ProjectNodes(models, seeds, snapshots, unbuilt, macros, singularTests, properties.sources(),
                properties.tests(), unitTests.specs(),
                new ProjectDocs(Map.copyOf(properties.described()), docBlocks(dir, base, settings, folders)));
    }

    /**
     * The docs blocks of the .md files in dbt_project.yml's docs-paths, by default (as in dbt) in
     * every resource folder.
     */
    private static Map<String, String> docBlocks(Path dir, Path base, ProjectSettings settings, Folders folders)
            throws WarehouseException {
        Map<String, String> blocks = new LinkedHashMap<>();
        Map<String, String> seenIn = new HashMap<>();
        Set<Path> read = new HashSet<>();
        List<String> docsPaths = settings.raw().get("docs-paths") == null ? UnbuiltNodes.propertyPaths(settings)
                : UnbuiltNodes.paths(settings, "docs-paths", "models");
        for (String folder : docsPaths) {
            List<Path> files = new ArrayList<>();
            for (Path md : folders.files(base.resolve(folder), ".md")) {
                if (read.add(md)) {
                    files.add(md);
                }
            }
            DocBlocks.read(dir, files, blocks, seenIn);
        }
        return blocks;
    }


    /**
     * A node's config from dbt_project.yml: its own project's tree, then (for a package's node) the
     * root project's over it, as dbt lets the root project configure packages under their names.
     */
    static Map<String, Object> layered(ConfigTree own, ConfigTree root, List<String> fqn) {
        Map<String, Object> config = own.resolve(fqn);
        if (root != null) {
            root.resolve(fqn).forEach((key, value) -> ConfigTree.merge(config, key, value));
        }
        return config;
    }

    private static SqlFile sqlFile(Path dir, Path sql, Map<Path, FileText> texts) throws WarehouseException {
        String relative = relative(dir, sql);
        return new SqlFile(baseName(sql, ".sql"), relative, text(texts, sql, relative));
    }

    private static String text(Map<Path, FileText> texts, Path file, String relative) throws WarehouseException {
        FileText text = texts.get(file);
        return text == null ? TextFiles.readUtf8(file, relative) : text.text(relative);
    }

    /**
     * Reads every .sql file of the model, macro and test folders, in parallel: one file after the
     * other, reading is most of the load of a large project. A file that cannot be read fails only
     * where the serial reading would have, see {@link FileText#text}.
     */
    /** Threads that read a project's files: a few suffice to hide the file system's latency. */
    private static final int READ_THREADS = Math.min(4, Runtime.getRuntime().availableProcessors());

    private static Map<Path, FileText> readAll(Folders folders, Path dir, ProjectSettings settings) {
        Set<Path> sql = new LinkedHashSet<>();
        for (List<String> paths : List.of(settings.modelPaths(), settings.macroPaths(), settings.testPaths())) {
            for (String folder : paths) {
                try {
                    sql.addAll(folders.files(dir.resolve(folder), ".sql"));
                } catch (WarehouseException e) {
                    // reported where the folder is listed again, after what comes before it
                }
            }
        }
        List<Path> files = new ArrayList<>(sql);
        // FileText.read keeps its failure for later: nothing here throws
        List<FileText> texts = ParallelInOrder.map(files, READ_THREADS, null, () -> null,
                (none, i, file) -> FileText.read(file));
        Map<Path, FileText> out = new HashMap<>(texts.size() * 2);
        for (int i = 0; i < texts.size(); i++) {
            out.put(files.get(i), texts.get(i));
        }
        return out;
    }

    /**
     * A file's text, or why it could not be read or decoded; decoded on the reading thread, reported
     * where the serial reading would have.
     */
    record FileText(String content, IOException error, byte[] undecodable) {
        static FileText read(Path file) {
            byte[] bytes;
            try {
                bytes = Files.readAllBytes(file);
            } catch (IOException e) {
                return new FileText(null, e, null);
            }
            try {
                return new FileText(TextFiles.decodeUtf8(bytes, file.toString()), null, null);
            } catch (WarehouseException e) {
                return new FileText(null, null, bytes);
            }
        }

        String text(String relative) throws WarehouseException {
            if (error != null) {
                throw new WarehouseException("Cannot read " + relative + ": " + error.getMessage());
            }
            // decoded again only to fail with the file's project-relative name
            return content != null ? content : TextFiles.decodeUtf8(undecodable, relative);
        }
    }

    /**
     * Each project folder walked once for every kind of file the loader wants (model folders are
     * asked for .yml and then for .sql), the files sorted by path.
     */
    static final class Folders {
        private static final String[] WANTED = {".sql", ".yml", ".yaml", ".csv", ".py", ".md"};
        private final Map<Path, List<Path>> walked = new HashMap<>();

        /** Sorted, so that discovery order (and with it every ordering after it) is the same on every machine. */
        List<Path> files(Path root, String... extensions) throws WarehouseException {
            List<Path> all = walked.get(root);
            if (all == null) {
                all = walk(root);
                walked.put(root, all);
            }
            List<Path> out = new ArrayList<>();
            for (Path p : all) {
                if (endsWithAny(p.getFileName().toString(), extensions)) {
                    out.add(p);
                }
            }
            return out;
        }

        private static List<Path> walk(Path root) throws WarehouseException {
            if (!Files.isDirectory(root)) {
                return List.of();
            }
            // the walk's own attributes say what is a regular file: a second stat only for links
            try (Stream<Path> found = Files.find(root, Integer.MAX_VALUE, (p, attributes) ->
                    endsWithAny(p.getFileName().toString(), WANTED) && (attributes.isRegularFile()
                            || attributes.isSymbolicLink() && Files.isRegularFile(p)))) {
                // Path order rather than the string's: the same order on Windows too, where Path ignores case
                return found.sorted().toList();
            } catch (IOException e) {
                throw new WarehouseException("Cannot list " + root + ": " + e.getMessage());
            }
        }

        private static boolean endsWithAny(String name, String... extensions) {
            for (String ext : extensions) {
                if (name.endsWith(ext)) {
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * Names are unique among enabled nodes only, as dbt checks them: a node dbt_project.yml or a
     * property file disables may share its name with another (a package's model the project
     * disables and replaces with its own), see {@link DisabledNodes}.
     */
    private static void checkUniqueIfEnabled(Map<String, String> seen, String name, String relative,
            Map<String, Object> config) throws WarehouseException {
        if (!DisabledNodes.isDisabled(config)) {
            checkUnique(seen, name, relative);
        }
    }

    static void checkUnique(Map<String, String> seen, String name, String relative) throws WarehouseException {
        String previous = seen.putIfAbsent(name, relative);
        if (previous != null) {
            throw new WarehouseException("Two nodes are named '" + name + "': " + previous + " and " + relative + ".",
                    "ref() finds nodes by file name, across the project and its installed packages (dbt tells "
                            + "packages' nodes of one name apart; the plugin does not yet); rename one of them.");
        }
    }

    static String baseName(Path file, String extension) {
        String n = file.getFileName().toString();
        return n.substring(0, n.length() - extension.length());
    }

    static List<String> fqn(String project, Path root, Path file, String name) {
        List<String> fqn = new ArrayList<>();
        fqn.add(project);
        Path parent = root.relativize(file).getParent();
        if (parent != null) {
            for (Path p : parent) {
                fqn.add(p.toString());
            }
        }
        fqn.add(name);
        return fqn;
    }

    static String relative(Path dir, Path file) {
        return dir.relativize(file).toString().replace('\\', '/');
    }

    @SuppressWarnings("unchecked")
    private static void collect(Object entries, String file, String key, Map<String, Map<String, Object>> into)
            throws WarehouseException {
        if (entries == null) {
            return;
        }
        if (!(entries instanceof List<?> list)) {
            throw new WarehouseException(file + ": '" + key + ":' must be a list of entries with a name.");
        }
        for (Object o : list) {
            if (!(o instanceof Map<?, ?> entry) || entry.get("name") == null) {
                throw new WarehouseException(file + ": every entry under '" + key + ":' needs a name.");
            }
            into.put(String.valueOf(entry.get("name")), new LinkedHashMap<>((Map<String, Object>) entry));
        }
    }

    @SuppressWarnings("unchecked")
    private static void mergeProperties(Map<String, Object> config, Map<String, Object> properties) {
        if (properties == null || !(properties.get("config") instanceof Map<?, ?> c)) {
            return;
        }
        for (Map.Entry<String, Object> e : ((Map<String, Object>) c).entrySet()) {
            String key = e.getKey().startsWith("+") ? e.getKey().substring(1) : e.getKey();
            ConfigTree.merge(config, key, e.getValue());
        }
    }
}
