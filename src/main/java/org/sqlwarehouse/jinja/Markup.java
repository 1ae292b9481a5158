package org.sqlwarehouse.jinja;

import java.util.ArrayList;
import java.util.List;

/**
 * Jinja2's Markup, text that is safe HTML and is not escaped again, for the filters. Java's String
 * is final, so a render remembers which of its strings are markup by identity (see
 * {@link ExpressionEvaluator#markSafe}); outside a render (no evaluator) nothing is markup.
 */
final class Markup {
    private Markup() {
    }

    static boolean is(Arguments a, Object v) {
        return a.evaluator != null && a.evaluator.isMarkup(v);
    }

    static String of(Arguments a, String s) {
        return a.evaluator == null ? s : a.evaluator.markSafe(s);
    }

    /** The escape filter: markup stays as it is. */
    static Object escape(Object v, Arguments a) {
        return is(a, v) ? v : of(a, Filters.html(Py.str(v)));
    }

    /** Whether the render is inside an autoescape block, which filters that build HTML look at. */
    static boolean autoescaping(Arguments a) {
        return a.evaluator != null && a.evaluator.contextAutoescape;
    }

    /** A filter's HTML: markup while autoescaping, so it is not escaped when printed. */
    static String html(Arguments a, String s) {
        return autoescaping(a) ? of(a, s) : s;
    }

    /**
     * The join filter's text while autoescaping: when the separator or an item is markup, the rest
     * is escaped and the result is markup; otherwise plain text, which printing escapes.
     */
    static String join(Arguments a, String separator, Object separatorValue, List<Object> items) {
        boolean anyMarkup = is(a, separatorValue) || items.stream().anyMatch(i -> is(a, i));
        List<String> parts = new ArrayList<>(items.size());
        for (Object item : items) {
            parts.add(anyMarkup && !is(a, item) ? Filters.html(Py.str(item)) : Py.str(item));
        }
        String sep = anyMarkup && !is(a, separatorValue) ? Filters.html(separator) : separator;
        String joined = String.join(sep, parts);
        return anyMarkup ? of(a, joined) : joined;
    }
}
