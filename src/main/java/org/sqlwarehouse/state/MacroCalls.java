package org.sqlwarehouse.state;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sqlwarehouse.project.DbtPackage;
import org.sqlwarehouse.project.DbtProject;
import org.sqlwarehouse.project.SqlFile;

/**
 * Which of the project's and packages' macros a template calls, directly or through other macros,
 * for the project fingerprint. An approximation, as the state needs no more: every word of the
 * template (and then of each macro found) that names a known macro counts as a call, whatever the
 * namespace ({@code dbt_utils.star} counts every macro named {@code star}), even inside a comment
 * or a string. It may find a call too many (a node then counts as modified), never one too few,
 * except for macros called by a name built at run time and dbt's own macros, which belong to the
 * plugin's version rather than the project.
 */
final class MacroCalls {
    private static final Pattern DEFINITION = Pattern.compile(
            "\\{%-?\\s*macro\\s+(\\w+)\\s*\\(.*?\\{%-?\\s*endmacro\\s*-?%}", Pattern.DOTALL);
    private static final Pattern WORD = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    /** Each macro's source text by name; several definitions of one name (overrides) are joined. */
    private final Map<String, String> bodies;
    /** Memo: the macros each macro's text names, asked once per project for every node. */
    private final Map<String, List<String>> callees = new HashMap<>();

    private MacroCalls(Map<String, String> bodies) {
        this.bodies = bodies;
    }

    static MacroCalls of(DbtProject project) {
        Map<String, String> bodies = new HashMap<>();
        collect(project.macros(), bodies);
        for (DbtPackage pkg : project.packages()) {
            collect(pkg.macros(), bodies);
        }
        return new MacroCalls(bodies);
    }

    private static void collect(List<SqlFile> files, Map<String, String> bodies) {
        for (SqlFile file : files) {
            Matcher m = DEFINITION.matcher(file.sql());
            while (m.find()) {
                bodies.merge(m.group(1), m.group(), (a, b) -> a + "\n" + b);
            }
        }
    }

    /** The macros the text calls, transitively, by name, with their source text. */
    Map<String, String> calledBy(String text) {
        Map<String, String> out = new TreeMap<>();
        Deque<String> pending = new ArrayDeque<>(wordsNamingMacros(text));
        while (!pending.isEmpty()) {
            String name = pending.pop();
            if (out.containsKey(name)) {
                continue;
            }
            out.put(name, bodies.get(name));
            pending.addAll(callees.computeIfAbsent(name, n -> wordsNamingMacros(bodies.get(n))));
        }
        return out;
    }

    private List<String> wordsNamingMacros(String text) {
        Set<String> names = new LinkedHashSet<>();
        Matcher m = WORD.matcher(text);
        while (m.find()) {
            if (bodies.containsKey(m.group())) {
                names.add(m.group());
            }
        }
        return List.copyOf(names);
    }
}
