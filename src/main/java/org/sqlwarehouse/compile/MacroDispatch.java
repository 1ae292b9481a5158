package org.sqlwarehouse.compile;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.sqlwarehouse.jinja.Arguments;
import org.sqlwarehouse.jinja.Macro;
import org.sqlwarehouse.jinja.Py;
import org.sqlwarehouse.jinja.TemplateException;

/**
 * dbt's {@code adapter.dispatch(name, macro_namespace)}: the implementation of a macro for the
 * target's adapter. For a namespace, the packages searched are the root project's {@code dispatch:}
 * search_order for it, else the root project then the namespace (for {@code dbt}, dbt's alone); without
 * one, the root project.
 * In each, {@code <adapter>__name} then {@code default__name}; the built-in {@code dbt} namespace
 * last.
 */
final class MacroDispatch {
    static final String DBT = "dbt";

    private final String rootName;
    private final Map<String, Map<String, Macro>> namespaces;
    private final Map<String, List<String>> searchOrders;
    private final String adapterType;

    /**
     * @param namespaces every namespace's macros by name: the root project's, each package's and dbt's
     */
    MacroDispatch(String rootName, Map<String, Map<String, Macro>> namespaces, Map<String, List<String>> searchOrders,
            String adapterType) {
        this.rootName = rootName;
        this.namespaces = namespaces;
        this.searchOrders = searchOrders;
        this.adapterType = adapterType;
    }

    /** adapter.dispatch(macro_name, macro_namespace=None): the macro to call; none found is an error. */
    Object dispatch(Arguments args) {
        Object nameArg = args.get(0, "macro_name", null);
        if (!(nameArg instanceof String name) || name.isEmpty()) {
            throw new TemplateException(TemplateException.Kind.TYPE,
                    "adapter.dispatch() takes the macro's name as a string, e.g. adapter.dispatch('star', 'dbt_utils')");
        }
        if (name.contains(".")) {
            throw new TemplateException(TemplateException.Kind.VALUE, "adapter.dispatch(" + Py.repr(name)
                    + "): the name may not contain a dot; give the package as macro_namespace, e.g. adapter.dispatch("
                    + Py.repr(name.substring(name.lastIndexOf('.') + 1)) + ", "
                    + Py.repr(name.substring(0, name.lastIndexOf('.'))) + ")");
        }
        Object namespaceArg = args.get(1, "macro_namespace", null);
        String namespace = namespaceArg == null ? null : Py.str(namespaceArg);
        List<String> tried = new ArrayList<>();
        for (String pkg : searchOrder(namespace)) {
            Map<String, Macro> macros = namespaces.get(pkg);
            for (String prefix : prefixes()) {
                String candidate = prefix + "__" + name;
                tried.add(pkg + "." + candidate);
                Macro macro = macros == null ? null : macros.get(candidate);
                if (macro != null) {
                    return macro;
                }
            }
        }
        String missing = namespace != null && !namespaces.containsKey(namespace)
                ? " (no package '" + namespace + "' is installed)" : "";
        throw new TemplateException(TemplateException.Kind.UNDEFINED, "adapter.dispatch: no implementation of '"
                + name + "' in namespace '" + (namespace == null ? rootName : namespace) + "'" + missing
                + "; searched for " + String.join(", ", tried));
    }

    /** The packages searched, in order, dbt's namespace last. */
    List<String> searchOrder(String namespace) {
        Set<String> order = new LinkedHashSet<>();
        if (namespace == null) {
            order.add(rootName);
        } else if (searchOrders.containsKey(namespace)) {
            order.addAll(searchOrders.get(namespace));
        } else if (DBT.equals(namespace)) {
            // dbt's own macros are overridden only by a project that opts in with a search_order for dbt
            order.add(DBT);
        } else {
            order.add(rootName);
            order.add(namespace);
        }
        order.add(DBT);
        return new ArrayList<>(order);
    }

    private List<String> prefixes() {
        return "default".equals(adapterType) ? List.of("default") : List.of(adapterType, "default");
    }
}
