package org.sqlwarehouse.compile;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.LegacyOverrides;
import com.hubspot.jinjava.interpret.Context;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.interpret.TemplateError;
import com.hubspot.jinjava.lib.exptest.ExpTest;
import com.hubspot.jinjava.lib.filter.DefaultFilter;
import com.hubspot.jinjava.lib.fn.ELFunctionDefinition;
import com.hubspot.jinjava.lib.fn.MacroFunction;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.sqlwarehouse.jinja.StrictJinja;
import org.sqlwarehouse.project.SqlFile;
import org.sqlwarehouse.report.BuildLog;

/**
 * Jinjava set up to render as dbt's Jinja does: Python-like output, dbt's functions, the project's
 * macros, and strict undefined names (Jinjava would print them as empty strings; dbt fails, and so
 * do we).
 *
 * <p>A renderer is for one thread at a time: Jinjava's interpreter and contexts are not
 * thread-safe. Threads that render at once each get a renderer of their own.
 */
final class TemplateRenderer {
    private static final Pattern TEST_BLOCK = Pattern.compile("\\{%(-?)\\s*test\\s+([A-Za-z_][A-Za-z0-9_]*)");
    private static final Pattern END_TEST = Pattern.compile("\\{%(-?)\\s*endtest\\s*(-?)%}");
    private static final Pattern BLOCK_TAG = Pattern.compile("\\{%-?\\s*(block|extends)\\b");
    private static final String BUILT_IN_TESTS = "generic_tests.sql";

    private final Jinjava jinjava;
    /** Holds the project's macros and the globals every template sees. */
    private final Context macroContext;
    private final List<String> macroProblems = new ArrayList<>();
    /** Whether a macro file uses {% block %} or {% extends %}; then no interpreter is reused. */
    private final boolean blocksAnywhere;
    private JinjavaInterpreter reusable;

    /**
     * @param macroFiles the project's macro files; {@code {% test %}} blocks become test_ macros
     * @param globals    names every template sees: target, project_name, adapter, ...
     */
    TemplateRenderer(List<SqlFile> macroFiles, Map<String, Object> globals, BuildLog log) {
        LegacyOverrides python = LegacyOverrides.newBuilder()
                .withUsePyishObjectMapper(true)
                .withIterateOverMapKeys(true)
                .withEvaluateMapKeys(true)
                .withParseWhitespaceControlStrictly(true)
                .withKeepNullableLoopValues(true)
                .withUseNaturalOperatorPrecedence(true)
                .build();
        jinjava = new Jinjava(JinjavaConfig.newBuilder()
                .withNestedInterpretationEnabled(false)
                .withLegacyOverrides(python)
                .build());
        Context global = jinjava.getGlobalContext();
        for (String fn : new String[] {"ref", "source", "var", "env_var", "config", "log"}) {
            global.registerFunction(new ELFunctionDefinition("", fn, TemplateFunctions.class, fn, Object[].class));
        }
        global.registerFunction(new ELFunctionDefinition("", "is_incremental", TemplateFunctions.class,
                "is_incremental"));
        global.registerFunction(new ELFunctionDefinition("", "return", TemplateFunctions.class, "dbt_return",
                Object.class));
        global.registerFunction(new ELFunctionDefinition("", "tojson", TemplateFunctions.class, "tojson",
                Object.class));
        global.registerFunction(new ELFunctionDefinition("", "fromjson", TemplateFunctions.class, "fromjson",
                Object.class));
        global.registerExpTest(new DefinedTest("defined", true));
        global.registerExpTest(new DefinedTest("undefined", false));
        global.registerFilter(new ForgivingDefaultFilter("default"));
        global.registerFilter(new ForgivingDefaultFilter("d"));

        macroContext = new Context(global);
        macroContext.putAll(globals);
        List<SqlFile> all = new ArrayList<>();
        all.add(new SqlFile("generic_tests", "(built-in generic tests)", builtInTests()));
        all.addAll(macroFiles);
        boolean blocks = false;
        for (SqlFile file : all) {
            loadMacros(file, log);
            blocks |= usesBlocks(file.sql());
        }
        blocksAnywhere = blocks;
        // wrap every macro so that return() can hand back a value
        for (MacroFunction macro : new ArrayList<>(macroContext.getGlobalMacros().values())) {
            macroContext.addGlobalMacro(new ReturningMacro(macro));
        }
    }

    private static String builtInTests() {
        try (InputStream in = TemplateRenderer.class.getResourceAsStream(BUILT_IN_TESTS)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("the plugin jar lacks " + BUILT_IN_TESTS, e);
        }
    }

    /** Defines a file's macros in the shared macro context; its own output is discarded. */
    @SuppressWarnings("try")
    private void loadMacros(SqlFile file, BuildLog log) {
        RenderState state = new RenderState(file.relativePath(), Map.of(), Map.of(), n -> null, n -> null, false, log);
        JinjavaInterpreter interpreter = new JinjavaInterpreter(jinjava, macroContext, jinjava.getGlobalConfig());
        try (var pushed = JinjavaInterpreter.closeablePushCurrent(interpreter).get();
                AutoCloseable active = state.activate()) {
            interpreter.render(testBlocksAsMacros(file.sql()));
        } catch (Exception e) {
            state.problem(0, String.valueOf(e.getMessage()));
        }
        for (TemplateError error : interpreter.getErrors()) {
            if (error.getSeverity() == TemplateError.ErrorType.FATAL) {
                state.problem(error.getLineno(), StrictJinja.describe(error));
            }
        }
        macroProblems.addAll(state.problems);
    }

