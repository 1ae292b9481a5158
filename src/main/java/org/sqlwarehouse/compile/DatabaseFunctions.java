package org.sqlwarehouse.compile;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.sqlwarehouse.dialect.ColumnDescription;
import org.sqlwarehouse.dialect.Dialect;
import org.sqlwarehouse.jinja.Arguments;
import org.sqlwarehouse.jinja.Py;
import org.sqlwarehouse.jinja.PyCallable;
import org.sqlwarehouse.jinja.PyObject;

/**
 * The template functions that ask the database: the {@code adapter} methods
 * ({@code get_columns_in_relation}, {@code get_relation}, {@code execute}, ...), {@code load_relation},
 * {@code store_result}/{@code load_result} behind dbt's {@code statement} block, and {@code api}.
 * Each asks the {@link DatabaseAccess} of the render it is in, so that the same template renders
 * at compile time without a connection and at run time with one.
 */
final class DatabaseFunctions {
    private final Dialect dialect;
    /** The target's database (DuckDB's catalog), as relations report it. */
    private final String database;

    DatabaseFunctions(Dialect dialect, String database) {
        this.dialect = dialect;
        this.database = database;
    }

    private static RenderState state() {
        RenderState state = RenderState.current();
        if (state == null) {
            throw new IllegalStateException("template function called outside a render");
        }
        return state;
    }

    /** The global functions: load_relation, store_result, load_result. */
    Map<String, Object> globals() {
        Map<String, Object> fns = new HashMap<>();
        fns.put("load_relation", (PyCallable) this::loadRelation);
        fns.put("store_result", (PyCallable) DatabaseFunctions::storeResult);
        fns.put("load_result", (PyCallable) DatabaseFunctions::loadResult);
        fns.put("api", new Api());
        return fns;
    }

    /** An adapter method that asks the database, or {@link PyObject#MISSING}. */
    Object adapterMethod(String name) {
        return switch (name) {
            case "get_columns_in_relation" -> (PyCallable) this::columnsIn;
            case "get_relation" -> (PyCallable) this::getRelation;
            case "load_relation" -> (PyCallable) this::loadRelation;
            case "execute" -> (PyCallable) DatabaseFunctions::execute;
            case "drop_relation" -> (PyCallable) args -> {
                Relation r = relationArg(args, 0, "relation");
                state().database.dropRelation(r.getSchema(), r.getIdentifier(), r.getType());
                return null;
            };
            case "create_schema" -> (PyCallable) args -> {
                state().database.createSchema(relationArg(args, 0, "relation").getSchema());
                return null;
            };
            case "drop_schema" -> (PyCallable) args -> {
                state().database.dropSchema(relationArg(args, 0, "relation").getSchema());
                return null;
            };
            case "check_schema_exists" -> (PyCallable) args ->
                    state().database.schemaExists(Py.str(args.get(1, "schema", null)));
            case "get_missing_columns" -> (PyCallable) this::missingColumns;
            default -> PyObject.MISSING;
        };
    }

    private Object columnsIn(Arguments args) {
        Relation relation = relationArg(args, 0, "relation");
        if (relation.isCte()) {
            throw new org.sqlwarehouse.jinja.TemplateException(org.sqlwarehouse.jinja.TemplateException.Kind.VALUE, "get_columns_in_relation: " + relation.getIdentifier()
                    + " is an ephemeral model, which has no relation in the database");
        }
        List<Object> out = new ArrayList<>();
        for (ColumnDescription column : state().database.columns(relation.getSchema(), relation.getIdentifier())) {
            out.add(new TemplateColumn(column));
        }
        return out;
    }

    private Object missingColumns(Arguments args) {
        Relation from = relationArg(args, 0, "from_relation");
        Relation to = relationArg(args, 1, "to_relation");
        DatabaseAccess db = state().database;
        List<String> present = new ArrayList<>();
        for (ColumnDescription c : db.columns(to.getSchema(), to.getIdentifier())) {
            present.add(c.name().toLowerCase(java.util.Locale.ROOT));
        }
        List<Object> out = new ArrayList<>();
        for (ColumnDescription c : db.columns(from.getSchema(), from.getIdentifier())) {
            if (!present.contains(c.name().toLowerCase(java.util.Locale.ROOT))) {
                out.add(new TemplateColumn(c));
            }
        }
        return out;
    }

    /** adapter.get_relation(database, schema, identifier): the relation if it exists, else none. */
    private Object getRelation(Arguments args) {
        Object schema = args.get(1, "schema", null);
        Object identifier = args.get(2, "identifier", null);
        if (schema == null || identifier == null) {
            throw new org.sqlwarehouse.jinja.TemplateException(org.sqlwarehouse.jinja.TemplateException.Kind.VALUE, "get_relation() takes database, schema and identifier");
        }
        return find(Py.str(schema), Py.str(identifier));
    }

