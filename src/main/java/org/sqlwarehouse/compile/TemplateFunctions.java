package org.sqlwarehouse.compile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sqlwarehouse.jinja.Arguments;
import org.sqlwarehouse.jinja.MacroReturn;
import org.sqlwarehouse.jinja.Py;
import org.sqlwarehouse.jinja.PyCallable;
import org.sqlwarehouse.jinja.PyObject;

/**
 * dbt's template functions. Each finds the render it belongs to through {@link RenderState#current()}
 * and the line of the call in its {@link Arguments}. Problems are recorded with their line rather
 * than thrown, so that one compile reports every broken ref and var at once.
 */
public final class TemplateFunctions {
    private static final ObjectMapper JSON = new ObjectMapper();

    private TemplateFunctions() {
    }

    private static RenderState state() {
        RenderState state = RenderState.current();
        if (state == null) {
            throw new IllegalStateException("template function called outside a render");
        }
        return state;
    }

    /** Every function by the name templates call it. */
    static Map<String, PyCallable> all() {
        Map<String, PyCallable> fns = new LinkedHashMap<>();
        fns.put("ref", TemplateFunctions::ref);
        fns.put("source", TemplateFunctions::source);
        fns.put("var", TemplateFunctions::var);
        fns.put("env_var", TemplateFunctions::env_var);
        fns.put("config", TemplateFunctions::config);
        fns.put("set_sql_header", TemplateFunctions::set_sql_header);
        fns.put("log", TemplateFunctions::log);
        fns.put("is_incremental", TemplateFunctions::is_incremental);
        fns.put("return", TemplateFunctions::dbt_return);
        fns.put("tojson", TemplateFunctions::tojson);
        fns.put("fromjson", TemplateFunctions::fromjson);
        fns.put("should_full_refresh", shouldFullRefresh(false));
        fns.put("should_store_failures", TemplateFunctions::should_store_failures);
        fns.put("set", TemplateFunctions::set);
        fns.put("local_md5", TemplateFunctions::local_md5);
        fns.put("print", TemplateFunctions::print);
        fns.put("zip", TemplateFunctions::zip);
        fns.put("toyaml", YamlFunctions::toyaml);
        fns.put("fromyaml", YamlFunctions::fromyaml);
        return fns;
    }

    /** ref('model') or ref('package', 'model'): the package is the root project or an installed one. */
    public static Object ref(Arguments args) {
        RenderState state = state();
        List<Object> positional = positional(args);
        if (positional.isEmpty() || positional.size() > 2) {
            state.problem(args, "ref() takes a model name, or a package and a model name");
            return "";
        }
        String name = String.valueOf(positional.get(positional.size() - 1));
        Relation relation = state.refResolver.apply(name);
        String packageName = positional.size() == 2 ? String.valueOf(positional.get(0)) : null;
        state.refs.add(new RenderState.RefCall(name, args.line(), relation, state.where(args), packageName));
        return relation == null ? new Relation("__unresolved__", name, "__unresolved_ref_" + name)
                : state.filteredToBatch(relation, state.upstream.refs().get(name));
    }

    /** source('source_name', 'table_name'), as declared under sources: in a property file. */
    public static Object source(Arguments args) {
        RenderState state = state();
        List<Object> positional = positional(args);
        if (positional.size() != 2) {
            state.problem(args, "source() takes a source name and a table name");
            return "";
        }
        String key = positional.get(0) + "." + positional.get(1);
        state.sources.add(new RenderState.SourceCall(String.valueOf(positional.get(0)),
                String.valueOf(positional.get(1)), args.line(), state.where(args)));
        Relation relation = state.sourceResolver.apply(key);
        return relation == null ? new Relation("__unresolved__", key, "__unresolved_source_" + key)
                : state.filteredToBatch(relation, state.upstream.sources().get(key));
    }

    /** var('name') or var('name', default): vars from the command line win over dbt_project.yml. */
    public static Object var(Arguments args) {
        RenderState state = state();
        List<Object> positional = positional(args);
        if (positional.isEmpty() || positional.size() > 2) {
            state.problem(args, "var() takes a name and an optional default");
            return "";
        }
        String name = String.valueOf(positional.get(0));
        if (state.vars.containsKey(name)) {
            return state.vars.get(name);
        }
        if (positional.size() == 2) {
            return positional.get(1);
        }
        state.problem(args, "Required var '" + name + "' not found in dbt_project.yml vars or warehouse.vars");
        return "";
    }

