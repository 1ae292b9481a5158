package org.sqlwarehouse.project;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A model file as found on disk, before rendering.
 *
 * @param name         the file name without .sql, the name ref() uses
 * @param file         absolute path
 * @param relativePath path from the project directory with '/' separators, e.g. models/staging/stg_orders.sql
 * @param fqn          project name, folders below the model path, then the name
 * @param sql          the raw template
 * @param config       config from dbt_project.yml and property files; in-file config() comes later
 */
public record ModelSource(String name, Path file, String relativePath, List<String> fqn, String sql,
        Map<String, Object> config) {
}
