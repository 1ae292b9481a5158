package org.sqlwarehouse.environment;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.LegacyOverrides;
import com.hubspot.jinjava.el.ext.NamedParameter;
import com.hubspot.jinjava.interpret.Context;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.interpret.TemplateError;
import com.hubspot.jinjava.lib.filter.Filter;
import com.hubspot.jinjava.lib.fn.ELFunctionDefinition;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.sqlwarehouse.WarehouseException;
import org.sqlwarehouse.jinja.StrictJinja;

/**
 * Renders the Jinja in profiles.yml values as dbt does for profiles: {@code env_var(name[, default])}
 * and dbt's {@code as_bool}, {@code as_number}, {@code as_text} and {@code as_native} filters on
 * top of Jinja's own (such as {@code int}). Unknown names, functions and filters fail, as in dbt.
 * An env var's value is never rendered again, and messages about secret fields never quote them.
 */
final class ProfileTemplates {
    private static final String SCOPE_KEY = "__warehouse_profile_scope";
    private static final Pattern COMPLETE_TAG = Pattern.compile("\\{\\{.*?}}|\\{%.*?%}|\\{#.*?#}", Pattern.DOTALL);

    private ProfileTemplates() {
    }

    /** Where a value is, for messages, and whether it is a secret that messages must not quote. */
    record Site(Path file, int line, String description, boolean secret) {
    }

    /** True when the text has Jinja in it; anything else renders as itself. */
    static boolean isTemplate(String text) {
        return text != null && (text.contains("{{") || text.contains("{%") || text.contains("{#"));
    }

    /** Renders one value; text without Jinja comes back unchanged. */
    @SuppressWarnings("try")
    static String render(String text, Map<String, String> environment, Site site) throws WarehouseException {
        if (!isTemplate(text)) {
            return text;
        }
        Jinjava jinjava = Holder.JINJAVA;
        Scope scope = new Scope(environment, site.secret());
        checkClosed(text, scope);
        checkFilters(jinjava, text, scope);
        if (scope.problems.isEmpty()) {
            Context context = new Context(jinjava.getGlobalContext());
            context.put(SCOPE_KEY, scope);
            context.setDynamicVariableResolver(name -> {
                if (!StrictJinja.LITERALS.contains(name)) {
                    scope.unknownNames.add(name);
                }
                return null;
            });
            JinjavaInterpreter interpreter = new JinjavaInterpreter(jinjava, context, jinjava.getGlobalConfig());
            String output;
            try (var current = JinjavaInterpreter.closeablePushCurrent(interpreter).get()) {
                output = interpreter.render(text);
            } catch (RuntimeException e) {
                // the message may quote the template, which for a secret field may be the secret itself
                throw failure(site, site.secret() ? "the template cannot be rendered"
                        : "the template cannot be rendered: " + e.getMessage());
            }
            if (!scope.missing.isEmpty()) {
                String name = scope.missing.get(0);
                throw new WarehouseException(ProfilesReader.at(site.file(), site.line()) + "the environment variable '"
                        + name + "' is not set, and " + site.description() + " needs it (env_var('" + name
                        + "') has no default).",
                        "Set " + name + " in the environment, or give a default: {{ env_var('" + name
                                + "', 'default') }}.");
            }
            for (TemplateError error : interpreter.getErrors()) {
                if (error.getSeverity() == TemplateError.ErrorType.FATAL) {
                    scope.problems.add(describe(error, site.secret()));
                }
            }
            for (String name : scope.unknownNames) {
                scope.problems.add("'" + name + "' is undefined (a profile knows only env_var() and Jinja's own"
                        + " functions)");
            }
            if (scope.problems.isEmpty()) {
                return output;
            }
        }
        throw failure(site, String.join("; ", new LinkedHashSet<>(scope.problems)));
    }

    private static WarehouseException failure(Path file, int line, String description, String problem) {
        return new WarehouseException(ProfilesReader.at(file, line) + "cannot render " + description + ": "
                + problem + ".",
                "profiles.yml values may use {{ env_var('NAME') }} or {{ env_var('NAME', 'default') }},"
                        + " with filters such as | int, | as_number, | as_bool and | as_text.");
    }

    private static WarehouseException failure(Site site, String problem) {
        return failure(site.file(), site.line(), site.description(), problem);
    }

    private static String describe(TemplateError error, boolean secret) {
        // Jinjava's own messages may quote the template; a secret's template may be the secret
        return secret && !StrictJinja.isUnknownFunction(error) ? "invalid Jinja (" + error.getReason() + ")"
                : StrictJinja.describe(error);
    }

    /** Jinjava renders an unclosed '{{' as text; Jinja fails, and so do we. */
    private static void checkClosed(String template, Scope scope) {
        String rest = COMPLETE_TAG.matcher(template).replaceAll("");
        for (String open : new String[] {"{{", "{%", "{#"}) {
            if (rest.contains(open)) {
                scope.problems.add("a '" + open + "' is never closed (a literal '" + open
                        + "' must be written {{ '" + open + "' }})");
            }
        }
    }

