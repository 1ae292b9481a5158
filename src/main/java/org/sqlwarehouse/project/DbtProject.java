package org.sqlwarehouse.project;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A loaded project: its settings and every node source found on disk, its installed packages'
 * nodes among them (a package's nodes have the package's name first in their fqn).
 *
 * @param sources       declared source tables by "source.table"
 * @param macros        the root project's macro files from macro-paths and test-paths/generic (a
 *                      package's are in {@link DbtPackage#macros()})
 * @param singularTests SQL files under test-paths (outside generic/)
 * @param genericTests  tests attached in property files
 * @param warnings      what the project's YAML says that is likely a mistake (a repeated key), with file and line,
 *                      and what the project holds that the plugin does not run yet (snapshots, unit_tests:, ...)
 * @param packages      the packages installed in packages-install-path (dbt_packages/), by name
 * @param unbuilt       nodes found but never built, by name: Python models and snapshots; a ref() to one fails
 * @param docs          descriptions, columns and constraints from property files, and the docs blocks
 * @param unitTests     dbt 1.8 unit tests from property files' unit_tests:
 */
public record DbtProject(Path directory, ProjectSettings settings, List<ModelSource> models, List<SeedSource> seeds,
        Map<String, SourceTable> sources, List<SqlFile> macros, List<SqlFile> singularTests,
        List<GenericTestSpec> genericTests, List<String> warnings, List<DbtPackage> packages,
        Map<String, UnbuiltNode> unbuilt, List<SnapshotSource> snapshots, ProjectDocs docs,
        List<UnitTestSpec> unitTests) {

    public DbtProject(Path directory, ProjectSettings settings, List<ModelSource> models, List<SeedSource> seeds,
            Map<String, SourceTable> sources, List<SqlFile> macros, List<SqlFile> singularTests,
            List<GenericTestSpec> genericTests, List<String> warnings, List<DbtPackage> packages,
            Map<String, UnbuiltNode> unbuilt, List<SnapshotSource> snapshots) {
        this(directory, settings, models, seeds, sources, macros, singularTests, genericTests, warnings, packages,
                unbuilt, snapshots, ProjectDocs.NONE, List.of());
    }

    public DbtProject(Path directory, ProjectSettings settings, List<ModelSource> models, List<SeedSource> seeds,
            Map<String, SourceTable> sources, List<SqlFile> macros, List<SqlFile> singularTests,
            List<GenericTestSpec> genericTests, List<String> warnings) {
        this(directory, settings, models, seeds, sources, macros, singularTests, genericTests, warnings, List.of(),
                Map.of(), List.of());
    }

    public String name() {
        return settings.name();
    }
}
