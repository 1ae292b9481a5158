package org.sqlwarehouse.deps;

import java.util.List;

/**
 * One entry of a packages.yml, as dbt reads it, with who asked for it: the project's own
 * packages.yml or an installed package (for messages about conflicts).
 */
public sealed interface PackageSpec {
    /** What two entries for the same package share, so that their requirements are merged. */
    String key();

    /** The package as messages name it, e.g. "dbt-labs/dbt_utils" or a git URL. */
    String label();

    /** Who asked for it: "packages.yml" or a package and its version. */
    String requiredBy();

    /** {@code local: ../path}, relative to the root project, as in dbt. */
    record Local(String path, String requiredBy) implements PackageSpec {
        @Override
        public String key() {
            return "local:" + path;
        }

        @Override
        public String label() {
            return path;
        }

    }

    /**
     * {@code git: <url>} with an optional {@code revision} (branch, tag or commit; default the
     * repository's HEAD) and {@code subdirectory}.
     */
    record Git(String url, String revision, String subdirectory, String requiredBy) implements PackageSpec {
        @Override
        public String key() {
            // dbt treats https://x/y and https://x/y.git as one repository
            String base = url.endsWith(".git") ? url.substring(0, url.length() - 4) : url;
            return "git:" + base + (subdirectory == null ? "" : "/" + subdirectory);
        }

        @Override
        public String label() {
            return url + (subdirectory == null ? "" : " (subdirectory " + subdirectory + ")");
        }

    }

    /** {@code maven: groupId:artifactId:version}: a package a warehouse module published. */
    record Maven(MavenCoordinates coordinates, String requiredBy) implements PackageSpec {
        @Override
        public String key() {
            return "maven:" + coordinates.groupId() + ":" + coordinates.artifactId() + ":" + coordinates.classifier();
        }

        @Override
        public String label() {
            return coordinates.toString();
        }
    }

    /** {@code tarball: <url>} with the {@code name} it installs under. */
    record Tarball(String url, String name, String requiredBy) implements PackageSpec {
        @Override
        public String key() {
            return "tarball:" + url;
        }

        @Override
        public String label() {
            return url;
        }

    }

    /**
     * {@code package: org/name} from the hub, with dbt's {@code version:} (one or a list of
     * specifiers) and {@code install-prerelease}.
     */
    record Hub(String name, List<String> versions, VersionRange range, boolean installPrerelease,
            String requiredBy) implements PackageSpec {
        @Override
        public String key() {
            return "hub:" + name;
        }

        @Override
        public String label() {
            return name;
        }

    }
}
