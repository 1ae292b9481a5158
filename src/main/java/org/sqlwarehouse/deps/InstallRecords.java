package org.sqlwarehouse.deps;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.sqlwarehouse.WarehouseException;
import org.sqlwarehouse.project.YamlFiles;

/**
 * What warehouse:deps installed: one small file per package, {@code .warehouse-deps/<name>.yml}
 * in the install folder, holding its package-lock.yml entry. Kept beside the package rather than
 * in it, since a local package is a link to the user's own folder. A build compares these with
 * the lock, which is cheap and needs no network.
 */
final class InstallRecords {
    static final String FOLDER = ".warehouse-deps";

    private InstallRecords() {
    }

    /** The entry recorded for a package, or empty when deps did not install it. */
    static Optional<Map<String, Object>> read(Path installDirectory, String name) throws WarehouseException {
        Path file = file(installDirectory, name);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        // as text: a commit of digits alone would read as a number
        Map<String, Object> entry = new TreeMap<>();
        YamlFiles.readMap(file, file.toString(), new ArrayList<>()).forEach((k, v) -> entry.put(k, String.valueOf(v)));
        return Optional.of(entry);
    }

    /** Whether the package is installed as locked: its record says so and its folder is there. */
    static boolean installed(Path installDirectory, LockedPackage locked) throws WarehouseException {
        return Files.isRegularFile(installDirectory.resolve(locked.name()).resolve("dbt_project.yml"))
                && read(installDirectory, locked.name()).map(locked.toEntry()::equals).orElse(false);
    }

    static void write(Path installDirectory, LockedPackage locked) throws WarehouseException {
        Path file = file(installDirectory, locked.name());
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, PackageLock.yaml().dump(locked.toEntry()), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new WarehouseException("Cannot write " + file + ": " + e.getMessage());
        }
    }

    static void delete(Path installDirectory, String name) throws WarehouseException {
        try {
            Files.deleteIfExists(file(installDirectory, name));
        } catch (IOException e) {
            throw new WarehouseException("Cannot delete " + file(installDirectory, name) + ": " + e.getMessage());
        }
    }

    private static Path file(Path installDirectory, String name) {
        return installDirectory.resolve(FOLDER).resolve(name + ".yml");
    }
}
