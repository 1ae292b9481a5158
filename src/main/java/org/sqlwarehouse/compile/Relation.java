package org.sqlwarehouse.compile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.sqlwarehouse.dialect.Dialect;
import org.sqlwarehouse.jinja.Arguments;
import org.sqlwarehouse.jinja.PyCallable;
import org.sqlwarehouse.jinja.PyMapping;

/**
 * A relation as templates see it (what ref(), source() and {@code this} return, and what
 * {@code adapter.get_relation} finds): renders as the quoted, qualified name, and answers as dbt's
 * relation object does ({@code .schema}, {@code .identifier}, {@code .include()},
 * {@code .incorporate()}, ...). It is a mapping with {@code metadata.type} ending in
 * {@code Relation}, which is how packages such as dbt_utils tell a relation from a string.
 */
public final class Relation implements PyMapping {
    private final String database;
    private final String schema;
    private final String identifier;
    /** table, view, cte or null when not known (a source). */
    private final String type;
    private final String rendered;
    /** Quotes the parts when a template asks for another rendering; null for a fixed one. */
    private final Dialect dialect;
    /** What .render() gives: the name itself, also when the relation renders filtered to a batch. */
    private final String plain;

    /** A relation that renders as given: an ephemeral model's CTE, a test's filtered subquery. */
    public Relation(String schema, String identifier, String rendered) {
        this(null, schema, identifier, null, rendered, null);
    }

    private Relation(String database, String schema, String identifier, String type, String rendered,
            Dialect dialect) {
        this(database, schema, identifier, type, rendered, dialect, rendered);
    }

    private Relation(String database, String schema, String identifier, String type, String rendered,
            Dialect dialect, String plain) {
        this.plain = plain;
        this.database = database;
        this.schema = schema;
        this.identifier = identifier;
        this.type = type;
        this.rendered = rendered;
        this.dialect = dialect;
    }

    /**
     * A relation of the target's database, rendered by the dialect.
     *
     * @param type table, view, cte, or null when not known
     */
    public static Relation of(Dialect dialect, String database, String schema, String identifier, String type) {
        return new Relation(database, schema, identifier, type, dialect.qualified(schema, identifier), dialect);
    }

    /**
     * This relation read through a filter, as dbt renders a ref to an upstream with event_time in a
     * microbatch model: {@code (select * from x where ...) _dbt_et_filter_subq_x}; .render() still
     * gives the name, dbt's way to opt out of the filter.
     */
    Relation filtered(String condition) {
        String subquery = "(select * from " + plain + " where " + condition + ") _dbt_et_filter_subq_" + identifier;
        return new Relation(database, schema, identifier, type, subquery, dialect, plain);
    }

    public String getSchema() {
        return schema;
    }

    public String getIdentifier() {
        return identifier;
    }

    /** table, view, cte, or null when not known. */
    public String getType() {
        return type;
    }

    /** "schema.identifier" without quotes, as in run_results.json. */
    public String unquoted() {
        return schema + "." + identifier;
    }

    /** An ephemeral model's CTE: no schema, read by name from the WITH clause it is inlined into. */
    public boolean isCte() {
        return "cte".equals(type) || schema.isEmpty();
    }

    @Override
    public Object getAttr(String name) {
        return switch (name) {
            case "database" -> database;
            case "schema" -> schema;
            case "identifier", "name", "table" -> identifier;
            case "type" -> type;
            case "is_table" -> "table".equals(type);
            case "is_view" -> "view".equals(type);
            case "is_cte" -> isCte();
            case "is_materialized_view" -> false;
            case "path" -> path();
            case "metadata" -> metadata();
            case "render" -> (PyCallable) args -> plain;
            case "quote" -> (PyCallable) args -> this;
            case "include" -> (PyCallable) this::include;
            case "incorporate", "replace_path" -> (PyCallable) this::incorporate;
            case "without_identifier" -> (PyCallable) args -> include(true, true, false);
            case "get" -> (PyCallable) args -> {
                Object v = getItem(args.get(0, "key", null));
                return v == MISSING ? args.get(1, "default", null) : v;
            };
            default -> MISSING;
        };
    }

    /** dbt's dictionary form: path, type, metadata and the policies. */
    @Override
    public Object getItem(Object key) {
        if (!(key instanceof String name)) {
            return MISSING;
        }
        return switch (name) {
            case "path" -> path();
            case "type" -> type;
            case "metadata" -> metadata();
            case "include_policy", "quote_policy" -> Map.of("database", true, "schema", true, "identifier", true);
            default -> MISSING;
        };
    }

    private Map<String, Object> path() {
        Map<String, Object> path = new LinkedHashMap<>();
        path.put("database", database);
        path.put("schema", schema);
        path.put("identifier", identifier);
        return path;
    }

    private Map<String, Object> metadata() {
        String adapter = dialect == null ? "" : dialect.type();
        String named = switch (adapter) {
            case "duckdb" -> "DuckDB";
            case "postgres" -> "Postgres";
            default -> adapter.isEmpty() ? "" : adapter.substring(0, 1).toUpperCase(Locale.ROOT) + adapter.substring(1);
        };
        return Map.of("type", named + "Relation");
    }

    private Object include(Arguments args) {
        return include(truthy(args.get(0, "database", true)), truthy(args.get(1, "schema", true)),
                truthy(args.get(2, "identifier", true)));
    }

    private Relation include(boolean withDatabase, boolean withSchema, boolean withIdentifier) {
        if (dialect == null) {
            return this;
        }
        List<String> parts = new ArrayList<>();
        String full = dialect.qualified(schema, identifier);
        boolean hasDatabase = !full.equals(dialect.quote(schema) + "." + dialect.quote(identifier));
        if (withDatabase && hasDatabase) {
            parts.add(full.substring(0, full.length() - (dialect.quote(schema) + "." + dialect.quote(identifier))
                    .length() - 1));
        }
        if (withSchema) {
            parts.add(dialect.quote(schema));
        }
        if (withIdentifier) {
            parts.add(dialect.quote(identifier));
        }
        return new Relation(database, schema, identifier, type, String.join(".", parts), dialect);
    }

    /** incorporate(path={'schema': ..., 'identifier': ...}, type=...): a copy with those parts changed. */
    private Object incorporate(Arguments args) {
        Object pathArg = args.get(0, "path", null);
        String newSchema = schema;
        String newIdentifier = identifier;
        String newDatabase = database;
        if (pathArg instanceof Map<?, ?> path) {
            newSchema = path.get("schema") == null ? schema : String.valueOf(path.get("schema"));
            newIdentifier = path.get("identifier") == null ? identifier : String.valueOf(path.get("identifier"));
            newDatabase = path.get("database") == null ? database : String.valueOf(path.get("database"));
        }
        Object typeArg = args.get(-1, "type", null);
        String newType = typeArg == null ? type : String.valueOf(typeArg);
        if (dialect == null || (newSchema.equals(schema) && newIdentifier.equals(identifier))) {
            return new Relation(newDatabase, schema, identifier, newType, rendered, dialect);
        }
        return of(dialect, newDatabase, newSchema, newIdentifier, newType);
    }

    private static boolean truthy(Object v) {
        return v != null && !Boolean.FALSE.equals(v);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Relation r && r.rendered.equals(rendered);
    }

    @Override
    public int hashCode() {
        return rendered.hashCode();
    }

    @Override
    public String toString() {
        return rendered;
    }
}
