package org.sqlwarehouse.yaml;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.sqlwarehouse.WarehouseException;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * The one YAML reader of the plugin, for dbt_project.yml, property files, profiles.yml and
 * warehouse.vars. It reads YAML as PyYAML's SafeLoader does for dbt: anchors, aliases and merge
 * keys work, a repeated key keeps its last value (with a warning), and a tag never instantiates
 * anything (an unknown one is ignored). Alias expansion is capped, so an alias bomb fails fast
 * instead of exhausting memory. Messages never quote the document: a value may be a secret.
 */
public final class YamlReader {
    /** Values that aliases may add to a document: far above any real project, far below an alias bomb. */
    static final int MAX_ALIAS_EXPANSION = 100_000;
    private static final int MAX_DEPTH = 100;
    private static final int MAX_CODE_POINTS = 64 * 1024 * 1024;

    private YamlReader() {
    }

    /**
     * Parses one YAML document.
     *
     * @param displayName how messages name it, e.g. models/schema.yml
     */
    public static YamlDocument parse(String text, String displayName) throws WarehouseException {
        LoaderOptions options = new LoaderOptions();
        // the composer only links an alias to its node; the expansion is capped below, where it happens
        options.setMaxAliasesForCollections(Integer.MAX_VALUE);
        options.setAllowRecursiveKeys(false);
        options.setNestingDepthLimit(MAX_DEPTH);
        options.setCodePointLimit(MAX_CODE_POINTS);
        // no tag is ever constructed here (Builder reads every node as a plain value), so a global tag such
        // as !!python/object is harmless, and ignored as Jackson's reader did, instead of failing
        options.setTagInspector(tag -> true);
        Node root;
        try {
            Composer composer = new Composer(new ParserImpl(new StreamReader(text), options), new Resolver(), options);
            root = composer.getSingleNode();
        } catch (MarkedYAMLException e) {
            throw malformed(displayName, e);
        } catch (YAMLException e) {
            // never e.getMessage() of a marked error: it quotes the line, which may hold a secret
            throw new WarehouseException(displayName + ": malformed YAML: " + firstLine(e.getMessage()) + ".",
                    "Check the file's YAML syntax.");
        }
        Builder builder = new Builder(displayName);
        YamlNode tree = root == null ? null : builder.node(root, 0);
        return new YamlDocument(tree, builder.warnings);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "cannot parse";
        }
        int nl = message.indexOf('\n');
        return (nl < 0 ? message : message.substring(0, nl)).strip();
    }

    private static WarehouseException malformed(String displayName, MarkedYAMLException e) {
        Mark problem = e.getProblemMark();
        Mark context = e.getContextMark();
        int line = problem == null ? 0 : problem.getLine() + 1;
        StringBuilder message = new StringBuilder(at(displayName, line)).append("malformed YAML: ");
        String what = e.getProblem();
        message.append(what == null ? "cannot parse" : what.strip());
        if (e.getContext() != null && !e.getContext().isBlank()) {
            message.append(" (").append(e.getContext().strip());
            if (context != null && context.getLine() + 1 != line) {
                message.append(" that starts on line ").append(context.getLine() + 1);
            }
            message.append(")");
        }
        message.append(".");
        return new WarehouseException(message.toString(),
                "Check the indentation (spaces, not tabs) and the quoting near that line; quote values that contain"
                        + " ':', '#', '{' or start with a special character, e.g. password: \"...\".");
    }

    private static String at(String displayName, int line) {
        return line > 0 ? displayName + " line " + line + ": " : displayName + ": ";
    }

    /** Turns SnakeYAML's node graph (an alias is the anchored node itself) into a tree. */
    private static final class Builder {
        private final String displayName;
        private final List<String> warnings = new ArrayList<>();
        /** Nodes already built once: building one again is an alias expanding. */
        private final Set<Node> built = Collections.newSetFromMap(new IdentityHashMap<>());
        /** Nodes being built, to stop an alias that refers to its own anchor. */
        private final Set<Node> open = Collections.newSetFromMap(new IdentityHashMap<>());
        private int repeating;
        private int expanded;

        Builder(String displayName) {
            this.displayName = displayName;
        }

        YamlNode node(Node node, int depth) throws WarehouseException {
            int line = node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
            if (depth > MAX_DEPTH) {
                throw new WarehouseException(at(displayName, line) + "the YAML nests deeper than " + MAX_DEPTH
                        + " levels.");
            }
            if (!open.add(node)) {
                throw new WarehouseException(at(displayName, line) + "the anchor &" + node.getAnchor()
                        + " is used inside itself, which would never end.", "Remove the alias *" + node.getAnchor()
                        + " from inside the value it names.");
            }
            boolean again = !built.add(node);
            if (again) {
                repeating++;
            }
            try {
                if (repeating > 0 && ++expanded > MAX_ALIAS_EXPANSION) {
                    throw new WarehouseException(displayName + ": aliases expand this YAML to more than "
                            + MAX_ALIAS_EXPANSION + " values (the anchor &" + node.getAnchor() + " on line " + line
                            + " is one of them); it looks like an alias bomb, and is not read further.",
                            "Use fewer nested aliases; write the repeated values out if they are really needed.");
                }
                if (node instanceof MappingNode mapping) {
                    return mapping(mapping, line, depth);
                }
                if (node instanceof SequenceNode sequence) {
                    List<YamlNode> items = new ArrayList<>(sequence.getValue().size());
                    for (Node item : sequence.getValue()) {
                        items.add(node(item, depth + 1));
                    }
                    return new YamlNode.Sequence(line, Collections.unmodifiableList(items));
                }
                ScalarNode scalar = (ScalarNode) node;
                return YamlScalars.scalar(line, scalar.getTag(), scalar.getValue());
            } finally {
                if (again) {
                    repeating--;
                }
                open.remove(node);
            }
        }

        private YamlNode.Mapping mapping(MappingNode node, int line, int depth) throws WarehouseException {
            Map<String, YamlNode.Entry> explicit = new LinkedHashMap<>();
            List<YamlNode.Mapping> merged = new ArrayList<>();
            for (NodeTuple tuple : node.getValue()) {
                Node keyNode = tuple.getKeyNode();
                int keyLine = keyNode.getStartMark() == null ? line : keyNode.getStartMark().getLine() + 1;
                if (!(keyNode instanceof ScalarNode keyScalar)) {
                    throw new WarehouseException(at(displayName, keyLine) + "a key must be a plain value, not a "
                            + (keyNode instanceof MappingNode ? "mapping" : "list") + ".",
                            "Write the key as text, e.g. name: value.");
                }
                YamlNode value = node(tuple.getValueNode(), depth + 1);
                if (Tag.MERGE.equals(keyScalar.getTag())) {
                    mergeSources(value, keyLine, merged);
                    continue;
                }
                String key = keyScalar.getValue();
                YamlNode.Entry previous = explicit.get(key);
                if (previous != null) {
                    // as PyYAML (and so dbt): the last one wins; dbt 1.10 warns too
                    warnings.add(at(displayName, keyLine) + "the key '" + key + "' appears a second time (first on"
                            + " line " + previous.keyLine() + "); the first one's content is ignored. Merge the"
                            + " two into one '" + key + ":'.");
                }
                explicit.put(key, new YamlNode.Entry(key, keyLine, value));
            }
            if (merged.isEmpty()) {
                return new YamlNode.Mapping(line, Collections.unmodifiableMap(explicit));
            }
            // PyYAML: merged keys first, a key of the mapping itself wins over a merged one, and of several
            // merged mappings the first wins
            Map<String, YamlNode.Entry> entries = new LinkedHashMap<>();
            for (YamlNode.Mapping source : merged) {
                for (YamlNode.Entry e : source.entries().values()) {
                    entries.putIfAbsent(e.key(), e);
                }
            }
            entries.putAll(explicit);
            return new YamlNode.Mapping(line, Collections.unmodifiableMap(entries));
        }

        private void mergeSources(YamlNode value, int keyLine, List<YamlNode.Mapping> merged)
                throws WarehouseException {
            if (value instanceof YamlNode.Mapping map) {
                merged.add(map);
                return;
            }
            if (value instanceof YamlNode.Sequence list) {
                for (YamlNode item : list.items()) {
                    if (!(item instanceof YamlNode.Mapping map)) {
                        throw mergeError(keyLine);
                    }
                    merged.add(map);
                }
                return;
            }
            throw mergeError(keyLine);
        }

        private WarehouseException mergeError(int keyLine) {
            return new WarehouseException(at(displayName, keyLine)
                    + "a merge key '<<' must be followed by a mapping or a list of mappings.",
                    "Write e.g. '<<: *defaults' where &defaults marks a mapping.");
        }
    }
}