    /**
     * var() inside an installed package's macros: the package's own vars, under the root project's
     * and the command line's (all merged in vars).
     */
    static PyCallable packageVar(String packageName, Map<String, Object> vars) {
        return args -> {
            List<Object> positional = positional(args);
            if (positional.isEmpty() || positional.size() > 2) {
                state().problem(args.line(), "var() takes a name and an optional default");
                return "";
            }
            String name = String.valueOf(positional.get(0));
            if (vars.containsKey(name)) {
                // a copy: a render that changes it changes it for itself alone
                return MutableCopies.of(vars.get(name));
            }
            if (positional.size() == 2) {
                return positional.get(1);
            }
            state().problem(args.line(), "Required var '" + name + "' not found in the vars of package '"
                    + packageName + "', dbt_project.yml or warehouse.vars");
            return "";
        };
    }

    /** env_var('NAME') or env_var('NAME', default). */
    public static Object env_var(Arguments args) {
        RenderState state = state();
        List<Object> positional = positional(args);
        if (positional.isEmpty() || positional.size() > 2) {
            state.problem(args, "env_var() takes a name and an optional default");
            return "";
        }
        String name = String.valueOf(positional.get(0));
        String value = state.environment.get(name);
        if (value != null) {
            return value;
        }
        if (positional.size() == 2) {
            return positional.get(1) == null ? null : String.valueOf(positional.get(1));
        }
        state.problem(args, "Env var required but not provided: '" + name + "'");
        return "";
    }

