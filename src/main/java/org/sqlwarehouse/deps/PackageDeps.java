package org.sqlwarehouse.deps;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.sqlwarehouse.WarehouseException;
import org.sqlwarehouse.project.ProjectSettings;
import org.sqlwarehouse.report.BuildLog;

/**
 * warehouse:deps, as dbt deps: resolves packages.yml into package-lock.yml when there is no lock,
 * when packages.yml changed since it was written, or on upgrade; then installs exactly what the
 * lock says into the install folder, leaving alone what is installed already.
 */
public final class PackageDeps {
    private final DepsRequest request;
    private final BuildLog log;

    public PackageDeps(DepsRequest request) {
        this.request = request;
        this.log = request.log();
    }

    /** @return the packages now installed, as locked */
    public List<LockedPackage> run() throws WarehouseException {
        Path dir = request.projectDirectory();
        List<String> warnings = new ArrayList<>();
        ProjectSettings settings = ProjectSettings.load(dir, request.fallbackName(), warnings);
        DeclaredPackages declared = PackagesFile.read(dir, PackagesFile.PACKAGES_YML, warnings);
        warnings.forEach(log::warn);
        if (declared.isEmpty()) {
            log.info("No packages in packages.yml or dependencies.yml: nothing to install.");
            return List.of();
        }
        Path install = dir.resolve(settings.packagesInstallPath()).normalize();
        Path staging = install.resolve(InstallRecords.FOLDER).resolve("staging");
        Offline offline = new Offline(request.offline());
        ProxyRouting proxies = new ProxyRouting(request.proxies());
        HttpFetcher http = new HttpFetcher(proxies, offline);
        PackageFetcher fetcher = new PackageFetcher(dir, staging, new HubClient(request.hubUrl(), http), http,
                new GitFetcher(offline, proxies), request.artifacts());
        FileTrees.delete(staging);
        try {
            List<LockedPackage> packages = lockedPackages(dir, declared, settings, fetcher);
            int fresh = new PackageInstaller(install, fetcher, log).install(packages);
            log.info("Installed " + fresh + " of " + packages.size() + " package(s) into " + dir.relativize(install)
                    + "/ (the others were up to date).");
            return packages;
        } finally {
            FileTrees.delete(staging);
        }
    }

    private List<LockedPackage> lockedPackages(Path dir, DeclaredPackages declared, ProjectSettings settings,
            PackageFetcher fetcher) throws WarehouseException {
        Optional<PackageLock> lock;
        String olderLock = null;
        try {
            lock = PackageLock.read(dir);
        } catch (LockedPackage.UnnamedEntryException e) {
            // dbt 1.7's lock names no package: its pins cannot be installed by name, so resolve afresh
            lock = Optional.empty();
            olderLock = PackageLock.FILE_NAME + " was written by an older dbt (" + e.getMessage()
                    + "); it is resolved afresh and written with names";
        }
        String hash = declared.sha1Hash();
        String reason = request.upgrade() ? "-Dwarehouse.upgrade=true"
                : olderLock != null ? olderLock
                : lock.isEmpty() ? "there is no " + PackageLock.FILE_NAME
                : !hash.equals(lock.get().sha1Hash()) ? declared.file() + " changed since " + PackageLock.FILE_NAME
                        + " was written" : null;
        if (reason == null) {
            log.info("Installing the " + lock.get().packages().size() + " package(s) of " + PackageLock.FILE_NAME);
            return lock.get().packages();
        }
        log.info("Resolving the packages of " + declared.file() + " (" + reason + ")");
        List<LockedPackage> packages = new PackageResolver(fetcher, settings.name(), log).resolve(declared);
        new PackageLock(packages, hash).write(dir);
        log.info("Wrote " + PackageLock.FILE_NAME + " with " + packages.size() + " package(s)");
        return packages;
    }
}
