package org.sqlwarehouse.deps;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.sqlwarehouse.WarehouseException;
import org.sqlwarehouse.project.YamlFiles;

/**
 * Reads the packages a folder declares, as dbt does: {@code packages:} of packages.yml, or of
 * dependencies.yml (not both), each entry one of {@code local:}, {@code git:}, {@code tarball:}
 * or {@code package:} (the hub).
 */
public final class PackagesFile {
    public static final String PACKAGES_YML = "packages.yml";
    public static final String DEPENDENCIES_YML = "dependencies.yml";

    private static final Map<String, Set<String>> ALLOWED_KEYS = Map.of(
            "local", Set.of("local"),
            "git", Set.of("git", "revision", "subdirectory", "warn-unpinned"),
            "tarball", Set.of("tarball", "name"),
            "maven", Set.of("maven"),
            "package", Set.of("package", "version", "install-prerelease"));

    private PackagesFile() {
    }

    /**
     * @param directory  the project's or a package's folder
     * @param requiredBy who declares them, for messages: "packages.yml" or a package
     * @param warnings   receives what the files say that is likely a mistake
     */
    public static DeclaredPackages read(Path directory, String requiredBy, List<String> warnings)
            throws WarehouseException {
        List<Object> fromPackages = packagesOf(directory, PACKAGES_YML, warnings);
        List<Object> fromDependencies = packagesOf(directory, DEPENDENCIES_YML, warnings);
        if (fromPackages != null && fromDependencies != null) {
            throw new WarehouseException("Both packages.yml and dependencies.yml list packages in " + directory + ".",
                    "Keep the packages in one of them, as dbt requires.");
        }
        String file = fromPackages != null ? PACKAGES_YML : DEPENDENCIES_YML;
        List<Object> listed = fromPackages != null ? fromPackages : fromDependencies;
        if (listed == null) {
            return DeclaredPackages.NONE;
        }
        String who = requiredBy.equals(PACKAGES_YML) ? file : requiredBy;
        List<PackageSpec> specs = new ArrayList<>();
        List<Map<String, Object>> entries = new ArrayList<>();
        for (int i = 0; i < listed.size(); i++) {
            String where = who + ", package " + (i + 1);
            if (!(listed.get(i) instanceof Map<?, ?> raw)) {
                throw new WarehouseException(where + " is not a mapping.",
                        "Write each package as a mapping, e.g. - package: dbt-labs/dbt_utils");
            }
            Map<String, Object> entry = new LinkedHashMap<>();
            raw.forEach((k, v) -> entry.put(String.valueOf(k), v));
            specs.add(spec(entry, where, who));
            entries.add(entry);
        }
        return new DeclaredPackages(file, specs, entries);
    }

    /** A hub package's dependencies as the hub lists them (the same entries as a packages.yml). */
    static List<PackageSpec> specs(List<Map<String, Object>> entries, String requiredBy) throws WarehouseException {
        List<PackageSpec> specs = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            specs.add(spec(entries.get(i), requiredBy + ", package " + (i + 1), requiredBy));
        }
        return specs;
    }

    private static List<Object> packagesOf(Path directory, String name, List<String> warnings)
            throws WarehouseException {
        Path file = directory.resolve(name);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        Object packages = YamlFiles.readMap(file, name, warnings).get("packages");
        if (packages == null) {
            return null;
        }
        if (!(packages instanceof List<?> list)) {
            throw new WarehouseException(name + ": 'packages:' must be a list.",
                    "Write packages:\\n  - package: dbt-labs/dbt_utils\\n    version: 1.1.1");
        }
        return new ArrayList<>(list);
    }

    private static PackageSpec spec(Map<String, Object> entry, String where, String requiredBy)
            throws WarehouseException {
        if (entry.containsKey("private")) {
            throw new WarehouseException(where + ": 'private:' packages need dbt Cloud's git integration.",
                    "Write it as a git package: - git: https://github.com/<org>/<repo>.git");
        }
        List<String> kinds = ALLOWED_KEYS.keySet().stream().filter(entry::containsKey).sorted().toList();
        if (kinds.size() != 1) {
            throw new WarehouseException(where + (kinds.isEmpty() ? " says neither local:, git:, tarball:, maven: nor package:."
                    : " says both " + String.join(" and ", kinds) + ":."),
                    "Give each entry exactly one source: local: <path>, git: <url>, tarball: <url> (with name:), maven: <groupId:artifactId:version> or "
                            + "package: <org>/<name> (with version:).");
        }
        String kind = kinds.get(0);
        for (String key : entry.keySet()) {
            if (!ALLOWED_KEYS.get(kind).contains(key)) {
                throw new WarehouseException(where + ": a " + kind + " package has no key '" + key + "'.",
                        "Its keys are " + String.join(", ", ALLOWED_KEYS.get(kind).stream().sorted().toList()) + ".");
            }
        }
        String source = text(entry, kind, where);
        return switch (kind) {
            case "local" -> new PackageSpec.Local(source, requiredBy);
            case "git" -> new PackageSpec.Git(source, optionalText(entry, "revision", where),
                    optionalText(entry, "subdirectory", where), requiredBy);
            case "tarball" -> new PackageSpec.Tarball(source, text(entry, "name", where), requiredBy);
            case "maven" -> new PackageSpec.Maven(MavenCoordinates.parse(source, where), requiredBy);
            default -> hub(entry, source, where, requiredBy);
        };
    }

    private static PackageSpec hub(Map<String, Object> entry, String name, String where, String requiredBy)
            throws WarehouseException {
        if (!name.matches("[^/\\s]+/[^/\\s]+")) {
            throw new WarehouseException(where + ": '" + name + "' is not a hub package name.",
                    "Hub packages are named <org>/<package>, e.g. package: dbt-labs/dbt_utils");
        }
        Object version = entry.get("version");
        if (version == null) {
            throw new WarehouseException(where + ": hub package " + name + " has no version.",
                    "Add version: with an exact version or bounds, e.g. version: [\">=1.0.0\", \"<2.0.0\"]; "
                            + "hub.getdbt.com lists each package's versions.");
        }
        List<String> versions = new ArrayList<>();
        if (version instanceof List<?> list) {
            list.forEach(v -> versions.add(String.valueOf(v)));
        } else {
            versions.add(String.valueOf(version));
        }
        Object prerelease = entry.get("install-prerelease");
        return new PackageSpec.Hub(name, List.copyOf(versions), VersionRange.of(versions, where + " (" + name + ")"),
                Boolean.TRUE.equals(prerelease) || "true".equalsIgnoreCase(String.valueOf(prerelease)), requiredBy);
    }

    private static String text(Map<String, Object> entry, String key, String where) throws WarehouseException {
        String value = optionalText(entry, key, where);
        if (value == null) {
            throw new WarehouseException(where + ": '" + key + ":' needs a value.");
        }
        return value;
    }

    private static String optionalText(Map<String, Object> entry, String key, String where)
            throws WarehouseException {
        Object value = entry.get(key);
        if (value instanceof Map || value instanceof List) {
            throw new WarehouseException(where + ": '" + key + ":' must be a single value.");
        }
        return value == null || String.valueOf(value).isBlank() ? null : String.valueOf(value).strip();
    }
}