    /** Jinjava renders an unknown filter as nothing; Jinja fails, and so do we. */
    private static void checkFilters(Jinjava jinjava, String template, Scope scope) {
        StrictJinja.findUnknownFilters(template, filter -> jinjava.getGlobalContext().getFilter(filter) != null,
                (filter, line) -> scope.problems.add("unknown filter '" + filter + "'"));
    }

    /** What one render needs and what went wrong in it. */
    private static final class Scope {
        final Map<String, String> environment;
        final boolean secret;
        final List<String> missing = new ArrayList<>();
        final Set<String> unknownNames = new LinkedHashSet<>();
        final List<String> problems = new ArrayList<>();

        Scope(Map<String, String> environment, boolean secret) {
            this.environment = environment == null ? Map.of() : environment;
            this.secret = secret;
        }
    }

    private static Scope scope() {
        JinjavaInterpreter current = JinjavaInterpreter.getCurrent();
        return current == null ? null : (Scope) current.getContext().get(SCOPE_KEY);
    }

    /** Jinja's env_var('NAME') and env_var('NAME', default). */
    public static Object envVar(Object... args) {
        Scope scope = scope();
        List<Object> positional = new ArrayList<>();
        if (args != null) {
            for (Object a : args) {
                if (!(a instanceof NamedParameter)) {
                    positional.add(a);
                }
            }
        }
        if (positional.isEmpty() || positional.size() > 2 || positional.get(0) == null) {
            if (scope != null) {
                scope.problems.add("env_var() takes a variable name and an optional default");
            }
            return "";
        }
        String name = String.valueOf(positional.get(0));
        String value = scope == null ? null : scope.environment.get(name);
        if (value != null) {
            return value;
        }
        if (positional.size() == 2) {
            return positional.get(1);
        }
        if (scope != null && !scope.missing.contains(name)) {
            scope.missing.add(name);
        }
        return "";
    }

    /** dbt's as_number: the value as an integer or a decimal number. */
    private static final class AsNumberFilter implements Filter {
        @Override
        public String getName() {
            return "as_number";
        }

        @Override
        public Object filter(Object var, JinjavaInterpreter interpreter, String... args) {
            if (var instanceof Number) {
                return var;
            }
            String text = var == null ? "" : String.valueOf(var).strip();
            try {
                return Long.parseLong(text);
            } catch (NumberFormatException notLong) {
                try {
                    return new BigDecimal(text);
                } catch (NumberFormatException notNumber) {
                    problem(interpreter, "as_number: " + quoted(text, interpreter) + " is not a number");
                    return var;
                }
            }
        }
    }

    /** dbt's as_bool: true or false, in any case. */
    private static final class AsBoolFilter implements Filter {
        @Override
        public String getName() {
            return "as_bool";
        }

        @Override
        public Object filter(Object var, JinjavaInterpreter interpreter, String... args) {
            if (var instanceof Boolean) {
                return var;
            }
            String text = var == null ? "" : String.valueOf(var).strip().toLowerCase(Locale.ROOT);
            if (text.equals("true")) {
                return Boolean.TRUE;
            }
            if (text.equals("false")) {
                return Boolean.FALSE;
            }
            problem(interpreter, "as_bool: " + quoted(String.valueOf(var), interpreter) + " is not true or false");
            return var;
        }
    }

    /** dbt's as_text (the value as a string) and as_native (the value as it is). */
    private static final class IdentityFilter implements Filter {
        private final String name;
        private final boolean text;

        IdentityFilter(String name, boolean text) {
            this.name = name;
            this.text = text;
        }

        @Override
        public String getName() {
            return name;
        }

        @Override
        public Object filter(Object var, JinjavaInterpreter interpreter, String... args) {
            return text && var != null ? String.valueOf(var) : var;
        }
    }

    private static void problem(JinjavaInterpreter interpreter, String message) {
        Object scope = interpreter.getContext().get(SCOPE_KEY);
        if (scope instanceof Scope s) {
            s.problems.add(message);
        }
    }

    private static String quoted(String value, JinjavaInterpreter interpreter) {
        Object scope = interpreter.getContext().get(SCOPE_KEY);
        return scope instanceof Scope s && s.secret ? "the value" : "'" + value + "'";
    }

    /** One Jinjava for every render, made on first use. */
    private static final class Holder {
        static final Jinjava JINJAVA = create();

        private static Jinjava create() {
            LegacyOverrides python = LegacyOverrides.newBuilder()
                    .withUsePyishObjectMapper(true)
                    .withIterateOverMapKeys(true)
                    .withEvaluateMapKeys(true)
                    .withParseWhitespaceControlStrictly(true)
                    .withKeepNullableLoopValues(true)
                    .withUseNaturalOperatorPrecedence(true)
                    .build();
            Jinjava jinjava = new Jinjava(JinjavaConfig.newBuilder()
                    .withNestedInterpretationEnabled(false)
                    .withLegacyOverrides(python)
                    .build());
            Context global = jinjava.getGlobalContext();
            global.registerFunction(new ELFunctionDefinition("", "env_var", ProfileTemplates.class, "envVar",
                    Object[].class));
            global.registerFilter(new AsNumberFilter());
            global.registerFilter(new AsBoolFilter());
            global.registerFilter(new IdentityFilter("as_text", true));
            global.registerFilter(new IdentityFilter("as_native", false));
            return jinjava;
        }
    }
}
