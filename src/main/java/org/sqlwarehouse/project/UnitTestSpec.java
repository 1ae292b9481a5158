package org.sqlwarehouse.project;

import java.util.List;
import java.util.Map;

/**
 * A dbt 1.8 unit test from a property file's {@code unit_tests:}: the model it tests, mock rows for
 * the model's inputs, the rows the model must then return, and what it overrides.
 *
 * @param config    tags, enabled, meta
 * @param overrides macros, vars and env_vars the model sees instead of the project's
 */
public record UnitTestSpec(String name, String model, String description, List<UnitTestInput> given,
        UnitTestRows expect, Overrides overrides, Map<String, Object> config, String file) {

    /**
     * What a unit test changes in the model's context.
     *
     * @param macros  macro name (or namespace.name) to the value its call returns
     * @param vars    var name to value
     * @param envVars environment variable to value
     */
    public record Overrides(Map<String, Object> macros, Map<String, Object> vars, Map<String, String> envVars) {
        public static final Overrides NONE = new Overrides(Map.of(), Map.of(), Map.of());
    }

    /** enabled: false in its config turns it off, as in dbt 1.9. */
    public boolean enabled() {
        Object enabled = config.get("enabled");
        return enabled == null || !(Boolean.FALSE.equals(enabled) || "false".equalsIgnoreCase(String.valueOf(enabled)));
    }

    public List<String> tags() {
        Object tags = config.get("tags");
        if (tags instanceof List<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        return tags == null ? List.of() : List.of(String.valueOf(tags));
    }
}
