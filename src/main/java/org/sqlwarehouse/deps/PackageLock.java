package org.sqlwarehouse.deps;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.sqlwarehouse.WarehouseException;
import org.sqlwarehouse.project.YamlFiles;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * package-lock.yml, as dbt 1.7+ writes it: every resolved package (transitive ones too) with its
 * exact version or commit, and the sha1_hash of the declared packages it was resolved from.
 *
 * @param packages what to install, in order
 * @param sha1Hash {@link DeclaredPackages#sha1Hash()} of the packages.yml it came from
 */
public record PackageLock(List<LockedPackage> packages, String sha1Hash) {
    public static final String FILE_NAME = "package-lock.yml";

    /** The project's lock, or empty when there is none. */
    public static Optional<PackageLock> read(Path projectDirectory) throws WarehouseException {
        Path file = projectDirectory.resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Map<String, Object> yaml = YamlFiles.readMap(file, FILE_NAME, new ArrayList<>());
        List<LockedPackage> packages = new ArrayList<>();
        if (yaml.get("packages") instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                if (!(list.get(i) instanceof Map<?, ?> entry)) {
                    throw new WarehouseException(FILE_NAME + ", package " + (i + 1) + " is not a mapping.",
                            "Delete package-lock.yml and run mvn warehouse:deps to write it afresh.");
                }
                packages.add(LockedPackage.fromEntry(entry, FILE_NAME + ", package " + (i + 1)));
            }
        }
        Object hash = yaml.get("sha1_hash");
        return Optional.of(new PackageLock(List.copyOf(packages), hash == null ? null : String.valueOf(hash)));
    }

    public void write(Path projectDirectory) throws WarehouseException {
        Map<String, Object> document = new LinkedHashMap<>();
        List<Map<String, Object>> entries = new ArrayList<>();
        packages.forEach(p -> entries.add(p.toEntry()));
        document.put("packages", entries);
        document.put("sha1_hash", sha1Hash);
        Path file = projectDirectory.resolve(FILE_NAME);
        try {
            Files.writeString(file, yaml().dump(document), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new WarehouseException("Cannot write " + file + ": " + e.getMessage());
        }
    }

    /** dbt's layout: block style, list items indented under their key. */
    static Yaml yaml() {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setIndent(2);
        options.setIndicatorIndent(2);
        options.setIndentWithIndicator(true);
        options.setSplitLines(false);
        return new Yaml(options);
    }
}
