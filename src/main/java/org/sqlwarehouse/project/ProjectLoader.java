package org.sqlwarehouse.project;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.sqlwarehouse.WarehouseException;

/**
 * Finds a project's models and seeds in dbt's layout and works out each one's config from
 * dbt_project.yml and the property files beside them.
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
        ProjectSettings settings = ProjectSettings.load(dir, fallbackName);

        Map<String, Map<String, Object>> modelProperties = new HashMap<>();
        Map<String, Map<String, Object>> seedProperties = new HashMap<>();
        PropertyFiles properties = new PropertyFiles();
        for (String folder : concat(settings.modelPaths(), settings.seedPaths())) {
            for (Path yml : files(dir.resolve(folder), ".yml", ".yaml")) {
                String relative = relative(dir, yml);
                Map<String, Object> doc = YamlFiles.readMap(yml, relative);
                collect(doc.get("models"), relative, "models", modelProperties);
                collect(doc.get("seeds"), relative, "seeds", seedProperties);
                properties.read(doc, relative);
            }
        }

        List<ModelSource> models = new ArrayList<>();
        Map<String, String> seen = new HashMap<>();
        for (String folder : settings.modelPaths()) {
            Path root = dir.resolve(folder);
            for (Path sql : files(root, ".sql")) {
                String name = baseName(sql, ".sql");
                List<String> fqn = fqn(settings.name(), root, sql, name);
                String relative = relative(dir, sql);
                checkUnique(seen, name, relative);
                Map<String, Object> config = settings.models().resolve(fqn.subList(0, fqn.size()));
                mergeProperties(config, modelProperties.get(name));
                models.add(new ModelSource(name, sql, relative, fqn, read(sql, relative), config));
            }
        }

        List<SeedSource> seeds = new ArrayList<>();
        for (String folder : settings.seedPaths()) {
            Path root = dir.resolve(folder);
            for (Path csv : files(root, ".csv")) {
                String name = baseName(csv, ".csv");
                List<String> fqn = fqn(settings.name(), root, csv, name);
                String relative = relative(dir, csv);
                checkUnique(seen, name, relative);
                Map<String, Object> config = settings.seeds().resolve(fqn);
                mergeProperties(config, seedProperties.get(name));
                seeds.add(new SeedSource(name, csv, relative, fqn, config));
            }
        }
        List<SqlFile> macros = new ArrayList<>();
        for (String folder : settings.macroPaths()) {
            for (Path sql : files(dir.resolve(folder), ".sql")) {
                macros.add(sqlFile(dir, sql));
            }
        }
        List<SqlFile> singularTests = new ArrayList<>();
        for (String folder : settings.testPaths()) {
            Path root = dir.resolve(folder);
            for (Path sql : files(root, ".sql")) {
                // tests/generic/ holds {% test %} definitions, as in dbt
                if (root.relativize(sql).startsWith("generic")) {
                    macros.add(sqlFile(dir, sql));
                } else {
                    singularTests.add(sqlFile(dir, sql));
                }
            }
        }
        return new DbtProject(dir, settings, models, seeds, properties.sources(), macros, singularTests,
                properties.tests());
    }

    private static SqlFile sqlFile(Path dir, Path sql) throws WarehouseException {
        String relative = relative(dir, sql);
        return new SqlFile(baseName(sql, ".sql"), relative, read(sql, relative));
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    private static void checkUnique(Map<String, String> seen, String name, String relative) throws WarehouseException {
        String previous = seen.putIfAbsent(name, relative);
        if (previous != null) {
            throw new WarehouseException("Two nodes are named '" + name + "': " + previous + " and " + relative + ".",
                    "ref() finds nodes by file name; rename one of them.");
        }
    }

    /** Sorted, so that discovery order (and with it every ordering after it) is the same on every machine. */
    private static List<Path> files(Path root, String... extensions) throws WarehouseException {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> {
                        String n = p.getFileName().toString();
                        for (String ext : extensions) {
                            if (n.endsWith(ext)) {
                                return true;
                            }
                        }
                        return false;
                    })
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new WarehouseException("Cannot list " + root + ": " + e.getMessage());
        }
    }

    private static String baseName(Path file, String extension) {
        String n = file.getFileName().toString();
        return n.substring(0, n.length() - extension.length());
    }

    private static List<String> fqn(String project, Path root, Path file, String name) {
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

    private static String relative(Path dir, Path file) {
        return dir.relativize(file).toString().replace('\\', '/');
    }

    private static String read(Path file, String relative) throws WarehouseException {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new WarehouseException("Cannot read " + relative + ": " + e.getMessage());
        }
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
