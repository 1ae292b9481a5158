package org.sqlwarehouse.compile;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.sqlwarehouse.jinja.Environment;
import org.sqlwarehouse.jinja.Macro;
import org.sqlwarehouse.jinja.Template;
import org.sqlwarehouse.jinja.TemplateException;
import org.sqlwarehouse.project.SqlFile;
import org.sqlwarehouse.report.BuildLog;

/**
 * Renders models, tests and hooks as dbt's Jinja2 does: a Jinja2 {@link Environment} with dbt's
 * functions and objects, the project's macros (each seeing the context of the template that calls
 * it), and Jinja2's default undefined. {@code include} and {@code import} read the project's macro
 * files by their path, nothing else.
 *
 * <p>A renderer is for one thread at a time only because the render state it reports to is the
 * thread's own; its parsed macros are never changed by a render.
 */
final class TemplateRenderer {
    private static final String BUILT_IN_TESTS = "generic_tests.sql";
    /** dbt's cross-database macros: type_string(), dateadd(), ... in the dbt namespace. */
    private static final String CROSS_DB_MACROS = "cross_db_macros.sql";
    /** statement and run_query, which run SQL while a node renders. */
    private static final String DATABASE_MACROS = "database_macros.sql";
    /** dbt's default__generate_*_name and generate_schema_name_for_env. */
    private static final String NAMING_MACROS = "naming_macros.sql";

    private final Environment env;
    /** What templates call bare: the built-in generic tests, and the root project's macros over them. */
    private final Map<String, Macro> macros = new HashMap<>();
    private final Map<String, Macro> builtIns = new HashMap<>();
    private final Map<String, Macro> rootMacros = new HashMap<>();
    /** Each installed package's macros, in the order of {@link MacroSources#packages()}. */
    private final Map<String, Map<String, Macro>> packageMacros = new LinkedHashMap<>();
    private final String rootName;
    private final List<String> macroProblems = new ArrayList<>();
    /** Every namespace templates reach macros through: the root project's, each package's, dbt's. */
    private final Map<String, Map<String, Macro>> namespaces = new LinkedHashMap<>();

    /**
     * @param macroFiles the project's macro files; {@code {% test %}} blocks become test_ macros
     * @param globals    names every template sees: target, project_name, adapter, ...
     */
    TemplateRenderer(List<SqlFile> macroFiles, Map<String, Object> globals, BuildLog log) {
        this(MacroSources.rootOnly(String.valueOf(globals.get("project_name")), macroFiles), globals, log);
    }

    /**
     * @param sources the root project's macro files and the installed packages'
     * @param globals names every template sees: target, project_name, adapter, ...
     */
    TemplateRenderer(MacroSources sources, Map<String, Object> globals, BuildLog log) {
        rootName = sources.rootName();
        Map<String, String> files = new HashMap<>();
        for (SqlFile file : sources.rootFiles()) {
            files.put(file.relativePath(), file.sql());
        }
        for (MacroSources.PackageMacros pkg : sources.packages()) {
            for (SqlFile file : pkg.files()) {
                files.put(file.relativePath(), file.sql());
            }
        }
        env = new Environment().loader(files::get);
        TemplateFunctions.all().forEach(env::global);
        globals.forEach(env::global);
        loadMacros(new SqlFile("generic_tests", "(built-in generic tests)", builtIn(BUILT_IN_TESTS)), null, builtIns, log);
        loadMacros(new SqlFile("cross_db_macros", "(built-in cross-database macros)", builtIn(CROSS_DB_MACROS)), null,
                builtIns, log);
        loadMacros(new SqlFile("database_macros", "(built-in statement macros)", builtIn(DATABASE_MACROS)), null,
                builtIns, log);
        loadMacros(new SqlFile("naming_macros", "(built-in naming macros)", builtIn(NAMING_MACROS)), null, builtIns,
                log);
        for (SqlFile file : sources.rootFiles()) {
            loadMacros(file, null, rootMacros, log);
        }
        for (MacroSources.PackageMacros pkg : sources.packages()) {
            // a package's macros see their siblings, and the package's vars, ahead of everything else
            Map<String, Object> namespace = new HashMap<>();
            namespace.put("var", TemplateFunctions.packageVar(pkg.name(), pkg.vars()));
            Map<String, Macro> own = new HashMap<>();
            for (SqlFile file : pkg.files()) {
                loadMacros(file, namespace, own, log);
            }
            namespace.putAll(own);
            packageMacros.put(pkg.name(), own);
        }
        macros.putAll(builtIns);
        macros.putAll(rootMacros);

        namespaces.put(rootName, rootMacros);
        namespaces.putAll(packageMacros);
        namespaces.putIfAbsent(MacroDispatch.DBT, builtIns);
        for (Map.Entry<String, Map<String, Macro>> ns : namespaces.entrySet()) {
            // a project named like a function or global (target, ref, ...) leaves that one alone
            if (!globals.containsKey(ns.getKey()) && !TemplateFunctions.all().containsKey(ns.getKey())) {
                env.global(ns.getKey(), new MacroNamespace(ns.getKey(), ns.getValue()));
            }
        }
        if (globals.get("adapter") instanceof TemplateObjects.Adapter adapter) {
            env.global("adapter", adapter.withDispatch(new MacroDispatch(rootName, namespaces,
                    sources.searchOrders(), adapter.type())));
        }
        macros.forEach(env::global);
    }

