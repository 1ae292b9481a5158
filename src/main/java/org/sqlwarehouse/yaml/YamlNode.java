package org.sqlwarehouse.yaml;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A node of a YAML document, with the 1-based line it starts on. */
public sealed interface YamlNode permits YamlNode.Mapping, YamlNode.Sequence, YamlNode.Scalar {
    int line();

    /** The node as plain Java: LinkedHashMap, ArrayList, String, Integer, Long, BigInteger, Double, Boolean or null. */
    Object toJava();

    /** One key of a mapping: where the key is, and its value. */
    record Entry(String key, int keyLine, YamlNode value) {
    }

    /** A mapping, its keys in document order; merge keys ({@code <<: *base}) already applied. */
    record Mapping(int line, Map<String, Entry> entries) implements YamlNode {
        /** The entry of a key, or null. */
        public Entry get(String key) {
            return entries.get(key);
        }

        @Override
        public Map<String, Object> toJava() {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Entry e : entries.values()) {
                out.put(e.key(), e.value().toJava());
            }
            return out;
        }
    }

    /** A sequence. */
    record Sequence(int line, List<YamlNode> items) implements YamlNode {
        @Override
        public List<Object> toJava() {
            List<Object> out = new ArrayList<>(items.size());
            for (YamlNode item : items) {
                out.add(item.toJava());
            }
            return out;
        }
    }

    /**
     * A scalar: its text as written and what YAML (1.1, as PyYAML that dbt uses) makes of it.
     *
     * @param value a String, Integer, Long, BigInteger, Double, Boolean or null, as {@code kind} says
     */
    record Scalar(int line, ScalarKind kind, String text, Object value) implements YamlNode {
        @Override
        public Object toJava() {
            return value;
        }
    }

    /** What a scalar is. */
    enum ScalarKind {
        STRING, INTEGER, FLOAT, BOOLEAN, NULL
    }
}
