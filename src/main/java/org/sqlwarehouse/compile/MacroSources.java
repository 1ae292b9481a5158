package org.sqlwarehouse.compile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sqlwarehouse.WarehouseException;
import org.sqlwarehouse.project.DbtPackage;
import org.sqlwarehouse.project.DbtProject;
import org.sqlwarehouse.project.SqlFile;

/**
 * The macro files a renderer loads: the root project's (callable bare everywhere, and as
 * {@code <project>.name}), and each installed package's under the package's name.
 *
 * @param rootName     the root project's name
 * @param rootFiles    the root project's macro files
 * @param packages     the installed packages, in the order their bare generic tests are looked for
 * @param searchOrders the root project's {@code dispatch:} config: macro_namespace to search_order
 */
record MacroSources(String rootName, List<SqlFile> rootFiles, List<PackageMacros> packages,
        Map<String, List<String>> searchOrders) {

    /**
     * One package's macros.
     *
     * @param vars what var() gives inside its macros: its own vars under the root project's and the
     *             command line's
     */
    record PackageMacros(String name, List<SqlFile> files, Map<String, Object> vars) {
    }

    /**
     * The root project's macros, and each installed package's with the vars its macros see (see
     * {@link NodePackages}). The root project's {@code dispatch:} config gives dispatch's search orders.
     */
    static MacroSources of(DbtProject project, NodePackages scopes) throws WarehouseException {
        List<MacroSources.PackageMacros> packages = new ArrayList<>();
        for (DbtPackage pkg : project.packages()) {
            packages.add(new MacroSources.PackageMacros(pkg.name(), pkg.macros(), scopes.varsOfPackage(pkg.name())));
        }
        return new MacroSources(project.name(), project.macros(), packages, searchOrders(project));
    }

    /** dispatch: [{macro_namespace: dbt_utils, search_order: [my_project, dbt_utils]}] of dbt_project.yml. */
    private static Map<String, List<String>> searchOrders(DbtProject project) throws WarehouseException {
        Object value = project.settings().raw().get("dispatch");
        if (value == null) {
            return Map.of();
        }
        String example = "; e.g. dispatch: [{macro_namespace: dbt_utils, search_order: [" + project.name()
                + ", dbt_utils]}]";
        if (!(value instanceof List<?> entries)) {
            throw new WarehouseException("dbt_project.yml: dispatch: must be a list" + example);
        }
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (Object entry : entries) {
            if (!(entry instanceof Map<?, ?> map) || map.get("macro_namespace") == null
                    || !(map.get("search_order") instanceof List<?> order) || order.isEmpty()) {
                throw new WarehouseException("dbt_project.yml: every dispatch: entry needs a macro_namespace and a "
                        + "search_order list, found " + entry + example);
            }
            List<String> packages = new ArrayList<>();
            order.forEach(p -> packages.add(String.valueOf(p)));
            out.put(String.valueOf(map.get("macro_namespace")), List.copyOf(packages));
        }
        return out;
    }

    static MacroSources rootOnly(String rootName, List<SqlFile> rootFiles) {
        return new MacroSources(rootName, rootFiles, List.of(), Map.of());
    }
}
