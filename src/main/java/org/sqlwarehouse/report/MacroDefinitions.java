package org.sqlwarehouse.report;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the macros a macro file defines, for manifest.json's {@code macros}: each
 * {@code {% macro name(...) %}...{% endmacro %}} block, and each generic test block
 * {@code {% test name(...) %}...{% endtest %}}, which dbt lists as the macro {@code test_<name>}.
 */
final class MacroDefinitions {
    private static final Pattern START = Pattern.compile("\\{%-?\\s*(macro|test)\\s+([A-Za-z_][A-Za-z0-9_]*)\\s*\\(");

    /**
     * One macro of a file.
     *
     * @param name     as dbt names it: the macro's name, or test_ and a generic test's name
     * @param macroSql the whole block, from its start tag to its end tag
     */
    record Definition(String name, String macroSql) {
    }

    private MacroDefinitions() {
    }

    static List<Definition> in(String fileText) {
        List<Definition> out = new ArrayList<>();
        Matcher start = START.matcher(fileText);
        int from = 0;
        while (from < fileText.length() && start.find(from)) {
            String kind = start.group(1);
            Matcher end = Pattern.compile("\\{%-?\\s*end" + kind + "\\s*-?%\\}").matcher(fileText);
            if (!end.find(start.end())) {
                // an unterminated block: the compile reports it; the manifest lists what is complete
                break;
            }
            String name = "test".equals(kind) ? "test_" + start.group(2) : start.group(2);
            out.add(new Definition(name, fileText.substring(start.start(), end.end())));
            from = end.end();
        }
        return out;
    }
}
