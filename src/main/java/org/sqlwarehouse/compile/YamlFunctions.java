package org.sqlwarehouse.compile;

import java.io.StringWriter;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sqlwarehouse.jinja.Arguments;
import org.sqlwarehouse.jinja.Py;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;

/**
 * dbt's toyaml(value, default=None, sort_keys=False) and fromyaml(value, default=None): PyYAML's
 * safe_dump and safe_load, on SnakeYAML (a port of PyYAML, so its emitter quotes and wraps alike).
 * A value YAML cannot hold, or text that is not YAML, gives the default, as in dbt.
 */
final class YamlFunctions {
    private static final Pattern TIMESTAMP = Pattern.compile("(\\d{4})-(\\d\\d?)-(\\d\\d?)(?:(?:[Tt]|[ \\t]+)"
            + "(\\d\\d?):(\\d\\d):(\\d\\d)(?:\\.(\\d*))?(?:[ \\t]*(Z|([-+])(\\d\\d?)(?::(\\d\\d))?))?)?");

    private static final Pattern LINE_BREAK = Pattern.compile("[\\n\\r\\x{85}\\x{2028}\\x{2029}]");
    /** A double-quoted scalar where the emitter starts one: after indentation, "- ", "? " or ": ". */
    private static final Pattern DOUBLE_QUOTED = Pattern.compile("(?<=^|\\n|[ -] |: |\\? )\"(?:[^\"\\\\]|\\\\.)*\"",
            Pattern.DOTALL);
    /** An escape with hex digits, or any other escape (\\\\ among them), to step over. */
    private static final Pattern ESCAPE = Pattern.compile("\\\\(?:x[0-9a-f]{2}|u[0-9a-f]{4}|U[0-9a-f]{8}|.)");

    private YamlFunctions() {
    }

    static Object toyaml(Arguments args) {
        Object value = args.get(0, "value", null);
        Object fallback = args.get(1, "default", null);
        boolean sortKeys = Py.truthy(args.get(2, "sort_keys", false));
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        // PyYAML's safe_dump escapes what is not ASCII
        options.setAllowUnicode(false);
        try {
            Node node = new Representation(sortKeys).node(value);
            StringWriter out = new StringWriter();
            new Yaml(new SafeConstructor(new LoaderOptions()), new Representer(options), options, new PyYamlResolver())
                    .serialize(node, out);
            return asPyYaml(out.toString(), node);
        } catch (YAMLException | IllegalArgumentException e) {
            return fallback;
        }
    }

    static Object fromyaml(Arguments args) {
        Object text = args.get(0, "value", null);
        Object fallback = args.get(1, "default", null);
        try {
            DumperOptions unused = new DumperOptions();
            Object loaded = new Yaml(new PythonConstructor(), new Representer(unused), unused, new PyYamlResolver())
                    .load(Py.str(text));
            return pythonValue(loaded);
        } catch (YAMLException e) {
            return fallback;
        }
    }

    /** Template values as YAML nodes, tagged as PyYAML's SafeRepresenter tags them. */
    private static final class Representation {
        private final boolean sortKeys;
        /** A collection met twice is one node, which the serializer anchors (&id001) as PyYAML does. */
        private final Map<Object, Node> seen = new IdentityHashMap<>();

        Representation(boolean sortKeys) {
            this.sortKeys = sortKeys;
        }

        Node node(Object value) {
            if (value instanceof Collection<?> || value instanceof Map<?, ?>) {
                Node known = seen.get(value);
                if (known != null) {
                    return known;
                }
            }
            if (value == null) {
                return scalar(Tag.NULL, "null");
            }
            if (value instanceof String s) {
                // PyYAML never writes a line break in a plain scalar, SnakeYAML does: ask for quotes
                return new ScalarNode(Tag.STR, s, null, null, LINE_BREAK.matcher(s).find()
                        ? DumperOptions.ScalarStyle.SINGLE_QUOTED : DumperOptions.ScalarStyle.PLAIN);
            }
            if (value instanceof Boolean b) {
                return scalar(Tag.BOOL, b ? "true" : "false");
            }
            if (value instanceof Long || value instanceof Integer || value instanceof BigInteger) {
                return scalar(Tag.INT, value.toString());
            }
            if (value instanceof Double || value instanceof Float) {
                return scalar(Tag.FLOAT, floatText(((Number) value).doubleValue()));
            }
            if (value instanceof TemplateDateTime dt) {
                return scalar(Tag.TIMESTAMP, dt.toString());
            }
            if (value instanceof Map<?, ?> map) {
                return mapping(map);
            }
            if (value instanceof Set<?> set) {
                Map<Object, Object> members = new LinkedHashMap<>();
                set.forEach(member -> members.put(member, null));
                MappingNode node = (MappingNode) mapping(members);
                node.setTag(Tag.SET);
                seen.put(value, node);
                return node;
            }
            if (value instanceof List<?> list) {
                List<Node> items = new ArrayList<>();
                SequenceNode node = new SequenceNode(Tag.SEQ, items, DumperOptions.FlowStyle.BLOCK);
                seen.put(value, node);
                list.forEach(item -> items.add(node(item)));
                return node;
            }
            // PyYAML's SafeDumper refuses objects of other classes
            throw new IllegalArgumentException("cannot represent an object: " + Py.typeName(value));
        }

