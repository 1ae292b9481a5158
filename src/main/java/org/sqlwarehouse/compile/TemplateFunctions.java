package org.sqlwarehouse.compile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hubspot.jinjava.el.ext.NamedParameter;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * dbt's template functions. Jinjava calls them statically; each finds the render it belongs to
 * through {@link RenderState#current()}. Problems are recorded with their line rather than thrown,
 * so that one compile reports every broken ref and var at once.
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

    static int line() {
        JinjavaInterpreter current = JinjavaInterpreter.getCurrent();
        return current == null ? 0 : current.getLineNumber();
    }

    /** ref('model') or ref('package', 'model'); the package must be this project. */
    public static Object ref(Object... args) {
        RenderState state = state();
        List<Object> positional = positional(args);
        if (positional.isEmpty() || positional.size() > 2) {
            state.problem(line(), "ref() takes a model name, or a package and a model name");
            return "";
        }
        String name = String.valueOf(positional.get(positional.size() - 1));
        Relation relation = state.refResolver.apply(name);
        state.refs.add(new RenderState.RefCall(name, line(), relation));
        return relation == null ? new Relation("__unresolved__", name, "__unresolved_ref_" + name) : relation;
    }

    /** source('source_name', 'table_name'), as declared under sources: in a property file. */
    public static Object source(Object... args) {
        RenderState state = state();
        List<Object> positional = positional(args);
        if (positional.size() != 2) {
            state.problem(line(), "source() takes a source name and a table name");
            return "";
        }
        String key = positional.get(0) + "." + positional.get(1);
        state.sources.add(new RenderState.SourceCall(String.valueOf(positional.get(0)),
                String.valueOf(positional.get(1)), line()));
        Relation relation = state.sourceResolver.apply(key);
        return relation == null ? new Relation("__unresolved__", key, "__unresolved_source_" + key) : relation;
    }

    /** var('name') or var('name', default): vars from the command line win over dbt_project.yml. */
    public static Object var(Object... args) {
        RenderState state = state();
        List<Object> positional = positional(args);
        if (positional.isEmpty() || positional.size() > 2) {
            state.problem(line(), "var() takes a name and an optional default");
            return "";
        }
        String name = String.valueOf(positional.get(0));
        if (state.vars.containsKey(name)) {
            return state.vars.get(name);
        }
        if (positional.size() == 2) {
            return positional.get(1);
        }
        state.problem(line(), "Required var '" + name + "' not found in dbt_project.yml vars or warehouse.vars");
        return "";
    }

    /** env_var('NAME') or env_var('NAME', default). */
    public static Object env_var(Object... args) {
        RenderState state = state();
        List<Object> positional = positional(args);
        if (positional.isEmpty() || positional.size() > 2) {
            state.problem(line(), "env_var() takes a name and an optional default");
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
        state.problem(line(), "Env var required but not provided: '" + name + "'");
        return "";
    }

    /** config(materialized='table', ...): recorded, renders as nothing. */
    public static Object config(Object... args) {
        RenderState state = state();
        for (Object arg : args) {
            if (arg instanceof NamedParameter p) {
                state.configCalls.put(p.getName(), plain(p.getValue()));
            } else if (arg instanceof Map<?, ?> map) {
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    state.configCalls.put(String.valueOf(e.getKey()), plain(e.getValue()));
                }
            } else if (arg != null) {
                state.problem(line(), "config() takes keyword arguments, e.g. config(materialized='table')");
            }
        }
        return "";
    }

    /** True in the variant of an incremental model that runs against an existing table. */
    public static boolean is_incremental() {
        return state().incremental;
    }

    /** log(msg) at debug, log(msg, info=True) at info. */
    public static Object log(Object... args) {
        RenderState state = state();
        List<Object> positional = positional(args);
        boolean info = positional.size() > 1 && Boolean.TRUE.equals(positional.get(1));
        for (Object a : args) {
            if (a instanceof NamedParameter p && p.getName().equals("info")) {
                info = Boolean.TRUE.equals(p.getValue()) || "true".equalsIgnoreCase(String.valueOf(p.getValue()));
            }
        }
        String message = positional.isEmpty() ? "" : String.valueOf(positional.get(0));
        if (info) {
            state.log.info(message);
        } else {
            state.log.debug(message);
        }
        return "";
    }

    /** dbt's return(): hands a value back from the macro being called. */
    public static Object dbt_return(Object value) {
        if (!ReturningMacro.setReturn(value)) {
            state().problem(line(), "return() is only allowed inside a macro");
        }
        return "";
    }

    public static Object tojson(Object value) {
        try {
            return JSON.writeValueAsString(plain(value));
        } catch (JsonProcessingException e) {
            state().problem(line(), "tojson(): " + e.getOriginalMessage());
            return "";
        }
    }

    public static Object fromjson(Object text) {
        try {
            return JSON.readValue(String.valueOf(text), Object.class);
        } catch (JsonProcessingException e) {
            state().problem(line(), "fromjson(): " + e.getOriginalMessage());
            return null;
        }
    }

    /** dbt's {@code exceptions}: raise_compiler_error fails the compile with the message. */
    public static final class Exceptions {
        public Object raise_compiler_error(Object message) {
            state().problem(line(), String.valueOf(message));
            return "";
        }

        public Object warn(Object message) {
            RenderState state = state();
            state.log.warn(state.file + " line " + line() + ": " + message);
            return "";
        }
    }

    private static List<Object> positional(Object[] args) {
        List<Object> out = new ArrayList<>();
        if (args != null) {
            for (Object a : args) {
                if (!(a instanceof NamedParameter)) {
                    out.add(a);
                }
            }
        }
        return out;
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
