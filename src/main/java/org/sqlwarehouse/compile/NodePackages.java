package org.sqlwarehouse.compile;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sqlwarehouse.project.DbtPackage;
import org.sqlwarehouse.project.DbtProject;

/**
 * Which project a node belongs to, the root project or an installed package, told by its file (a
 * package's files lie in its folder under packages-install-path), and the vars its templates see.
 *
 * <p>dbt's precedence of vars, highest first: the command line's ({@code --vars},
 * warehouse.vars); the root dbt_project.yml's vars scoped to the node's package
 * ({@code vars: {pkg: {...}}}); the root dbt_project.yml's global vars; the package's own
 * dbt_project.yml vars.
 */
final class NodePackages {
    /** A package: the folder prefix of its files, its name, and the vars its nodes and macros see. */
    record Scope(String prefix, String name, Map<String, Object> vars) {
    }

    private final String rootName;
    private final Map<String, Object> rootVars;
    private final List<Scope> scopes;

    private NodePackages(String rootName, Map<String, Object> rootVars, List<Scope> scopes) {
        this.rootName = rootName;
        this.rootVars = rootVars;
        this.scopes = scopes;
    }

    static NodePackages of(DbtProject project, Map<String, Object> cliVars) {
        Map<String, Object> declared = project.settings().raw().get("vars") instanceof Map<?, ?> m ? castMap(m)
                : Map.of();
        Map<String, Object> rootVars = new LinkedHashMap<>(project.settings().vars());
        rootVars.putAll(cliVars);
        List<Scope> scopes = new ArrayList<>();
        for (DbtPackage pkg : project.packages()) {
            Map<String, Object> vars = new LinkedHashMap<>(pkg.settings().vars());
            declared.forEach((name, value) -> {
                // the root project's own scope is for its own nodes only
                if (!(name.equals(project.name()) && value instanceof Map)) {
                    vars.put(name, value);
                }
            });
            if (declared.get(pkg.name()) instanceof Map<?, ?> scoped) {
                vars.putAll(castMap(scoped));
            }
            vars.putAll(cliVars);
            String prefix = relative(project.directory(), pkg.directory()) + "/";
            scopes.add(new Scope(prefix, pkg.name(), vars));
        }
        return new NodePackages(project.name(), rootVars, List.copyOf(scopes));
    }

    /** The package whose folder holds the file, or null for the root project's. */
    Scope packageOf(String file) {
        if (file == null) {
            return null;
        }
        for (Scope scope : scopes) {
            if (file.startsWith(scope.prefix())) {
                return scope;
            }
        }
        return null;
    }

    /** The name of the project a file belongs to: its package's, else the root project's. */
    String projectOf(String file) {
        Scope scope = packageOf(file);
        return scope == null ? rootName : scope.name();
    }

    /**
     * A file's path from its own project's folder: a package's {@code models/x.sql} rather than
     * {@code dbt_packages/pkg/models/x.sql}, as dbt writes compiled/pkg/models/x.sql.
     */
    String inItsProject(String file) {
        Scope scope = packageOf(file);
        return scope == null ? file : file.substring(scope.prefix().length());
    }

    /** What var() gives in a node of this file. */
    Map<String, Object> varsOf(String file) {
        Scope scope = packageOf(file);
        return scope == null ? rootVars : scope.vars();
    }

    /** The vars of the package named, for its macros; the root project's when it is not one. */
    Map<String, Object> varsOfPackage(String name) {
        for (Scope scope : scopes) {
            if (scope.name().equals(name)) {
                return scope.vars();
            }
        }
        return rootVars;
    }

    private static String relative(Path dir, Path file) {
        return dir.relativize(file).toString().replace('\\', '/');
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Map<?, ?> map) {
        return (Map<String, Object>) map;
    }
}
