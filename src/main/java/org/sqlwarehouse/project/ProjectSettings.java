package org.sqlwarehouse.project;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sqlwarehouse.WarehouseException;

/** What dbt_project.yml says, with dbt's defaults for what it leaves out. */
public record ProjectSettings(String name, String profile, List<String> modelPaths, List<String> seedPaths,
        List<String> testPaths, List<String> macroPaths, Map<String, Object> vars, ConfigTree models,
        ConfigTree seeds, Map<String, Object> raw) {

    public static final String FILE_NAME = "dbt_project.yml";

    /**
     * Reads dbt_project.yml from the project directory; without one, the fallback name and defaults.
     * Its warnings are left to {@link ProjectLoader#load}, which reads it again and reports them.
     */
    public static ProjectSettings load(Path projectDirectory, String fallbackName) throws WarehouseException {
        return load(projectDirectory, fallbackName, new ArrayList<>());
    }

    /**
     * Reads dbt_project.yml from the project directory; without one, the fallback name and defaults.
     *
     * @param warnings receives what the file says that is likely a mistake, e.g. a repeated key
     */
    public static ProjectSettings load(Path projectDirectory, String fallbackName, List<String> warnings)
            throws WarehouseException {
        return load(projectDirectory, fallbackName, warnings, FILE_NAME);
    }

    /** As {@link #load(Path, String, List)}, the file named displayName in messages: a package's. */
    static ProjectSettings load(Path projectDirectory, String fallbackName, List<String> warnings,
            String displayName) throws WarehouseException {
        Path file = projectDirectory.resolve(FILE_NAME);
        Map<String, Object> yaml = Files.isRegularFile(file) ? YamlFiles.readMap(file, displayName, warnings)
                : Map.of();
        String name = yaml.containsKey("name") ? stringValue(yaml, "name", null) : identifierFrom(fallbackName);
        if (name == null || !name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new WarehouseException(FILE_NAME + ": project name '" + name
                    + "' must be letters, digits and underscores, not starting with a digit.",
                    "dbt project names are identifiers, e.g. name: jaffle_shop");
        }
        return new ProjectSettings(name, stringValue(yaml, "profile", null),
                paths(yaml, "model-paths", "source-paths", "models"),
                paths(yaml, "seed-paths", "data-paths", "seeds"),
                paths(yaml, "test-paths", null, "tests"),
                paths(yaml, "macro-paths", null, "macros"),
                vars(yaml, name), new ConfigTree(mapValue(yaml, "models")), new ConfigTree(mapValue(yaml, "seeds")),
                yaml);
    }

    /** Where dbt deps installs packages, relative to the project: packages-install-path, default dbt_packages. */
    public String packagesInstallPath() {
        Object configured = raw.get("packages-install-path");
        return configured == null ? PackageLoader.DEFAULT_INSTALL_PATH : String.valueOf(configured);
    }

    /** An artifactId such as shop-warehouse made a dbt project name: shop_warehouse. */
    static String identifierFrom(String artifactId) {
        if (artifactId == null) {
            return null;
        }
        String name = artifactId.replaceAll("[^A-Za-z0-9_]", "_");
        return name.isEmpty() || Character.isDigit(name.charAt(0)) ? "_" + name : name;
    }

    private static String stringValue(Map<String, Object> yaml, String key, String fallback) {
        Object v = yaml.get(key);
        return v == null ? fallback : String.valueOf(v);
    }

    private static List<String> paths(Map<String, Object> yaml, String key, String legacyKey, String fallback)
            throws WarehouseException {
        Object v = yaml.get(key);
        if (v == null && legacyKey != null) {
            v = yaml.get(legacyKey);
        }
        if (v == null) {
            return List.of(fallback);
        }
        if (v instanceof List<?> list) {
            List<String> out = new ArrayList<>();
            for (Object o : list) {
                out.add(String.valueOf(o));
            }
            return out;
        }
        if (v instanceof String s) {
            return List.of(s);
        }
        throw new WarehouseException(FILE_NAME + ": " + key + " must be a list of folders, e.g. [\"" + fallback + "\"].");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> mapValue(Map<String, Object> yaml, String key) throws WarehouseException {
        Object v = yaml.get(key);
        if (v == null) {
            return Map.of();
        }
        if (!(v instanceof Map)) {
            throw new WarehouseException(FILE_NAME + ": " + key + " must be a mapping.");
        }
        return (Map<String, Object>) v;
    }

    /** Global vars, with vars scoped to this project (vars: {name: {...}}) laid over them. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> vars(Map<String, Object> yaml, String projectName) throws WarehouseException {
        Map<String, Object> declared = mapValue(yaml, "vars");
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : declared.entrySet()) {
            if (!(e.getKey().equals(projectName) && e.getValue() instanceof Map)) {
                out.put(e.getKey(), e.getValue());
            }
        }
        if (declared.get(projectName) instanceof Map<?, ?> scoped) {
            out.putAll((Map<String, Object>) scoped);
        }
        return out;
    }
}
