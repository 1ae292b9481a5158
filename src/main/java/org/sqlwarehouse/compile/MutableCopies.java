package org.sqlwarehouse.compile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Deep copies of the plain values templates are handed (vars, the target): a template may change
 * what it is given, as Jinja2 allows ({@code var('cols').append(...)}), and renders running at once
 * must not see each other's changes.
 */
final class MutableCopies {
    private MutableCopies() {
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> ofMap(Map<String, Object> map) {
        return (Map<String, Object>) of(map);
    }

    /** Maps and lists copied all the way down; every other value is shared (strings, numbers are immutable). */
    static Object of(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(k, of(v)));
            return copy;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(v -> copy.add(of(v)));
            return copy;
        }
        return value;
    }
}
