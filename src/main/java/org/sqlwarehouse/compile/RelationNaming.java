package org.sqlwarehouse.compile;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.sqlwarehouse.environment.DevSchemaNaming;
import org.sqlwarehouse.environment.ResolvedTarget;
import org.sqlwarehouse.environment.ShortNames;

/**
 * Where a node's relation goes, as dbt decides it: the schema from generate_schema_name, the
 * identifier from generate_alias_name and the database from generate_database_name, each the
 * project's macro when it defines one, else dbt's default (a custom schema is appended to the
 * target's; an alias replaces the name). The plugin builds into the target's database only: a
 * node that names another one is a problem, not a relation somewhere unexpected.
 */
final class RelationNaming {
    private final TemplateRenderer renderer;
    private final CompileSettings settings;
    /** The target's database, as relations report it. */
    private final String database;
    /** A fresh render state for a naming macro's call, by the label its problems carry. */
    private final Function<String, RenderState> newState;
    private final List<String> problems;

    RelationNaming(TemplateRenderer renderer, CompileSettings settings, String database,
            Function<String, RenderState> newState, List<String> problems) {
        this.renderer = renderer;
        this.settings = settings;
        this.database = database;
        this.newState = newState;
        this.problems = problems;
    }

    /** The relation a seed or model builds, from its final config. */
    Relation relationFor(String name, Map<String, Object> config, String resourceType, List<String> fqn, String file) {
        Map<String, Object> node = new LinkedHashMap<>();
        node.put("name", name);
        node.put("resource_type", resourceType);
        node.put("fqn", fqn);
        // the project (root or installed package) the node is of: its fqn's first part
        node.put("package_name", fqn.isEmpty() ? null : fqn.get(0));
        node.put("original_file_path", file);
        node.put("config", config);

        checkDatabase(config, node, file);
        ResolvedTarget target = settings.target();
        String customSchema = custom(config.get("schema"));
        String schema;
        if (renderer.hasMacro("generate_schema_name")) {
            schema = callNamingMacro("generate_schema_name", customSchema, node, file);
            if (schema.isEmpty()) {
                problems.add(file + ": generate_schema_name returned an empty schema");
                schema = target.schema();
            }
        } else {
            schema = customSchema == null ? target.schema() : target.schema() + "_" + customSchema;
        }
        if (target.devSchema()) {
            // a dev schema is as long as the user's name; its siblings must fit, and stay apart, however long
            schema = ShortNames.fit(schema, DevSchemaNaming.MAX_IDENTIFIER_BYTES);
        }
        String customAlias = custom(config.get("alias"));
        String identifier;
        if (renderer.hasMacro("generate_alias_name")) {
            identifier = callNamingMacro("generate_alias_name", customAlias, node, file);
            if (identifier.isEmpty()) {
                problems.add(file + ": generate_alias_name returned an empty name");
                identifier = name;
            }
        } else {
            identifier = customAlias == null ? name : customAlias;
        }
        // a staged candidate is built under another name, whatever the alias
        identifier = settings.identifierOverrides().getOrDefault(name, identifier);
        // a deferred node is read where another environment has it
        var elsewhere = settings.relationOverrides().get(resourceType + "." + (fqn.isEmpty() ? "" : fqn.get(0))
                + "." + name);
        if (elsewhere != null) {
            schema = elsewhere.schema();
            identifier = elsewhere.name();
        }
        String type = "seed".equals(resourceType) ? "table"
                : "view".equals(String.valueOf(config.getOrDefault("materialized", "view"))) ? "view" : "table";
        return Relation.of(settings.dialect(), database, schema, identifier, type);
    }

    /** A node that names a database other than the target's cannot be built where it asks. */
    private void checkDatabase(Map<String, Object> config, Map<String, Object> node, String file) {
        String customDatabase = custom(config.get("database"));
        String named = renderer.hasMacro("generate_database_name")
                ? callNamingMacro("generate_database_name", customDatabase, node, file) : customDatabase;
        if (named != null && !named.isEmpty() && database != null
                && !named.toLowerCase(Locale.ROOT).equals(database.toLowerCase(Locale.ROOT))) {
            problems.add(file + ": builds into database '" + named + "' ("
                    + (customDatabase != null ? "its database config" : "generate_database_name")
                    + "), but the plugin builds into the target's database '" + database + "' only; remove the "
                    + "database config, or select a target that connects to that database");
        }
    }

    private String callNamingMacro(String macro, String custom, Map<String, Object> node, String file) {
        RenderState state = newState.apply(file + " (" + macro + ")");
        state.written = true;
        Map<String, Object> bindings = new HashMap<>();
        bindings.put("__wh_custom", custom);
        bindings.put("__wh_node", node);
        String out = renderer.render("{{ " + macro + "(__wh_custom, __wh_node) }}", state, bindings).strip();
        problems.addAll(state.problems);
        return out;
    }

    private static String custom(Object value) {
        return value == null || String.valueOf(value).isBlank() ? null : String.valueOf(value).trim();
    }
}
