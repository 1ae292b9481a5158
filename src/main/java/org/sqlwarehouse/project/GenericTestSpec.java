package org.sqlwarehouse.project;

import java.util.Map;

/**
 * A generic data test attached in a property file, e.g. {@code not_null} on a column.
 *
 * @param testName   unique, not_null, accepted_values, relationships or a custom generic test
 * @param targetKind model, seed or source
 * @param targetName the model or seed name, or "src.table" for a source
 * @param columnName the column, or null for a model-level test
 * @param arguments  the test's arguments (values, to, field, ...)
 * @param config     severity, where, enabled, ...
 * @param file       the property file, relative to the project directory
 * @param customName the name the property file gives the test, or null for dbt's generated one
 */
public record GenericTestSpec(String testName, String targetKind, String targetName, String columnName,
        Map<String, Object> arguments, Map<String, Object> config, String file, String customName) {

    public GenericTestSpec(String testName, String targetKind, String targetName, String columnName,
            Map<String, Object> arguments, Map<String, Object> config, String file) {
        this(testName, targetKind, targetName, columnName, arguments, config, file, null);
    }
}
