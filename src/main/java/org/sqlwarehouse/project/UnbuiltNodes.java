package org.sqlwarehouse.project;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sqlwarehouse.WarehouseException;

/**
 * What a dbt project may hold that the plugin does not build yet, found so that it is said out loud
 * rather than skipped: Python models (models/**&#47;*.py, a compile error) and analyses
 * (analysis-paths, a warning). A ref() to a Python model fails the compile, naming what it is.
 */
final class UnbuiltNodes {

    /** The loader's file listing: the files under a folder whose names end with one of the extensions. */
    interface Lister {
        List<Path> files(Path root, String... extensions) throws WarehouseException;
    }

    private UnbuiltNodes() {
    }

    /**
     * @param base        the folder of the project (root or package) whose folders are searched
     * @param dir         the root project's folder, which paths are relative to
     * @param rootProject for a package, the root project's dbt_project.yml, which may disable the
     *                    package's nodes; else null
     * @param seen        node names found so far with their files; Python models join them, as dbt's names are unique
     * @param warnings    receives a line for the analyses
     */
    static Map<String, UnbuiltNode> find(Path base, Path dir, ProjectSettings settings, ProjectSettings rootProject,
            Lister lister, Map<String, String> seen, List<String> warnings) throws WarehouseException {
        Map<String, UnbuiltNode> out = new LinkedHashMap<>();
        for (String folder : settings.modelPaths()) {
            Path modelRoot = base.resolve(folder);
            for (Path py : lister.files(modelRoot, ".py")) {
                String name = ProjectLoader.baseName(py, ".py");
                String relative = ProjectLoader.relative(dir, py);
                Object enabled = ProjectLoader.layered(settings.models(), rootProject == null ? null
                        : rootProject.models(), ProjectLoader.fqn(settings.name(), modelRoot, py, name)).get("enabled");
                if (enabled != null && !Boolean.parseBoolean(String.valueOf(enabled))) {
                    continue;
                }
                ProjectLoader.checkUnique(seen, name, relative);
                out.put(name, new UnbuiltNode(UnbuiltNode.Kind.PYTHON_MODEL, name, relative));
            }
        }
        List<String> analyses = new ArrayList<>();
        for (String folder : paths(settings, "analysis-paths", "analyses")) {
            for (Path sql : lister.files(base.resolve(folder), ".sql")) {
                analyses.add(ProjectLoader.relative(dir, sql));
            }
        }
        if (!analyses.isEmpty()) {
            warnings.add("Analyses are not compiled yet, these are left out: " + String.join(", ", analyses));
        }
        return out;
    }

    /**
     * The folders whose .yml files are property files, as in dbt: every resource path, so that a
     * tests/schema.yml attaches its tests and a snapshots/ one says what it is not run.
     */
    static List<String> propertyPaths(ProjectSettings settings) {
        java.util.Set<String> out = new java.util.LinkedHashSet<>(settings.modelPaths());
        out.addAll(settings.seedPaths());
        out.addAll(paths(settings, "snapshot-paths", "snapshots"));
        out.addAll(paths(settings, "analysis-paths", "analyses"));
        out.addAll(settings.macroPaths());
        out.addAll(settings.testPaths());
        return List.copyOf(out);
    }

    /** A list of folders from dbt_project.yml, or dbt's default one. */
    static List<String> paths(ProjectSettings settings, String key, String fallback) {
        Object v = settings.raw().get(key);
        if (v instanceof List<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        return v == null ? List.of(fallback) : List.of(String.valueOf(v));
    }
}
