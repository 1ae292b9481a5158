package org.sqlwarehouse.jinja;

import java.util.List;
import java.util.Map;

/**
 * The arguments of one call from a template, with where the call is: the template's name and line,
 * and whether it is inside a macro.
 */
public final class Arguments {
    final Evaluator evaluator;
    private final List<Object> positional;
    private final Map<String, Object> keywords;
    private final int line;

    Arguments(Evaluator evaluator, List<Object> positional, Map<String, Object> keywords, int line) {
        this.evaluator = evaluator;
        this.positional = positional;
        this.keywords = keywords;
        this.line = line;
    }

    public List<Object> positional() {
        return positional;
    }

    public Map<String, Object> keywords() {
        return keywords;
    }

    public int size() {
        return positional.size();
    }

    /** The positional argument at index, else the keyword argument of that name, else the fallback. */
    public Object get(int index, String name, Object fallback) {
        if (index >= 0 && index < positional.size()) {
            return positional.get(index);
        }
        if (name != null && keywords.containsKey(name)) {
            return keywords.get(name);
        }
        return fallback;
    }

    public Object get(int index) {
        return positional.get(index);
    }

    public int line() {
        return line;
    }

    public String templateName() {
        return evaluator == null ? null : evaluator.templateName();
    }

    /**
     * The macro calls this call is inside, outermost first: empty at a template's top level. The last
     * one's macro is defined in {@link #templateName()}, where this call is at {@link #line()}.
     */
    public List<MacroCall> macroCalls() {
        return evaluator == null ? List.of() : evaluator.macroCalls();
    }

    /** True while a macro is being called: dbt's return() needs one. */
    public boolean insideMacro() {
        return evaluator != null && evaluator.macroDepth() > 0;
    }

    /** Other arguments, in the same render: to call back a function or macro this call was given. */
    public Arguments with(List<Object> otherPositional) {
        return new Arguments(evaluator, otherPositional, Map.of(), line);
    }

    /** The same call with the value to filter or test in front. */
    Arguments withFirst(Object value) {
        List<Object> all = new java.util.ArrayList<>(positional.size() + 1);
        all.add(value);
        all.addAll(positional);
        return new Arguments(evaluator, all, keywords, line);
    }

    /** A TypeError, as Python raises for a wrong call. */
    public static TemplateException typeError(String message) {
        return new TemplateException(TemplateException.Kind.TYPE, message);
    }
}