    /** load_relation(relation): the relation as the database has it, else none. */
    private Object loadRelation(Arguments args) {
        Relation relation = relationArg(args, 0, "relation");
        if (relation.isCte()) {
            return null;
        }
        return find(relation.getSchema(), relation.getIdentifier());
    }

    private Relation find(String schema, String identifier) {
        Optional<String> type = state().database.relationType(schema, identifier);
        return type.map(t -> Relation.of(dialect, database, schema, identifier, t)).orElse(null);
    }

    /** adapter.execute(sql, auto_begin=False, fetch=False): (response, table). */
    private static Object execute(Arguments args) {
        String sql = Py.str(args.get(0, "sql", ""));
        boolean fetch = Py.truthy(args.get(2, "fetch", false));
        QueryResult result = state().database.execute(sql, fetch);
        return List.of(new AdapterResponse(result.rowsAffected()), new AgateTable(result));
    }

    /** store_result(name, response, agate_table): what load_result(name) returns. */
    private static Object storeResult(Arguments args) {
        String name = Py.str(args.get(0, "name", null));
        Object table = args.get(2, "agate_table", null);
        Map<String, Object> stored = new HashMap<>();
        stored.put("response", args.get(1, "response", null));
        stored.put("table", table);
        stored.put("data", table instanceof AgateTable t ? t.data() : List.of());
        state().statementResults.put(name, stored);
        return "";
    }

    /** load_result(name): what the statement of that name stored, none when it did not run. */
    private static Object loadResult(Arguments args) {
        return state().statementResults.get(Py.str(args.get(0, "name", null)));
    }

    private static Relation relationArg(Arguments args, int index, String name) {
        Object value = args.get(index, name, null);
        if (value instanceof Relation r) {
            return r;
        }
        throw new org.sqlwarehouse.jinja.TemplateException(org.sqlwarehouse.jinja.TemplateException.Kind.VALUE, "expected a relation (ref(), source(), this or api.Relation.create()), "
                + "got " + Py.repr(value));
    }

    /** dbt's AdapterResponse: what the database said of a statement. */
    static final class AdapterResponse implements PyObject {
        private final long rowsAffected;

        AdapterResponse(long rowsAffected) {
            this.rowsAffected = rowsAffected;
        }

        @Override
        public Object getAttr(String name) {
            return switch (name) {
                case "_message", "code" -> toString();
                case "rows_affected" -> rowsAffected;
                default -> MISSING;
            };
        }

        @Override
        public String toString() {
            return rowsAffected < 0 ? "OK" : "OK " + rowsAffected;
        }
    }

    /** {@code api}: Relation.create and Column, to make relations and columns by name. */
    final class Api implements PyObject {
        @Override
        public Object getAttr(String name) {
            return switch (name) {
                case "Relation" -> new RelationApi();
                case "Column" -> new ColumnApi();
                default -> MISSING;
            };
        }
    }

    final class RelationApi implements PyObject {
        @Override
        public Object getAttr(String name) {
            return switch (name) {
                case "create" -> (PyCallable) args -> {
                    Object schema = args.get(1, "schema", null);
                    Object identifier = args.get(2, "identifier", null);
                    Object type = args.get(3, "type", null);
                    Object db = args.get(0, "database", null);
                    return Relation.of(dialect, db == null ? database : Py.str(db),
                            schema == null ? "" : Py.str(schema), identifier == null ? "" : Py.str(identifier),
                            type == null ? null : Py.str(type).toLowerCase(java.util.Locale.ROOT)
                                    .replace("base table", "table"));
                };
                case "add_ephemeral_prefix" -> (PyCallable) args -> Ephemerals.PREFIX + Py.str(args.get(0, "name", ""));
                default -> MISSING;
            };
        }
    }

    /** api.Column(name, dtype, char_size=..., numeric_precision=..., numeric_scale=...). */
    static final class ColumnApi implements PyObject, PyCallable {
        @Override
        public Object call(Arguments args) {
            return new TemplateColumn(new ColumnDescription(Py.str(args.get(0, "column", null)),
                    Py.str(args.get(1, "dtype", null)), intArg(args.get(2, "char_size", null)),
                    intArg(args.get(3, "numeric_precision", null)), intArg(args.get(4, "numeric_scale", null))));
        }

        @Override
        public Object getAttr(String name) {
            return switch (name) {
                case "create" -> (PyCallable) args -> new TemplateColumn(new ColumnDescription(
                        Py.str(args.get(0, "name", null)), Py.str(args.get(1, "label_or_dtype", null)), null, null,
                        null));
                default -> MISSING;
            };
        }

        private static Integer intArg(Object v) {
            return v == null ? null : ((Number) v).intValue();
        }
    }
}
