package org.sqlwarehouse.compile;

import java.util.List;
import java.util.Map;
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

    static MacroSources rootOnly(String rootName, List<SqlFile> rootFiles) {
        return new MacroSources(rootName, rootFiles, List.of(), Map.of());
    }
}
