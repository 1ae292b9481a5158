package org.sqlwarehouse.deps;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.sqlwarehouse.WarehouseException;
import org.sqlwarehouse.project.ProjectSettings;

/**
 * A project as a package archive, the way the hub serves them: a .tar.gz of one folder holding
 * dbt_project.yml, packages.yml and the folders dbt_project.yml names (models, seeds, macros,
 * tests, snapshots, analyses). What {@code warehouse:package} attaches for other projects to install.
 */
public final class PackageArchive {
    private PackageArchive() {
    }

    /**
     * @param folder the archive's one top folder (the package's name is its dbt_project.yml's, not this)
     * @return the number of files written
     */
    public static int write(Path projectDirectory, String folder, Path archive) throws WarehouseException {
        ProjectSettings settings = ProjectSettings.load(projectDirectory, folder);
        Set<String> roots = new LinkedHashSet<>(List.of(ProjectSettings.FILE_NAME, "packages.yml", "dependencies.yml"));
        roots.addAll(settings.modelPaths());
        roots.addAll(settings.seedPaths());
        roots.addAll(settings.macroPaths());
        roots.addAll(settings.testPaths());
        for (String key : List.of("snapshot-paths", "analysis-paths")) {
            Object paths = settings.raw().get(key);
            if (paths instanceof List<?> list) {
                list.forEach(p -> roots.add(String.valueOf(p)));
            }
        }
        roots.add("snapshots");
        roots.add("analyses");
        List<Path> files = new ArrayList<>();
        for (String root : roots) {
            Path path = projectDirectory.resolve(root).normalize();
            if (!path.startsWith(projectDirectory)) {
                continue; // a folder outside the project is not the project's to publish
            }
            try (Stream<Path> walk = Files.isDirectory(path) ? Files.walk(path) : Stream.of(path)) {
                walk.filter(Files::isRegularFile).sorted().forEach(files::add);
            } catch (IOException e) {
                throw new WarehouseException("Cannot list " + path + ": " + e.getMessage());
            }
        }
        try {
            Files.createDirectories(archive.toAbsolutePath().getParent());
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(archive));
                    TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(out))) {
                tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
                for (Path file : files) {
                    String name = folder + "/" + projectDirectory.relativize(file).toString().replace('\\', '/');
                    TarArchiveEntry entry = new TarArchiveEntry(file.toFile(), name);
                    tar.putArchiveEntry(entry);
                    Files.copy(file, tar);
                    tar.closeArchiveEntry();
                }
            }
        } catch (IOException e) {
            throw new WarehouseException("Cannot write " + archive + ": " + e.getMessage());
        }
        return files.size();
    }
}