    /** config(materialized='table', ...): recorded, renders as nothing. */
    public static Object config(Arguments args) {
        RenderState state = state();
        args.keywords().forEach((k, v) -> state.configCalls.put(k, plain(v)));
        for (Object arg : args.positional()) {
            if (arg instanceof Map<?, ?> map) {
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    state.configCalls.put(String.valueOf(e.getKey()), plain(e.getValue()));
                }
            } else if (arg != null) {
                state.problem(args, "config() takes keyword arguments, e.g. config(materialized='table')");
            }
        }
        return "";
    }

    /**
     * dbt's {@code {% call set_sql_header(config) %}...{% endcall %}}: the block's text becomes the
     * node's sql_header config, run before its create statement.
     */
    public static Object set_sql_header(Arguments args) {
        RenderState state = state();
        if (!(args.keywords().get("caller") instanceof org.sqlwarehouse.jinja.PyCallable caller)) {
            state.problem(args, "set_sql_header() is called as a block: {% call set_sql_header(config) %}"
                    + "...{% endcall %}");
            return "";
        }
        state.configCalls.put("sql_header", Py.str(caller.call(args.with(List.of()))));
        return "";
    }

    /** True in the variant of an incremental model that runs against an existing table. */
    public static Object is_incremental(Arguments args) {
        return state().incremental;
    }

    /**
     * dbt's should_full_refresh(): the node's full_refresh config when it sets one, else
     * flags.FULL_REFRESH (warehouse.fullRefresh). The config seen is what the template's config()
     * calls set before this call.
     */
    static PyCallable shouldFullRefresh(boolean fullRefreshFlag) {
        return args -> {
            Object configured = state().configCalls.get("full_refresh");
            return configured == null ? fullRefreshFlag : Py.truthy(configured);
        };
    }

    /**
     * dbt's should_store_failures(): the node's store_failures config when it sets one, else
     * flags.STORE_FAILURES, false.
     */
    public static Object should_store_failures(Arguments args) {
        Object configured = state().configCalls.get("store_failures");
        return configured == null ? false : Py.truthy(configured);
    }

    /** log(msg) at debug, log(msg, info=True) at info. */
    public static Object log(Arguments args) {
        RenderState state = state();
        List<Object> positional = positional(args);
        boolean info = Py.truthy(args.get(1, "info", false));
        String message = positional.isEmpty() ? "" : Py.str(positional.get(0));
        if (info) {
            state.log.info(message);
        } else {
            state.log.debug(message);
        }
        return "";
    }

    /** dbt's local_md5(text): the hex MD5 of the text's UTF-8 bytes. */
    public static Object local_md5(Arguments args) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("MD5").digest(
                    Py.str(args.get(0, "value", "")).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(digest);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** dbt's print(msg): to the build's output, at info. */
    public static Object print(Arguments args) {
        state().log.info(Py.str(args.get(0, "msg", "")));
        return "";
    }

    /** Python's set(iterable), as dbt offers it: the distinct items, in first-seen order. */
    public static Object set(Arguments args) {
        Object items = args.get(0, "value", null);
        java.util.Set<Object> out = new java.util.LinkedHashSet<>();
        if (items != null) {
            for (Object item : Py.iterate(items)) {
                out.add(item);
            }
        }
        return out;
    }

    /**
     * Python's zip(a, b, ...): tuples of the items at each position, as long as the shortest; reads
     * no further, so an endless itertools.count() can be zipped with a list.
     */
    public static Object zip(Arguments args) {
        List<java.util.Iterator<?>> iterators = new ArrayList<>();
        for (Object arg : args.positional()) {
            iterators.add(Py.iterate(arg).iterator());
        }
        List<Object> out = new ArrayList<>();
        while (!iterators.isEmpty()) {
            List<Object> tuple = new ArrayList<>();
            for (java.util.Iterator<?> it : iterators) {
                if (!it.hasNext()) {
                    return out;
                }
                tuple.add(it.next());
            }
            out.add(org.sqlwarehouse.jinja.PyTuple.of(tuple));
        }
        return out;
    }

    /** dbt's return(): hands a value back from the macro being called. */
    public static Object dbt_return(Arguments args) {
        if (!args.insideMacro()) {
            state().problem(args, "return() is only allowed inside a macro");
            return "";
        }
        // ends the macro here, as dbt's return() does
        throw new MacroReturn(args.size() > 0 ? args.get(0) : null);
    }

    /** dbt's tojson(value): JSON text. */
    public static Object tojson(Arguments args) {
        try {
            return JSON.writeValueAsString(plain(args.get(0, "value", null)));
        } catch (JsonProcessingException e) {
            state().problem(args, "tojson(): " + e.getOriginalMessage());
            return "";
        }
    }

    /** dbt's fromjson(string): the value the JSON text stands for. */
    public static Object fromjson(Arguments args) {
        try {
            return JSON.readValue(String.valueOf(args.get(0, "string", null)), Object.class);
        } catch (JsonProcessingException e) {
            state().problem(args, "fromjson(): " + e.getOriginalMessage());
            return null;
        }
    }

    /** dbt's {@code exceptions}: raise_compiler_error fails the compile with the message. */
    public static final class Exceptions implements PyObject {
        @Override
        public Object getAttr(String name) {
            return switch (name) {
                case "raise_compiler_error" -> (PyCallable) args -> {
                    state().problem(args, Py.str(args.get(0, "msg", "")));
                    return "";
                };
                case "raise_not_implemented" -> (PyCallable) args -> {
                    state().problem(args, "Not implemented: " + Py.str(args.get(0, "msg", "")));
                    return "";
                };
                case "raise_database_error" -> (PyCallable) args -> {
                    state().problem(args, "Database Error: " + Py.str(args.get(0, "msg", "")));
                    return "";
                };
                case "warn" -> (PyCallable) args -> {
                    RenderState state = state();
                    state.log.warn(state.where(args) + ": "
                            + Py.str(args.get(0, "msg", "")));
                    return "";
                };
                default -> MISSING;
            };
        }
    }

    private static List<Object> positional(Arguments args) {
        return args.positional();
    }

    /** Template lists and dicts as plain Java collections, so configs compare and serialise simply. */
    static Object plain(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                out.put(String.valueOf(e.getKey()), plain(e.getValue()));
            }
            return out;
        }
        if (value instanceof Collection<?> c) {
            List<Object> out = new ArrayList<>();
            for (Object o : c) {
                out.add(plain(o));
            }
            return out;
        }
        if (value instanceof Relation r) {
            return r.toString();
        }
        return value;
    }
}
