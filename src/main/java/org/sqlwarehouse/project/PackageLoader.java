package org.sqlwarehouse.project;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.sqlwarehouse.WarehouseException;

/**
 * Finds the packages installed in a project's packages-install-path (dbt's default:
 * {@code dbt_packages}): every folder there with a dbt_project.yml is a package named by its
 * {@code name:}. Each one's nodes are found as the root project's are, by the folders of its own
 * dbt_project.yml, so that its models, seeds, snapshots and tests are built with the project's.
 */
final class PackageLoader {
    static final String DEFAULT_INSTALL_PATH = "dbt_packages";

    /** Finds one project's nodes: the loader's own way, see {@link ProjectLoader#nodes}. */
    interface NodeFinder {
        ProjectNodes find(Path folder, ProjectSettings settings) throws WarehouseException;
    }

    /** An installed package and the nodes found in it. */
    record Loaded(DbtPackage dbtPackage, ProjectNodes nodes) {
    }

    private PackageLoader() {
    }

    static List<Loaded> load(Path projectDir, ProjectSettings root, List<String> warnings, NodeFinder finder)
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
        Map<String, Loaded> packages = new LinkedHashMap<>();
        for (Path folder : folders) {
            String where = ProjectLoader.relative(projectDir, folder);
            ProjectSettings settings = ProjectSettings.load(folder, folder.getFileName().toString(), warnings,
                    where + "/" + ProjectSettings.FILE_NAME);
            if (settings.name().equals(root.name())) {
                throw new WarehouseException(where + " is a package named '" + settings.name()
                        + "', the name of this project.", "Rename the project or remove the package.");
            }
            Loaded previous = packages.get(settings.name());
            if (previous != null) {
                throw new WarehouseException("Two installed packages are named '" + settings.name() + "': "
                        + ProjectLoader.relative(projectDir, previous.dbtPackage().directory()) + " and " + where + ".",
                        "Remove one of them from " + installPath + "/ and install the packages afresh (mvn warehouse:deps).");
            }
            ProjectNodes nodes = finder.find(folder, settings);
            packages.put(settings.name(), new Loaded(new DbtPackage(folder, settings, nodes.macros()), nodes));
        }
        return List.copyOf(packages.values());
    }
}
