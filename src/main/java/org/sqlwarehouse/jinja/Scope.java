package org.sqlwarehouse.jinja;

import java.util.HashMap;
import java.util.Map;

/**
 * Variables of one frame: a template's top level, a macro call, one iteration of a for loop, a
 * with block. A root frame also holds the render context; a root without one (macros loaded for
 * dbt) looks names up in the context of whatever render calls it.
 */
final class Scope {
    static final Object UNBOUND = new Object();

    final Scope parent;
    final Map<String, Object> context;
    /**
     * Names a root frame without a context sees ahead of its caller's context and the globals: a
     * package's macros see their siblings (and the package's var()) this way. Null for most frames.
     */
    final Map<String, Object> namespace;
    private Map<String, Object> vars;

    Scope(Scope parent) {
        this.parent = parent;
        this.context = null;
        this.namespace = null;
    }

    /** A root frame. */
    Scope(Map<String, Object> context) {
        this(context, null);
    }

    /** A root frame whose names are looked up in namespace before the context. */
    Scope(Map<String, Object> context, Map<String, Object> namespace) {
        this.parent = null;
        this.context = context;
        this.namespace = namespace;
    }

    void set(String name, Object value) {
        if (vars == null) {
            vars = new HashMap<>();
        }
        vars.put(name, value);
    }

    /** The value bound here or in a parent frame, or UNBOUND; the root's context is not looked at. */
    Object find(String name) {
        for (Scope s = this; s != null; s = s.parent) {
            if (s.vars != null) {
                Object v = s.vars.getOrDefault(name, UNBOUND);
                if (v != UNBOUND) {
                    return v;
                }
            }
        }
        return UNBOUND;
    }

    Scope root() {
        Scope s = this;
        while (s.parent != null) {
            s = s.parent;
        }
        return s;
    }

    /** The names bound in this frame only. */
    Map<String, Object> locals() {
        return vars == null ? Map.of() : vars;
    }

    /** Everything visible from here, inner frames winning, on top of the given context. */
    Map<String, Object> flatten(Map<String, Object> fallbackContext) {
        Map<String, Object> all = new HashMap<>();
        Scope root = root();
        Map<String, Object> ctx = root.context != null ? root.context : fallbackContext;
        if (ctx != null) {
            all.putAll(ctx);
        }
        if (root.namespace != null) {
            all.putAll(root.namespace);
        }
        java.util.Deque<Scope> chain = new java.util.ArrayDeque<>();
        for (Scope s = this; s != null; s = s.parent) {
            chain.push(s);
        }
        for (Scope s : chain) {
            all.putAll(s.locals());
        }
        return all;
    }
}
