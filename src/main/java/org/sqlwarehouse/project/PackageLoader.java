package org.sqlwarehouse.project;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.sqlwarehouse.WarehouseException;

/**
 * Finds the packages installed in a project's packages-install-path (dbt's default:
 * {@code dbt_packages}): every folder there with a dbt_project.yml is a package named by its
 * {@code name:}. Their macros are read; their models and seeds are not built (yet), which is said
 * once.
 */
final class PackageLoader {
    static final String DEFAULT_INSTALL_PATH = "dbt_packages";

    private PackageLoader() {
    }

    static List<DbtPackage> load(Path projectDir, ProjectSettings root, List<String> warnings)
            throws WarehouseException {
        String installPath = root.packagesInstallPath();
        Path install = projectDir.resolve(installPath).normalize();
        if (!Files.isDirectory(install)) {
            return List.of();
        }
        List<Path> folders;
        try (Stream<Path> listed = Files.list(install)) {
            folders = listed.filter(p -> Files.isRegularFile(p.resolve(ProjectSettings.FILE_NAME))).sorted().toList();
        } catch (IOException e) {
            throw new WarehouseException("Cannot list " + install + ": " + e.getMessage());
        }
        Map<String, DbtPackage> packages = new LinkedHashMap<>();
        List<String> withModels = new ArrayList<>();
        for (Path folder : folders) {
            String where = relative(projectDir, folder);
            ProjectSettings settings = ProjectSettings.load(folder, folder.getFileName().toString(), warnings,
                    where + "/" + ProjectSettings.FILE_NAME);
            if (settings.name().equals(root.name())) {
                throw new WarehouseException(where + " is a package named '" + settings.name()
                        + "', the name of this project.", "Rename the project or remove the package.");
            }
            DbtPackage previous = packages.get(settings.name());
            if (previous != null) {
                throw new WarehouseException("Two installed packages are named '" + settings.name() + "': "
                        + relative(projectDir, previous.directory()) + " and " + where + ".",
                        "Remove one of them from " + installPath + "/ and install the packages afresh (mvn warehouse:deps).");
            }
            List<SqlFile> macros = new ArrayList<>();
            for (String macroPath : settings.macroPaths()) {
                for (Path sql : sqlFiles(folder.resolve(macroPath))) {
                    macros.add(sqlFile(projectDir, sql));
                }
            }
            for (String testPath : settings.testPaths()) {
                // {% test %} definitions, as the root project's tests/generic/
                for (Path sql : sqlFiles(folder.resolve(testPath).resolve("generic"))) {
                    macros.add(sqlFile(projectDir, sql));
                }
            }
            for (String modelPath : settings.modelPaths()) {
                if (!sqlFiles(folder.resolve(modelPath)).isEmpty()) {
                    withModels.add(settings.name());
                    break;
                }
            }
            packages.put(settings.name(), new DbtPackage(folder, settings, macros));
        }
        if (!withModels.isEmpty()) {
            warnings.add("Installed package(s) " + String.join(", ", withModels) + " have models, which are not "
                    + "built: only the macros and generic tests of packages are loaded so far.");
        }
        return List.copyOf(packages.values());
    }

    private static SqlFile sqlFile(Path projectDir, Path sql) throws WarehouseException {
        String relative = relative(projectDir, sql);
        String name = sql.getFileName().toString();
        return new SqlFile(name.substring(0, name.length() - ".sql".length()), relative,
                TextFiles.readUtf8(sql, relative));
    }

    private static List<Path> sqlFiles(Path root) throws WarehouseException {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> found = Files.find(root, Integer.MAX_VALUE,
                (p, attributes) -> p.getFileName().toString().endsWith(".sql") && Files.isRegularFile(p))) {
            return found.sorted().toList();
        } catch (IOException e) {
            throw new WarehouseException("Cannot list " + root + ": " + e.getMessage());
        }
    }

    private static String relative(Path dir, Path file) {
        return dir.relativize(file).toString().replace('\\', '/');
    }
}
