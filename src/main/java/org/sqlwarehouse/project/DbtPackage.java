package org.sqlwarehouse.project;

import java.nio.file.Path;
import java.util.List;

/**
 * A package that {@code dbt deps} installed under the project's packages-install-path: its macros
 * load under the package's name ({@code dbt_utils.star}), and its vars are seen by them.
 *
 * @param directory the package's folder
 * @param settings  what its own dbt_project.yml says (name, macro-paths, vars, ...)
 * @param macros    its macro files and test-paths/generic files, paths relative to the root project
 */
public record DbtPackage(Path directory, ProjectSettings settings, List<SqlFile> macros) {
    public String name() {
        return settings.name();
    }
}
