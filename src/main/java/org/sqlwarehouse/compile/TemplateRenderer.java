package org.sqlwarehouse.compile;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

    private final Environment env;
    private final Map<String, Macro> macros = new HashMap<>();
    private final List<String> macroProblems = new ArrayList<>();

    /**
     * @param macroFiles the project's macro files; {@code {% test %}} blocks become test_ macros
     * @param globals    names every template sees: target, project_name, adapter, ...
     */
    TemplateRenderer(List<SqlFile> macroFiles, Map<String, Object> globals, BuildLog log) {
        Map<String, String> files = new HashMap<>();
        for (SqlFile file : macroFiles) {
            files.put(file.relativePath(), file.sql());
        }
        env = new Environment().loader(files::get);
        TemplateFunctions.all().forEach(env::global);
        globals.forEach(env::global);
        List<SqlFile> all = new ArrayList<>();
        all.add(new SqlFile("generic_tests", "(built-in generic tests)", builtInTests()));
        all.addAll(macroFiles);
        for (SqlFile file : all) {
            loadMacros(file, log);
        }
        macros.forEach(env::global);
    }

    private static String builtInTests() {
        try (InputStream in = TemplateRenderer.class.getResourceAsStream(BUILT_IN_TESTS)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("the plugin jar lacks " + BUILT_IN_TESTS, e);
        }
    }

    /** Runs a macro file for its macros; what it prints is discarded, as in dbt. */
    private void loadMacros(SqlFile file, BuildLog log) {
        RenderState state = new RenderState(file.relativePath(), Map.of(), Map.of(), n -> null, n -> null, false, log);
        try (AutoCloseable active = state.activate()) {
            Template template = env.parse(file.relativePath(), file.sql());
            template.exports(Map.of()).forEach((name, value) -> {
                if (value instanceof Macro macro) {
                    macros.put(name, macro);
                }
            });
        } catch (TemplateException e) {
            state.problem(e.line(), UnsupportedTags.explain(e.reason()));
        } catch (Exception e) {
            state.problem(0, String.valueOf(e.getMessage()));
        }
        macroProblems.addAll(state.problems);
    }

    /** Problems in the macro files: syntax errors, found when they were loaded. */
    List<String> macroProblems() {
        return macroProblems;
    }

    boolean hasMacro(String name) {
        return macros.containsKey(name);
    }

    /** Renders a template; problems land in the state. */
    String render(String template, RenderState state, Map<String, Object> bindings) {
        try (AutoCloseable active = state.activate()) {
            return env.parse(state.file, template).render(bindings);
        } catch (TemplateException e) {
            report(state, e);
        } catch (Exception e) {
            state.problem(0, String.valueOf(e.getMessage()));
        }
        return "";
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