    private static String builtIn(String resource) {
        try (InputStream in = TemplateRenderer.class.getResourceAsStream(resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("the plugin jar lacks " + resource, e);
        }
    }

    /**
     * Runs a macro file for its macros; what it prints is discarded, as in dbt.
     *
     * @param namespace names its macros see first (a package's), or null
     */
    private void loadMacros(SqlFile file, Map<String, Object> namespace, Map<String, Macro> into, BuildLog log) {
        RenderState state = new RenderState(file.relativePath(), Map.of(), Map.of(), n -> null, n -> null, false, log);
        try (AutoCloseable active = state.activate()) {
            Template template = env.parse(file.relativePath(), file.sql());
            template.definitions(Map.of(), namespace).forEach((name, value) -> {
                if (value instanceof Macro macro) {
                    into.put(name, macro);
                }
            });
        } catch (TemplateException e) {
            state.problem(e.line(), UnsupportedTags.explain(e.reason()));
        } catch (Exception e) {
            state.problem(0, String.valueOf(e.getMessage()));
        }
        macroProblems.addAll(state.problems);
    }

    /**
     * The macro a generic test named in a property file runs, as an expression to call: for
     * {@code pkg.name} the package's {@code test_name}; for a bare name the root project's, else the
     * first package's that has one, else the built-in. Null when there is none.
     */
    String genericTestMacro(String testName) {
        return genericTestMacro(testName, null);
    }

    /**
     * As {@link #genericTestMacro(String)}, for a test a package's property file attaches: a bare
     * name finds that package's own test first, as dbt's search order for the package's nodes.
     *
     * @param nodePackage the package of the property file, null for the root project's
     */
    String genericTestMacro(String testName, String nodePackage) {
        String bare = "test_" + testName;
        if (nodePackage != null && testName.indexOf('.') < 0 && packageMacros.containsKey(nodePackage)
                && packageMacros.get(nodePackage).containsKey(bare)) {
            return nodePackage + "." + bare;
        }
        String macro = "test_" + testName.substring(testName.lastIndexOf('.') + 1);
        int dot = testName.indexOf('.');
        if (dot >= 0) {
            String pkg = testName.substring(0, dot);
            Map<String, Macro> own = pkg.equals(rootName) ? rootMacros
                    : pkg.equals(MacroDispatch.DBT) && !packageMacros.containsKey(pkg) ? builtIns
                    : packageMacros.get(pkg);
            if (own == null || testName.indexOf('.', dot + 1) >= 0 || !own.containsKey(macro)) {
                return null;
            }
            // the root project's macros are globals: bare, also for a project named like another global
            return own == rootMacros ? macro : pkg + "." + macro;
        }
        if (rootMacros.containsKey(macro)) {
            return macro;
        }
        for (Map.Entry<String, Map<String, Macro>> pkg : packageMacros.entrySet()) {
            if (pkg.getValue().containsKey(macro)) {
                return pkg.getKey() + "." + macro;
            }
        }
        return builtIns.containsKey(macro) ? macro : null;
    }

    /** How to make a generic test that {@link #genericTestMacro} does not find exist. */
    String unknownTestHint(String testName) {
        int dot = testName.indexOf('.');
        if (dot < 0) {
            return "define it with {% test " + testName + "(model, column_name) %} in macros/ or tests/generic/";
        }
        String pkg = testName.substring(0, dot);
        String test = testName.substring(dot + 1);
        if (pkg.equals(rootName) || packageMacros.containsKey(pkg)) {
            return "the " + (pkg.equals(rootName) ? "project" : "package") + " '" + pkg
                    + "' defines no {% test " + test + "(model, column_name) %}";
        }
        return "no package '" + pkg + "' is installed" + (packageMacros.isEmpty() ? ""
                : " (installed: " + String.join(", ", new TreeSet<>(packageMacros.keySet())) + ")")
                + "; add it to packages.yml and install it with mvn warehouse:deps";
    }

    /** Problems in the macro files: syntax errors, found when they were loaded. */
    List<String> macroProblems() {
        return macroProblems;
    }

    boolean hasMacro(String name) {
        return macros.containsKey(name);
    }

    /** The macros of a namespace (a package, the root project, dbt) by name, or null when there is none. */
    Map<String, Macro> namespaceMacros(String namespace) {
        return namespaces.get(namespace);
    }

    /** Renders a template; problems land in the state. */
    String render(String template, RenderState state, Map<String, Object> bindings) {
        try (AutoCloseable active = state.activate()) {
            return env.parse(state.file, template).render(withPackageMacros(state, bindings));
        } catch (NeedsDatabase e) {
            state.needsDatabase = e.getMessage();
        } catch (TemplateException e) {
            report(state, e);
        } catch (Exception e) {
            state.problem(0, String.valueOf(e.getMessage()));
        }
        return "";
    }

    /**
     * A package's node calls its own package's macros bare, ahead of the root project's: dbt's
     * search order for a node is its own package, then the root project, then dbt's built-ins.
     */
    private Map<String, Object> withPackageMacros(RenderState state, Map<String, Object> bindings) {
        Map<String, Macro> own = state.nodePackage == null ? null : packageMacros.get(state.nodePackage);
        if (own == null || own.isEmpty()) {
            return bindings;
        }
        Map<String, Object> out = new HashMap<>(own);
        out.putAll(bindings);
        return out;
    }

    /** The error where it happened: the template's own line, or the macro file and line it was in. */
    private static void report(RenderState state, TemplateException e) {
        if (!e.macroCalls().isEmpty()) {
            // in a macro: the caller's line, then each macro and the line in it
            state.problems.add(state.where(e.macroCalls(), e.templateName(), e.line()) + ": " + e.reason());
        } else if (e.templateName() == null || e.templateName().equals(state.file)) {
            state.problem(e.line(), UnsupportedTags.explain(e.reason()));
        } else {
            state.problem(0, e.reason() + " (in " + e.templateName() + (e.line() > 0 ? " line " + e.line() : "")
                    + ")");
        }
    }
}
