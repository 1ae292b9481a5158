package org.sqlwarehouse.project;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A seed CSV as found on disk.
 *
 * @param name         the file name without .csv
 * @param file         absolute path
 * @param relativePath path from the project directory with '/' separators
 * @param fqn          project name, folders below the seed path, then the name
 * @param config       config from dbt_project.yml and property files (column_types, schema, alias, ...)
 */
public record SeedSource(String name, Path file, String relativePath, List<String> fqn, Map<String, Object> config) {
}
