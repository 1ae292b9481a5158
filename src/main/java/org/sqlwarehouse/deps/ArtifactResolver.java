package org.sqlwarehouse.deps;

import java.nio.file.Path;
import org.sqlwarehouse.WarehouseException;

/**
 * Resolves a package published as a Maven artifact ({@code maven: org.acme:finance-dbt:1.2.0}) to
 * its archive, through the build tool's repositories: the core knows nothing of Maven.
 */
@FunctionalInterface
public interface ArtifactResolver {
    /** The .tar.gz a {@code warehouse:package} goal attached, in the local repository. */
    Path resolve(MavenCoordinates coordinates) throws WarehouseException;

    /** Where there is no build tool to ask. */
    ArtifactResolver NONE = coordinates -> {
        throw new WarehouseException("Package " + coordinates + " is a Maven artifact, which only the Maven goal "
                + "resolves.", "Run mvn warehouse:deps.");
    };
}
