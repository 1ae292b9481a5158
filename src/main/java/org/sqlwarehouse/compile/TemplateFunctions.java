package org.sqlwarehouse.compile;

import com.hubspot.jinjava.el.ext.NamedParameter;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * dbt's template functions. Jinjava calls them statically; each finds the render it belongs to in
 * the interpreter's context. Problems are recorded with their line rather than thrown, so that one
 * compile reports every broken ref and var at once.
 */
public final class TemplateFunctions {
    static final String STATE_KEY = "__warehouse_render_state";

    private TemplateFunctions() {
    }

    private static RenderState state() {
        return (RenderState) JinjavaInterpreter.getCurrent().getContext().get(STATE_KEY);
    }

    private static int line() {
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

    /** Incremental models arrive with the incremental materialization; until then never incremental. */
    public static boolean is_incremental() {
        return false;
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
        return value;
    }
}
