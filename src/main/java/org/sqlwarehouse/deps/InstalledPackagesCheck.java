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
 * packages.yml declares are installed, exactly as package-lock.yml locks them. A build never
 * installs packages itself; it says to run warehouse:deps.
 */
public final class InstalledPackagesCheck {
    private static final String HINT = "Run mvn warehouse:deps to install the packages (it writes "
            + PackageLock.FILE_NAME + "; commit that file so that every build installs the same versions).";

    private InstalledPackagesCheck() {
    }

    public static void verify(Path projectDirectory, ProjectSettings settings) throws WarehouseException {
        DeclaredPackages declared = PackagesFile.read(projectDirectory, PackagesFile.PACKAGES_YML, new ArrayList<>());
        if (declared.isEmpty()) {
            return;
        }
        Optional<PackageLock> lock = PackageLock.read(projectDirectory);
        if (lock.isEmpty()) {
            List<String> labels = declared.specs().stream().map(PackageSpec::label).map(Urls::masked).toList();
            throw new WarehouseException(declared.file() + " lists " + labels.size() + " package(s) that are not "
                    + "installed (there is no " + PackageLock.FILE_NAME + "): " + String.join(", ", labels) + ".", HINT);
        }
        if (!declared.sha1Hash().equals(lock.get().sha1Hash())) {
            throw new WarehouseException(declared.file() + " changed since " + PackageLock.FILE_NAME
                    + " was written: the installed packages may not be the ones it lists.", HINT);
        }
        Path install = projectDirectory.resolve(settings.packagesInstallPath()).normalize();
        String installPath = settings.packagesInstallPath();
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
                problems.add(installPath + "/" + locked.name() + " was not installed by warehouse:deps, so its "
                        + "version is unknown; " + PackageLock.FILE_NAME + " locks " + wanted);
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
}
