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
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Jinjava set up to render as dbt's Jinja does: Python-like output, dbt's functions, and strict
 * undefined names (Jinjava would print them as empty strings; dbt fails, and so do we).
 */
final class TemplateRenderer {
    /** Names Jinja knows as literals; Jinjava asks the resolver for some of them. */
    private static final Set<String> LITERALS = Set.of("none", "None", "True", "False", "true", "false", "null");
    private static final Pattern UNKNOWN_FUNCTION = Pattern.compile("Could not resolve function '([^']+)'");

    private final Jinjava jinjava;

    TemplateRenderer() {
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
        for (String fn : new String[] {"ref", "var", "env_var", "config"}) {
            global.registerFunction(new ELFunctionDefinition("", fn, TemplateFunctions.class, fn, Object[].class));
        }
        global.registerFunction(new ELFunctionDefinition("", "is_incremental", TemplateFunctions.class,
                "is_incremental"));
        global.registerExpTest(new DefinedTest("defined", true));
        global.registerExpTest(new DefinedTest("undefined", false));
        global.registerFilter(new ForgivingDefaultFilter("default"));
        global.registerFilter(new ForgivingDefaultFilter("d"));
    }

    /** Renders a template; problems land in the state. */
    String render(String rawTemplate, RenderState state, Map<String, Object> bindings) {
        checkFilters(rawTemplate, state);
        String template = trimAroundComments(rawTemplate);
        Context context = new Context(jinjava.getGlobalContext());
        context.putAll(bindings);
        context.put(TemplateFunctions.STATE_KEY, state);
        context.setDynamicVariableResolver(name -> {
            if (!LITERALS.contains(name)) {
                JinjavaInterpreter current = JinjavaInterpreter.getCurrent();
                state.unknownVariable(name, current == null ? 0 : current.getLineNumber(),
                        current == null ? 0 : current.getPosition());
            }
            return null;
        });
        JinjavaInterpreter interpreter = new JinjavaInterpreter(jinjava, context, jinjava.getGlobalConfig());
        JinjavaInterpreter.pushCurrent(interpreter);
        String output;
        try {
            output = interpreter.render(template);
        } finally {
            JinjavaInterpreter.popCurrent();
        }
        state.settleUnknowns();
        for (TemplateError error : interpreter.getErrors()) {
            if (error.getSeverity() == TemplateError.ErrorType.FATAL) {
                state.problem(error.getLineno(), describe(error));
            }
        }
        return output;
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

    private static final Pattern BLOCK = Pattern.compile("\\{\\{(.*?)}}|\\{%(.*?)%}", Pattern.DOTALL);
    private static final Pattern STRING_LITERAL = Pattern.compile("'(?:[^'\\\\]|\\\\.)*'|\"(?:[^\"\\\\]|\\\\.)*\"");
    private static final Pattern FILTER_USE = Pattern.compile("(?<!\\|)\\|\\s*([A-Za-z_][A-Za-z0-9_]*)");

    /** Jinjava renders an unknown filter as nothing; Jinja fails, and so do we. */
    private void checkFilters(String template, RenderState state) {
        if (template.indexOf('|') < 0) {
            return;
        }
        Matcher block = BLOCK.matcher(template);
        while (block.find()) {
            String body = block.group(1) != null ? block.group(1) : block.group(2);
            String code = STRING_LITERAL.matcher(body).replaceAll("''");
            Matcher use = FILTER_USE.matcher(code);
            while (use.find()) {
                String filter = use.group(1);
                if (jinjava.getGlobalContext().getFilter(filter) == null) {
                    int line = 1;
                    for (int i = 0; i < block.start(); i++) {
                        if (template.charAt(i) == '\n') {
                            line++;
                        }
                    }
                    state.problem(line, "unknown filter '" + filter + "'");
                }
            }
        }
    }

    private static String describe(TemplateError error) {
        String message = error.getMessage() == null ? String.valueOf(error.getReason()) : error.getMessage();
        Matcher unknown = UNKNOWN_FUNCTION.matcher(message);
        if (unknown.find()) {
            return "unknown function '" + unknown.group(1) + "'";
        }
        return message;
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
        Object state = interpreter.getContext().get(TemplateFunctions.STATE_KEY);
        if (state instanceof RenderState s) {
            s.forgiveLastUnknown(interpreter.getLineNumber(), interpreter.getPosition());
        }
    }
}
