package org.sqlwarehouse.deps;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.sqlwarehouse.WarehouseException;
import org.sqlwarehouse.project.ProjectSettings;

/**
 * The check every goal that loads the project makes, without the network: the packages that
 * packages.yml declares are installed, as package-lock.yml locks them. A build never installs
 * packages itself; it says to run warehouse:deps. Packages that dbt's own deps installed (no
 * install record) are taken as they are, checked against the lock's version where the package
 * says its version, so that a project brought from dbt builds unchanged.
 */
public final class InstalledPackagesCheck {
    private static final String HINT = "Run mvn warehouse:deps to install the packages (it writes "
            + PackageLock.FILE_NAME + "; commit that file so that every build installs the same versions).";

    private InstalledPackagesCheck() {
    }

    /** @param warnings receives what is worth saying but does not stop the build */
    public static void verify(Path projectDirectory, ProjectSettings settings, List<String> warnings)
            throws WarehouseException {
        DeclaredPackages declared = PackagesFile.read(projectDirectory, PackagesFile.PACKAGES_YML, new ArrayList<>());
        if (declared.isEmpty()) {
            return;
        }
        Path install = projectDirectory.resolve(settings.packagesInstallPath()).normalize();
        String installPath = settings.packagesInstallPath();
        Optional<PackageLock> lock;
        String unusableLock = null;
        try {
            lock = PackageLock.read(projectDirectory);
        } catch (WarehouseException e) {
            // an older dbt's lock (entries without name:): what is installed is all there is to go by
            lock = Optional.empty();
            unusableLock = e.getMessage();
        }
        if (lock.isEmpty()) {
            List<String> labels = declared.specs().stream().map(PackageSpec::label).map(Urls::masked).toList();
            if (installedFolders(install) < labels.size()) {
                throw new WarehouseException(declared.file() + " lists " + labels.size() + " package(s) that are not "
                        + "installed (there is no " + PackageLock.FILE_NAME + "): " + String.join(", ", labels) + ".",
                        HINT);
            }
            warnings.add(declared.file() + " is not locked (" + (unusableLock == null ? "there is no "
                    + PackageLock.FILE_NAME : PackageLock.FILE_NAME + " cannot be read here: " + unusableLock)
                    + "): using the packages " + installPath + "/ holds. " + HINT);
            return;
        }
        if (!declared.sha1Hash().equals(lock.get().sha1Hash())) {
            // dbt hashes the entries with its defaults filled in: a lock dbt wrote may differ here alone
            warnings.add(declared.file() + " changed since " + PackageLock.FILE_NAME + " was written (or dbt "
                    + "wrote the lock): the installed packages may not be the ones it lists. " + HINT);
        }
        List<String> problems = new ArrayList<>();
        for (LockedPackage locked : lock.get().packages()) {
            if (InstallRecords.installed(install, locked)) {
                continue;
            }
            String wanted = Urls.masked(locked.describe());
            Optional<Map<String, Object>> recorded = InstallRecords.read(install, locked.name());
            if (!Files.isRegularFile(install.resolve(locked.name()).resolve(ProjectSettings.FILE_NAME))) {
                problems.add(locked.name() + " (" + wanted + ") is not installed in " + installPath + "/");
            } else if (recorded.isEmpty()) {
                // installed by dbt deps: a hub package says its version in its dbt_project.yml
                Optional<String> version = declaredVersion(install.resolve(locked.name()));
                if (locked instanceof LockedPackage.Hub hub && version.isPresent()
                        && !version.get().equals(hub.version())) {
                    problems.add(installPath + "/" + locked.name() + " is version " + version.get() + ", but "
                            + PackageLock.FILE_NAME + " locks " + wanted);
                }
            } else {
                String installed = Urls.masked(LockedPackage.fromEntry(recorded.get(), installPath + "/"
                        + locked.name()).describe());
                problems.add(installPath + "/" + locked.name() + " holds " + installed + ", but "
                        + PackageLock.FILE_NAME + " locks " + wanted);
            }
        }
        if (!problems.isEmpty()) {
            throw new WarehouseException("The installed packages differ from " + PackageLock.FILE_NAME + ": "
                    + String.join("; ", problems) + ".", HINT);
        }
    }

    private static int installedFolders(Path install) {
        if (!Files.isDirectory(install)) {
            return 0;
        }
        try (java.util.stream.Stream<Path> listed = Files.list(install)) {
            return (int) listed.filter(p -> Files.isRegularFile(p.resolve(ProjectSettings.FILE_NAME))).count();
        } catch (java.io.IOException e) {
            return 0;
        }
    }

    /** The version: of a package's dbt_project.yml, if it says one. */
    private static Optional<String> declaredVersion(Path packageDir) {
        try {
            Object version = ProjectSettings.load(packageDir, packageDir.getFileName().toString()).raw().get("version");
            return version == null ? Optional.empty() : Optional.of(String.valueOf(version).strip());
        } catch (WarehouseException e) {
            return Optional.empty();
        }
    }
}
