package org.sqlwarehouse.jinja;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A macro (or the caller of a call block) bound to the frame it was defined in. Calling it renders
 * its body and hands back the text, or the value a {@link MacroReturn} carries.
 */
public final class Macro implements PyCallable, PyObject {
    final Nodes.MacroDef def;
    final Scope closure;
    final String templateName;
    /** Whether it is written inside an autoescape block: its body's output is escaped then. */
    final boolean autoescape;

    Macro(Nodes.MacroDef def, Scope closure, String templateName, boolean autoescape) {
        this.def = def;
        this.closure = closure;
        this.templateName = templateName;
        this.autoescape = autoescape;
    }

    public String name() {
        return def.name;
    }

    @Override
    public Object call(Arguments args) {
        if (args.evaluator == null) {
            throw new IllegalStateException("macro '" + def.name + "' called outside a render");
        }
        return args.evaluator.invoke(this, args);
    }

    @Override
    public Object getAttr(String name) {
        return switch (name) {
            case "name" -> def.name;
            case "arguments" -> PyTuple.of(new ArrayList<Object>(def.params));
            case "catch_kwargs" -> def.usesKwargs;
            case "catch_varargs" -> def.usesVarargs;
            case "caller" -> def.usesCaller;
            default -> MISSING;
        };
    }

    /** Binds a call's arguments in the macro's new frame (the evaluator's current one), as Jinja2 does. */
    void bind(Scope frame, Arguments args, Evaluator ev) {
        Map<String, Object> kw = args.keywords().isEmpty() ? Map.of() : new HashMap<>(args.keywords());
        List<Object> positional = args.positional();
        for (int i = 0; i < def.params.size(); i++) {
            String p = def.params.get(i);
            Object v;
            if (i < positional.size()) {
                if (kw.containsKey(p)) {
                    throw Arguments.typeError("macro '" + def.name + "' got multiple values for argument '" + p + "'");
                }
                v = positional.get(i);
            } else if (kw.containsKey(p)) {
                v = kw.remove(p);
            } else if (def.defaults.get(i) != null) {
                v = def.defaults.get(i).eval(ev);
            } else {
                v = Undefined.hinted("parameter '" + p + "' was not provided");
            }
            frame.set(p, v);
        }
        if (positional.size() > def.params.size()) {
            if (!def.usesVarargs) {
                throw Arguments.typeError("macro '" + def.name + "' takes not more than " + def.params.size()
                        + " argument(s)");
            }
            frame.set("varargs", PyTuple.of(positional.subList(def.params.size(), positional.size())));
        } else if (def.usesVarargs) {
            frame.set("varargs", PyTuple.EMPTY);
        }
        if (def.usesCaller) {
            frame.set("caller", kw.containsKey("caller") ? kw.remove("caller") : Undefined.named("caller"));
        }
        if (def.usesKwargs) {
            frame.set("kwargs", new LinkedHashMap<>(kw));
        } else if (!kw.isEmpty()) {
            String first = kw.keySet().iterator().next();
            throw Arguments.typeError("macro '" + def.name + "' takes no keyword argument '" + first + "'");
        }
    }

    @Override
    public String toString() {
        return "<Macro '" + def.name + "'>";
    }
}
