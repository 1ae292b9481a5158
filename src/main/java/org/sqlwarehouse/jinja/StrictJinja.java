package org.sqlwarehouse.jinja;

import com.hubspot.jinjava.interpret.TemplateError;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What Jinjava lets pass and Jinja (dbt's) does not, shared by every renderer of the plugin: the
 * models' and macros' renderer and the profiles.yml one. Jinjava prints an unknown filter as
 * nothing and reports an unknown function in its own words; these checks make both fail as in dbt.
 */
public final class StrictJinja {
    /** Names Jinja knows as literals; Jinjava asks the variable resolver for some of them. */
    public static final Set<String> LITERALS = Set.of("none", "None", "True", "False", "true", "false", "null");

    private static final Pattern UNKNOWN_FUNCTION = Pattern.compile("Could not resolve function '([^']+)'");
    private static final Pattern STRING_LITERAL = Pattern.compile("'(?:[^'\\\\]|\\\\.)*'|\"(?:[^\"\\\\]|\\\\.)*\"");
    private static final Pattern FILTER_USE = Pattern.compile("(?<!\\|)\\|\\s*([A-Za-z_][A-Za-z0-9_]*)");

    private StrictJinja() {
    }

    /** Receives an unknown filter and the line (1-based) of the block that uses it. */
    @FunctionalInterface
    public interface UnknownFilter {
        void found(String filter, int line);
    }

    /**
     * Reports each filter used in a {{ }} or {% %} block that {@code known} does not know. A block
     * is the earliest {{ or {% that has a closing }} or %} after it, up to the first such close;
     * only blocks with a | in them are parsed, and filters named inside string literals do not count.
     */
    public static void findUnknownFilters(String template, Predicate<String> known, UnknownFilter onUnknown) {
        if (template.indexOf('|') < 0) {
            return;
        }
        int from = 0;
        while (true) {
            int start = template.indexOf('{', from);
            if (start < 0 || start + 1 >= template.length()) {
                return;
            }
            char kind = template.charAt(start + 1);
            if (kind != '{' && kind != '%') {
                from = start + 1;
                continue;
            }
            int end = template.indexOf(kind == '{' ? "}}" : "%}", start + 2);
            if (end < 0) {
                from = start + 1;
                continue;
            }
            if (template.lastIndexOf('|', end - 1) >= start + 2) {
                Matcher use = FILTER_USE.matcher(STRING_LITERAL.matcher(template.substring(start + 2, end))
                        .replaceAll("''"));
                while (use.find()) {
                    if (!known.test(use.group(1))) {
                        onUnknown.found(use.group(1), lineAt(template, start));
                    }
                }
            }
            from = end + 2;
        }
    }

    /**
     * A render error in dbt's words where Jinjava's differ ("unknown function 'x'"), else
     * Jinjava's message.
     */
    public static String describe(TemplateError error) {
        String message = error.getMessage() == null ? String.valueOf(error.getReason()) : error.getMessage();
        Matcher unknown = UNKNOWN_FUNCTION.matcher(message);
        return unknown.find() ? "unknown function '" + unknown.group(1) + "'" : message;
    }

    /** Whether {@link #describe} has dbt's words for this error, which never quote the template. */
    public static boolean isUnknownFunction(TemplateError error) {
        String message = error.getMessage() == null ? String.valueOf(error.getReason()) : error.getMessage();
        return UNKNOWN_FUNCTION.matcher(message).find();
    }

    private static int lineAt(String template, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (template.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }
}
