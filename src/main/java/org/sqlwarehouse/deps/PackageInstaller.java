package org.sqlwarehouse.deps;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.sqlwarehouse.WarehouseException;
import org.sqlwarehouse.report.BuildLog;

/**
 * Puts locked packages into the install folder, each under its name, and records what it put
 * there. A package already installed as locked is left alone (so deps offline works); a folder
 * of a package no longer locked is removed, as dbt's deps empties the folder.
 */
final class PackageInstaller {
    private final Path installDirectory;
    private final PackageFetcher fetcher;
    private final BuildLog log;

    PackageInstaller(Path installDirectory, PackageFetcher fetcher, BuildLog log) {
        this.installDirectory = installDirectory;
        this.fetcher = fetcher;
        this.log = log;
    }

    /** @return how many packages were installed afresh */
    int install(List<LockedPackage> packages) throws WarehouseException {
        int installed = 0;
        for (LockedPackage locked : packages) {
            if (InstallRecords.installed(installDirectory, locked)) {
                log.info("  " + locked.name() + ": " + Urls.masked(locked.describe()) + " (up to date)");
                continue;
            }
            Path files = fetcher.fetch(locked);
            Path target = installDirectory.resolve(locked.name());
            FileTrees.delete(target);
            if (locked instanceof LockedPackage.Local) {
                link(files, target);
            } else {
                FileTrees.copy(files, target);
            }
            InstallRecords.write(installDirectory, locked);
            log.info("  " + locked.name() + ": installed " + Urls.masked(locked.describe()));
            installed++;
        }
        removeOthers(packages);
        return installed;
    }

    /** A local package is linked, as dbt does, so that edits to it count at once; copied where links are not allowed. */
    private void link(Path files, Path target) throws WarehouseException {
        try {
            Files.createDirectories(target.getParent());
            Files.createSymbolicLink(target, files);
        } catch (IOException | UnsupportedOperationException e) {
            FileTrees.copy(files, target);
        }
    }

    private void removeOthers(List<LockedPackage> packages) throws WarehouseException {
        Set<String> keep = new HashSet<>();
        packages.forEach(p -> keep.add(p.name()));
        List<Path> children;
        try (Stream<Path> listed = Files.list(installDirectory)) {
            children = listed.sorted().toList();
        } catch (IOException e) {
            throw new WarehouseException("Cannot list " + installDirectory + ": " + e.getMessage());
        }
        for (Path child : children) {
            String name = child.getFileName().toString();
            // only what is a package, never other files a misconfigured install path may hold
            if (keep.contains(name) || name.startsWith(".") || !Files.isSymbolicLink(child)
                    && !Files.isRegularFile(child.resolve("dbt_project.yml"))) {
                continue;
            }
            FileTrees.delete(child);
            InstallRecords.delete(installDirectory, name);
            log.info("  " + name + ": removed (no longer in package-lock.yml)");
        }
    }
}
