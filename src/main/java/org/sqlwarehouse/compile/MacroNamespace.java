package org.sqlwarehouse.compile;

import java.util.Map;
import org.sqlwarehouse.jinja.PyObject;

/** A project's or package's macros by name, as templates reach them: {@code dbt_utils.star(...)}. */
final class MacroNamespace implements PyObject {
    private final String name;
    private final Map<String, ? extends Object> macros;

    MacroNamespace(String name, Map<String, ? extends Object> macros) {
        this.name = name;
        this.macros = macros;
    }

    @Override
    public Object getAttr(String attr) {
        Object macro = macros.get(attr);
        return macro == null ? MISSING : macro;
    }

    @Override
    public String toString() {
        return "<macro namespace '" + name + "'>";
    }
}
