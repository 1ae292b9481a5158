package org.sqlwarehouse.jinja;

import java.util.ArrayList;
import java.util.List;

/**
 * A macro (or the caller of a call block) bound to the frame it was defined in. Calling it renders
 * its body and hands back the text, or the value a {@link MacroReturn} carries.
 */
public final class Macro implements PyCallable, PyObject {
    final Nodes.MacroDef def;
    final Scope closure;
    final String templateName;

    Macro(Nodes.MacroDef def, Scope closure, String templateName) {
        this.def = def;
        this.closure = closure;
        this.templateName = templateName;
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

    List<String> params() {
        return def.params;
    }

    @Override
    public String toString() {
        return "<Macro '" + def.name + "'>";
    }
}
