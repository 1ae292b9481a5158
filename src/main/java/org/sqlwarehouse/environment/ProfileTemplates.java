package org.sqlwarehouse.environment;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.sqlwarehouse.WarehouseException;
import org.sqlwarehouse.jinja.Arguments;
import org.sqlwarehouse.jinja.Environment;
import org.sqlwarehouse.jinja.Py;
import org.sqlwarehouse.jinja.PyCallable;
import org.sqlwarehouse.jinja.TemplateException;
import org.sqlwarehouse.jinja.Undefined;

/**
 * Renders the Jinja in profiles.yml values as dbt does for profiles: {@code env_var(name[, default])}
 * and dbt's {@code as_bool}, {@code as_number}, {@code as_text} and {@code as_native} filters on
 * top of Jinja2's own (such as {@code int}). Unknown functions and filters fail, as in dbt. An env
 * var's value is never rendered again, and messages about secret fields never quote them.
 */
final class ProfileTemplates {
    private static final Pattern COMPLETE_TAG = Pattern.compile("\\{\\{.*?}}|\\{%.*?%}|\\{#.*?#}", Pattern.DOTALL);
    /** What one render needs and found wrong; a profile is rendered on one thread. */
    private static final ThreadLocal<Scope> CURRENT = new ThreadLocal<>();
    private static final Environment ENV = create();

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
    static String render(String text, Map<String, String> environment, Site site) throws WarehouseException {
        if (!isTemplate(text)) {
            return text;
        }
        Scope scope = new Scope(environment, site.secret());
        checkClosed(text, scope);
        if (scope.problems.isEmpty()) {
            Scope previous = CURRENT.get();
            CURRENT.set(scope);
            String output = null;
            try {
                // one expression that is None leaves the field unset, as dbt's native rendering does
                Object value = ENV.parse("profiles.yml", text).renderValue(Map.of());
                output = value == null || value instanceof Undefined ? "" : Py.str(value);
            } catch (TemplateException e) {
                scope.problems.add(describe(e, site.secret()));
            } finally {
                CURRENT.set(previous);
            }
            if (!scope.missing.isEmpty()) {
                String name = scope.missing.get(0);
                throw new WarehouseException(ProfilesReader.at(site.file(), site.line()) + "the environment variable '"
                        + name + "' is not set, and " + site.description() + " needs it (env_var('" + name
                        + "') has no default).",
                        "Set " + name + " in the environment, or give a default: {{ env_var('" + name
                                + "', 'default') }}.");
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

    private static String describe(TemplateException e, boolean secret) {
        if (e.kind() == TemplateException.Kind.SYNTAX && secret) {
            // a syntax error's message may quote the template, which for a secret may be the secret itself
            return "invalid Jinja (a syntax error)";
        }
        if (e.kind() == TemplateException.Kind.UNDEFINED && !e.reason().startsWith("unknown function")) {
            return e.reason() + " (a profile knows only env_var() and Jinja's own functions)";
        }
        return e.reason();
    }

    /** An unclosed '{{' is a syntax error in Jinja too; said here without quoting the value. */
    private static void checkClosed(String template, Scope scope) {
        String rest = COMPLETE_TAG.matcher(template).replaceAll("");
        for (String open : new String[] {"{{", "{%", "{#"}) {
            if (rest.contains(open)) {
                scope.problems.add("a '" + open + "' is never closed (a literal '" + open
                        + "' must be written {{ '" + open + "' }})");
            }
        }
    }

    /** What one render needs and what went wrong in it. */
    private static final class Scope {
        final Map<String, String> environment;
        final boolean secret;
        final List<String> missing = new ArrayList<>();
        final List<String> problems = new ArrayList<>();

        Scope(Map<String, String> environment, boolean secret) {
            this.environment = environment == null ? Map.of() : environment;
            this.secret = secret;
        }
    }

    /** Jinja's env_var('NAME') and env_var('NAME', default). */
    private static Object envVar(Arguments args) {
        Scope scope = CURRENT.get();
        List<Object> positional = args.positional();
        if (positional.isEmpty() || positional.size() > 2 || positional.get(0) == null) {
            scope.problems.add("env_var() takes a variable name and an optional default");
            return "";
        }
        String name = String.valueOf(positional.get(0));
        String value = scope.environment.get(name);
        if (value != null) {
            return value;
        }
        if (positional.size() == 2) {
            return positional.get(1);
        }
        if (!scope.missing.contains(name)) {
            scope.missing.add(name);
        }
        return "";
    }

    /** dbt's as_number: the value as an integer or a decimal number. */
    private static Object asNumber(Object var, Arguments args) {
        if (var instanceof Number) {
            return var;
        }
        String text = var == null ? "" : String.valueOf(var).strip();
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException notLong) {
            try {
                return new BigDecimal(text).doubleValue();
            } catch (NumberFormatException notNumber) {
                CURRENT.get().problems.add("as_number: " + quoted(text) + " is not a number");
                return var;
            }
        }
    }

    /** dbt's as_bool: true or false, in any case. */
    private static Object asBool(Object var, Arguments args) {
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
        CURRENT.get().problems.add("as_bool: " + quoted(String.valueOf(var)) + " is not true or false");
        return var;
    }

    private static String quoted(String value) {
        Scope scope = CURRENT.get();
        return scope != null && scope.secret ? "the value" : "'" + value + "'";
    }

    private static Environment create() {
        return new Environment()
                .global("env_var", (PyCallable) ProfileTemplates::envVar)
                .filter("as_number", ProfileTemplates::asNumber)
                .filter("as_bool", ProfileTemplates::asBool)
                .filter("as_text", (v, a) -> v == null ? null : Py.str(v))
                .filter("as_native", (v, a) -> v);
    }
}
