package org.sqlwarehouse.project;

/**
 * A project SQL file that is not a model: a macro file or a singular test.
 *
 * @param name         file name without .sql
 * @param relativePath from the project directory, with '/' separators
 */
public record SqlFile(String name, String relativePath, String sql) {
}