        private Node mapping(Map<?, ?> map) {
            List<NodeTuple> entries = new ArrayList<>();
            MappingNode node = new MappingNode(Tag.MAP, entries, DumperOptions.FlowStyle.BLOCK);
            seen.put(map, node);
            List<Map.Entry<?, ?>> ordered = new ArrayList<>(map.entrySet());
            if (sortKeys) {
                try {
                    ordered.sort((a, b) -> Py.compare(a.getKey(), b.getKey(), "<"));
                } catch (org.sqlwarehouse.jinja.TemplateException e) {
                    // keys that do not order (1 and 'a') stay as they are, as PyYAML leaves them
                    ordered = new ArrayList<>(map.entrySet());
                }
            }
            for (Map.Entry<?, ?> e : ordered) {
                entries.add(new NodeTuple(node(e.getKey()), node(e.getValue())));
            }
            return node;
        }

        private static Node scalar(Tag tag, String text) {
            return new ScalarNode(tag, text, null, null, DumperOptions.ScalarStyle.PLAIN);
        }
    }

    /**
     * The two ways SnakeYAML's emitter writes what PyYAML writes otherwise: the hex digits of escapes
     * (\xE9, not \xe9) in double-quoted scalars, and the document end marker after a plain scalar
     * as the whole document ("abc\n...\n").
     */
    private static String asPyYaml(String text, Node root) {
        Matcher quoted = DOUBLE_QUOTED.matcher(text);
        StringBuilder out = new StringBuilder();
        while (quoted.find()) {
            Matcher escape = ESCAPE.matcher(quoted.group());
            StringBuilder scalar = new StringBuilder();
            while (escape.find()) {
                String e = escape.group();
                escape.appendReplacement(scalar, Matcher.quoteReplacement(e.substring(0, 2) + e.substring(2).toUpperCase()));
            }
            escape.appendTail(scalar);
            quoted.appendReplacement(out, Matcher.quoteReplacement(scalar.toString()));
        }
        quoted.appendTail(out);
        boolean plainRoot = root instanceof ScalarNode && !text.startsWith("'") && !text.startsWith("\"");
        return plainRoot ? out + "...\n" : out.toString();
    }

    /** PyYAML's float: repr() in lower case, always with a dot before an exponent; .inf and .nan. */
    private static String floatText(double d) {
        if (Double.isNaN(d)) {
            return ".nan";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? ".inf" : "-.inf";
        }
        String text = Py.str(d).toLowerCase();
        return !text.contains(".") && text.contains("e") ? text.replaceFirst("e", ".0e") : text;
    }

    /** SafeConstructor with PyYAML's timestamps: a date, or a datetime, aware when it has an offset. */
    private static final class PythonConstructor extends SafeConstructor {
        PythonConstructor() {
            super(new LoaderOptions());
            yamlConstructors.put(Tag.TIMESTAMP, new AbstractConstruct() {
                @Override
                public Object construct(Node node) {
                    return timestamp(constructScalar((ScalarNode) node));
                }
            });
        }
    }

    private static TemplateDateTime timestamp(String text) {
        Matcher m = TIMESTAMP.matcher(text.trim());
        if (!m.matches()) {
            throw new YAMLException("not a timestamp: " + text);
        }
        LocalDate day = LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                Integer.parseInt(m.group(3)));
        if (m.group(4) == null) {
            return TemplateDateTime.date(day);
        }
        String fraction = m.group(7) == null ? "0" : (m.group(7) + "000000").substring(0, 6);
        LocalDateTime local = day.atTime(Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)),
                Integer.parseInt(m.group(6)), Integer.parseInt(fraction) * 1000);
        if (m.group(8) == null) {
            return TemplateDateTime.naive(local);
        }
        int seconds = m.group(9) == null ? 0 : (Integer.parseInt(m.group(10)) * 3600
                + (m.group(11) == null ? 0 : Integer.parseInt(m.group(11)) * 60)) * (m.group(9).equals("-") ? -1 : 1);
        return TemplateDateTime.attached(local, TemplateTimezone.fixed(java.time.ZoneOffset.ofTotalSeconds(seconds)));
    }

    /** SnakeYAML's values as the engine's Python ones: every int a Long (or a BigInteger past 64 bits). */
    private static Object pythonValue(Object v) {
        if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        if (v instanceof BigInteger big && big.bitLength() < 64) {
            return big.longValue();
        }
        if (v instanceof Map<?, ?> map) {
            Map<Object, Object> out = new LinkedHashMap<>();
            map.forEach((k, value) -> out.put(pythonValue(k), pythonValue(value)));
            return out;
        }
        if (v instanceof Set<?> set) {
            Set<Object> out = new LinkedHashSet<>();
            set.forEach(item -> out.add(pythonValue(item)));
            return out;
        }
        if (v instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            list.forEach(item -> out.add(pythonValue(item)));
            return out;
        }
        return v;
    }
}