    /** dbt's {% test name(...) %} ... {% endtest %} is a macro named test_name. */
    static String testBlocksAsMacros(String sql) {
        if (!sql.contains("test")) {
            return sql;
        }
        String out = TEST_BLOCK.matcher(sql).replaceAll("{%$1 macro test_$2");
        return END_TEST.matcher(out).replaceAll("{%$1 endmacro $2%}");
    }

    /** Problems in the macro files: syntax errors, found when they were loaded. */
    List<String> macroProblems() {
        return macroProblems;
    }

    boolean hasMacro(String name) {
        return macroContext.getGlobalMacro(name) != null;
    }

    /** Renders a template; problems land in the state. */
    @SuppressWarnings("try")
    String render(String rawTemplate, RenderState state, Map<String, Object> bindings) {
        StrictJinja.findUnknownFilters(rawTemplate, filter -> jinjava.getGlobalContext().getFilter(filter) != null,
                (filter, line) -> state.problem(line, "unknown filter '" + filter + "'"));
        String template = trimAroundComments(rawTemplate);
        JinjavaInterpreter interpreter = interpreterFor(template);
        String output;
        // a fresh child scope per template: nothing it sets or defines outlives the render
        try (var pushed = JinjavaInterpreter.closeablePushCurrent(interpreter).get();
                JinjavaInterpreter.InterpreterScopeClosable scope = interpreter.enterScope();
                AutoCloseable active = state.activate()) {
            Context context = interpreter.getContext();
            context.putAll(bindings);
            context.setDynamicVariableResolver(name -> {
                JinjavaInterpreter current = JinjavaInterpreter.getCurrent();
                // a name bound to None is defined; only names bound nowhere are undefined
                if (!StrictJinja.LITERALS.contains(name) && (current == null || !isBound(current.getContext(), name))) {
                    state.unknownVariable(name, current == null ? 0 : current.getLineNumber(),
                            current == null ? 0 : current.getPosition());
                }
                return null;
            });
            output = interpreter.render(template);
        } catch (Exception e) {
            state.problem(0, String.valueOf(e.getMessage()));
            output = "";
        }
        state.settleUnknowns();
        for (TemplateError error : interpreter.getErrors()) {
            if (error.getSeverity() == TemplateError.ErrorType.FATAL) {
                state.problem(error.getLineno(), StrictJinja.describe(error));
            }
        }
        if (interpreter == reusable && interpreter.getContext() != macroContext) {
            reusable = null; // a scope left open: never render with it again
        }
        return output;
    }

    /**
     * The interpreter for the next render, reset to what a new one would hold. Building one per
     * template costs more than rendering most templates (its expression resolver registers every
     * function again), so one is kept and reused; this renderer serves one thread at a time.
     */
    private JinjavaInterpreter interpreterFor(String template) {
        if (blocksAnywhere || usesBlocks(template)) {
            // {% block %} and {% extends %} leave state in the interpreter that it cannot reset
            return new JinjavaInterpreter(jinjava, macroContext, jinjava.getGlobalConfig());
        }
        if (reusable == null) {
            reusable = new JinjavaInterpreter(jinjava, macroContext, jinjava.getGlobalConfig());
        }
        reusable.setLineNumber(-1);
        reusable.setPosition(0);
        // removeLastError forgets each error's hash too, so an error met again is reported again
        while (reusable.getLastError().isPresent()) {
            reusable.removeLastError();
        }
        reusable.getRevertibleObjects().clear();
        return reusable;
    }

    private static boolean usesBlocks(String template) {
        return (template.contains("block") || template.contains("extends")) && BLOCK_TAG.matcher(template).find();
    }

    /** Whether any scope binds the name, to None included (Context.containsKey skips null values). */
    private static boolean isBound(Context context, String name) {
        for (Context c = context; c != null; c = c.getParent()) {
            if (c.getScope().containsKey(name)) {
                return true;
            }
        }
        return false;
    }

    private static final Pattern COMMENT_TRIM_LEFT = Pattern.compile("\\s*\\{#-");
    private static final Pattern COMMENT_TRIM_RIGHT = Pattern.compile("-#}\\s*");

    /** Jinjava ignores whitespace control on comments; Jinja trims around {#- and -#}. */
    private static String trimAroundComments(String template) {
        if (!template.contains("{#-") && !template.contains("-#}")) {
            return template;
        }
        String out = COMMENT_TRIM_LEFT.matcher(template).replaceAll("{#");
        return COMMENT_TRIM_RIGHT.matcher(out).replaceAll("#}");
    }

    /** 'is defined' and 'is undefined' excuse the unknown name they test. */
    private static final class DefinedTest implements ExpTest {
        private final String name;
        private final boolean whenPresent;

        DefinedTest(String name, boolean whenPresent) {
            this.name = name;
            this.whenPresent = whenPresent;
        }

        @Override
        public String getName() {
            return name;
        }

        @Override
        public boolean evaluate(Object value, JinjavaInterpreter interpreter, Object... args) {
            if (value == null) {
                forgive(interpreter);
            }
            return (value != null) == whenPresent;
        }
    }

    /** '| default(x)' excuses the unknown name it replaces, as in Jinja2's StrictUndefined. */
    private static final class ForgivingDefaultFilter extends DefaultFilter {
        private final String name;

        ForgivingDefaultFilter(String name) {
            this.name = name;
        }

        @Override
        public String getName() {
            return name;
        }

        @Override
        public Object filter(Object var, JinjavaInterpreter interpreter, Map<String, Object> parsedArgs) {
            if (var == null) {
                forgive(interpreter);
            }
            return super.filter(var, interpreter, parsedArgs);
        }
    }

    private static void forgive(JinjavaInterpreter interpreter) {
        RenderState state = RenderState.current();
        if (state != null) {
            state.forgiveLastUnknown(interpreter.getLineNumber(), interpreter.getPosition());
        }
    }
}
