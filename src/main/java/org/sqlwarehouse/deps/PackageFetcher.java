package org.sqlwarehouse.deps;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import org.sqlwarehouse.WarehouseException;
import org.sqlwarehouse.project.ProjectSettings;

/**
 * Brings a package's files onto this machine, into a staging folder: a git checkout, an unpacked
 * tarball or hub download, or a local folder as it is. Each is fetched once per run, so what
 * resolving fetched is what gets installed.
 */
final class PackageFetcher {
    private final Path projectDirectory;
    private final Path staging;
    private final HubClient hub;
    private final HttpFetcher http;
    private final GitFetcher git;
    private final ArtifactResolver artifacts;
    private final Map<String, Path> fetched = new HashMap<>();
    private final Map<String, GitFetcher.Checkout> checkouts = new HashMap<>();
    private int folders;

    PackageFetcher(Path projectDirectory, Path staging, HubClient hub, HttpFetcher http, GitFetcher git,
            ArtifactResolver artifacts) {
        this.artifacts = artifacts;
        this.projectDirectory = projectDirectory;
        this.staging = staging;
        this.hub = hub;
        this.http = http;
        this.git = git;
    }

    HubClient hub() {
        return hub;
    }

    /** A local package's folder: relative to the root project, as in dbt. */
    Path local(String path) throws WarehouseException {
        Path dir = projectDirectory.resolve(path).normalize();
        if (!Files.isDirectory(dir)) {
            throw new WarehouseException("Local package '" + path + "' is not a folder (looked for " + dir + ").",
                    "local: paths are relative to the project directory, as in dbt.");
        }
        return dir;
    }

    GitFetcher.Checkout git(String url, String revision, String subdirectory) throws WarehouseException {
        String key = url + "@" + revision + "/" + subdirectory;
        GitFetcher.Checkout checkout = checkouts.get(key);
        if (checkout == null) {
            checkout = git.checkout(url, revision, subdirectory, newFolder());
            checkouts.put(key, checkout);
            // the commit names the same checkout when the lock asks for it
            checkouts.put(url + "@" + checkout.commit() + "/" + subdirectory, checkout);
        }
        return checkout;
    }

    Path tarball(String url, String forWhat) throws WarehouseException {
        Path dir = fetched.get(url);
        if (dir == null) {
            Path folder = newFolder();
            Path archive = folder.resolve("package.tar.gz");
            URI uri = URI.create(url);
            if ("file".equals(uri.getScheme())) {
                archive = Path.of(uri);
            } else {
                http.download(uri, archive, forWhat);
            }
            Path unpacked = folder.resolve("unpacked");
            createDirectories(unpacked);
            dir = Tarballs.extract(archive, unpacked, Urls.masked(url));
            fetched.put(url, dir);
        }
        return dir;
    }

    /** A package published as a Maven artifact: its archive, resolved through Maven, unpacked. */
    Path maven(MavenCoordinates coordinates) throws WarehouseException {
        String key = "maven:" + coordinates;
        Path dir = fetched.get(key);
        if (dir == null) {
            Path archive = artifacts.resolve(coordinates);
            Path unpacked = newFolder().resolve("unpacked");
            createDirectories(unpacked);
            dir = Tarballs.extract(archive, unpacked, coordinates.toString());
            fetched.put(key, dir);
        }
        return dir;
    }

    Path hubPackage(String name, String version) throws WarehouseException {
        SemanticVersion wanted = SemanticVersion.tryParse(version).orElse(null);
        HubClient.HubVersion found = wanted == null ? null : hub.versions(name).get(wanted);
        if (found == null) {
            throw new WarehouseException("The hub at " + hub.url() + " has no version " + version + " of " + name + ".",
                    "Run mvn warehouse:deps -Dwarehouse.upgrade=true to resolve the versions again.");
        }
        return tarball(found.tarball().toString(), "hub package " + name + " " + version);
    }

    /** The files of a locked package, fetched if need be. */
    Path fetch(LockedPackage locked) throws WarehouseException {
        if (locked instanceof LockedPackage.Local l) {
            return local(l.path());
        }
        if (locked instanceof LockedPackage.Git g) {
            return git(g.url(), g.revision(), g.subdirectory()).packageDirectory();
        }
        if (locked instanceof LockedPackage.Tarball t) {
            return tarball(t.url(), "tarball package " + t.name());
        }
        if (locked instanceof LockedPackage.Maven m) {
            return maven(MavenCoordinates.parse(m.coordinates(), "package-lock.yml"));
        }
        LockedPackage.Hub h = (LockedPackage.Hub) locked;
        return hubPackage(h.packageName(), h.version());
    }

    /** The dbt_project.yml name of fetched files. */
    static String projectName(Path dir, String label) throws WarehouseException {
        if (!Files.isRegularFile(dir.resolve(ProjectSettings.FILE_NAME))) {
            throw new WarehouseException("Package " + label + " has no " + ProjectSettings.FILE_NAME + ".",
                    "A dbt package is a folder with a dbt_project.yml naming it; for a git repository holding it "
                            + "in a folder, give subdirectory:.");
        }
        return ProjectSettings.load(dir, null, new ArrayList<>()).name();
    }

    private Path newFolder() throws WarehouseException {
        Path folder = staging.resolve(String.valueOf(++folders));
        createDirectories(folder);
        return folder;
    }

    private static void createDirectories(Path dir) throws WarehouseException {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new WarehouseException("Cannot create " + dir + ": " + e.getMessage());
        }
    }
}
