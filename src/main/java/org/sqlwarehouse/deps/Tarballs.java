package org.sqlwarehouse.deps;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.sqlwarehouse.WarehouseException;

/**
 * Unpacks a package's .tar.gz (a hub download or a {@code tarball:} package). As in dbt, the
 * archive holds one folder, the package; entries that would land outside it, and links, are refused.
 */
final class Tarballs {
    private Tarballs() {
    }

    /**
     * @param archive the downloaded .tar.gz
     * @param into    an empty folder
     * @param source  the URL, for messages
     * @return the package's folder inside {@code into}
     */
    static Path extract(Path archive, Path into, String source) throws WarehouseException {
        try (InputStream file = new BufferedInputStream(Files.newInputStream(archive));
                TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(file))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                Path target = into.resolve(entry.getName()).normalize();
                if (!target.startsWith(into) || target.equals(into)) {
                    if (target.equals(into)) {
                        continue; // "./"
                    }
                    throw new WarehouseException(source + " holds '" + entry.getName() + "', outside the package.",
                            "Only a tarball whose entries stay inside its folder is installed.");
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else if (entry.isFile()) {
                    Files.createDirectories(target.getParent());
                    Files.copy(tar, target, StandardCopyOption.REPLACE_EXISTING);
                }
                // links and devices are left out: a package is SQL and YAML
            }
        } catch (IOException e) {
            throw new WarehouseException("Cannot unpack " + source + ": " + e.getMessage() + ".",
                    "The URL must give a .tar.gz archive of one folder holding the package's dbt_project.yml.", e);
        }
        return packageFolder(into, source);
    }

    private static Path packageFolder(Path into, String source) throws WarehouseException {
        List<Path> top;
        try (Stream<Path> listed = Files.list(into)) {
            // macOS tar adds ._ files beside the folder
            top = listed.filter(p -> !p.getFileName().toString().startsWith("._")).toList();
        } catch (IOException e) {
            throw new WarehouseException("Cannot list " + into + ": " + e.getMessage());
        }
        if (top.size() != 1 || !Files.isDirectory(top.get(0))) {
            throw new WarehouseException("The archive " + source + " holds " + top.size()
                    + " entries at its top, not one folder.",
                    "A package's tarball holds one folder, <name>/, with the package's dbt_project.yml in it, as dbt "
                            + "requires.");
        }
        return top.get(0);
    }
}
