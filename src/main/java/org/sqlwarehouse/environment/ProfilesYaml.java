package org.sqlwarehouse.environment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import com.fasterxml.jackson.core.io.IOContext;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sqlwarehouse.WarehouseException;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.events.ScalarEvent;

/**
 * A YAML document as a tree that remembers the line of every key and value, read with Jackson's
 * streaming parser. Anchors, aliases and merge keys ({@code <<: *base}) work as in PyYAML, which
 * dbt uses. Error messages never quote the document: a value may be a secret.
 */
final class ProfilesYaml {
    private static final AnchorAwareFactory FACTORY = new AnchorAwareFactory();
    private static final String MERGE_KEY = "<<";
    private static final int MAX_DEPTH = 100;

    private ProfilesYaml() {
    }

    /** A node of the tree; {@code line} is 1-based. */
    sealed interface Node permits MapNode, ListNode, Scalar {
        int line();
    }

    /** One key of a mapping: where the key is, and its value. */
    record Entry(String key, int keyLine, Node value) {
    }

    record MapNode(int line, Map<String, Entry> entries) implements Node {
        Entry get(String key) {
            return entries.get(key);
        }
    }

    record ListNode(int line, List<Node> items) implements Node {
    }

    /**
     * A scalar: its text as written, and what YAML made of it ({@link JsonToken#VALUE_STRING},
     * VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT, VALUE_TRUE, VALUE_FALSE or VALUE_NULL).
     */
    record Scalar(int line, JsonToken kind, String text, Number number) implements Node {
        boolean isNull() {
            return kind == JsonToken.VALUE_NULL;
        }

        boolean isString() {
            return kind == JsonToken.VALUE_STRING;
        }
    }

    /** The document's root, or null for an empty document. */
    static Node parse(String text, Path file) throws WarehouseException {
        try (AnchorAwareParser parser = (AnchorAwareParser) FACTORY.createParser(new StringReader(text))) {
            TreeReader reader = new TreeReader(parser, file);
            JsonToken first = parser.nextToken();
            if (first == null) {
                return null;
            }
            Node root = reader.value(first, 0);
            if (parser.nextToken() != null) {
                throw new WarehouseException(ProfilesReader.at(file, line(parser))
                        + "a second YAML document starts here; profiles.yml must be a single document.",
                        "Remove the '---' separator and merge the documents into one mapping.");
            }
            return root;
        } catch (JsonProcessingException e) {
            if (e.getCause() instanceof MarkedYAMLException marked) {
                throw malformed(file, marked.getProblemMark() == null ? lineOf(e)
                        : marked.getProblemMark().getLine() + 1, marked.getProblem(), marked.getContext(),
                        marked.getContextMark() == null ? -1 : marked.getContextMark().getLine() + 1);
            }
            // never e.getMessage(): Jackson and SnakeYAML quote the offending line, which may hold a secret
            throw malformed(file, lineOf(e), "cannot parse the YAML", null, -1);
        } catch (IOException e) {
            throw new WarehouseException("Cannot read " + file + ": " + e.getClass().getSimpleName() + ".");
        }
    }

    private static int lineOf(JsonProcessingException e) {
        return e.getLocation() == null ? 0 : e.getLocation().getLineNr();
    }

    private static WarehouseException malformed(Path file, int line, String problem, String context,
            int contextLine) {
        StringBuilder message = new StringBuilder(ProfilesReader.at(file, line)).append("malformed YAML: ");
        message.append(problem == null ? "cannot parse" : problem.strip());
        if (context != null && !context.isBlank()) {
            message.append(" (").append(context.strip());
            if (contextLine > 0 && contextLine != line) {
                message.append(" that starts on line ").append(contextLine);
            }
            message.append(")");
        }
        message.append(".");
        return new WarehouseException(message.toString(),
                "Check the indentation (spaces, not tabs) and the quoting near that line; quote values that contain"
                        + " ':', '#', '{' or start with a special character, e.g. password: \"...\".");
    }

    private static int line(YAMLParser parser) {
        return parser.currentTokenLocation().getLineNr();
    }

    /** Builds the tree from the token stream, resolving aliases and merge keys. */
    private static final class TreeReader {
        private final AnchorAwareParser parser;
        private final Path file;
        private final Map<String, Node> anchors = new HashMap<>();

        TreeReader(AnchorAwareParser parser, Path file) {
            this.parser = parser;
            this.file = file;
        }

        Node value(JsonToken token, int depth) throws IOException, WarehouseException {
            if (depth > MAX_DEPTH) {
                throw new WarehouseException(ProfilesReader.at(file, line(parser)) + "the YAML nests deeper than "
                        + MAX_DEPTH + " levels.");
            }
            int line = line(parser);
            String anchor = token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY
                    ? parser.getObjectId() : parser.scalarAnchor;
            Node node;
            switch (token) {
                case START_OBJECT -> node = mapping(line, depth);
                case START_ARRAY -> node = sequence(line, depth);
                case VALUE_STRING -> {
                    if (parser.isCurrentAlias()) {
                        Node target = anchors.get(parser.getText());
                        if (target == null) {
                            throw new WarehouseException(ProfilesReader.at(file, line) + "the alias *"
                                    + parser.getText() + " refers to no anchor &" + parser.getText()
                                    + " defined before it.",
                                    "Define the anchor (&" + parser.getText() + ") before its first use.");
                        }
                        return target;
                    }
                    node = new Scalar(line, token, parser.getText(), null);
                }
                case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> node = new Scalar(line, token, parser.getText(),
                        parser.getNumberValue());
                case VALUE_TRUE, VALUE_FALSE, VALUE_NULL -> node = new Scalar(line, token, parser.getText(), null);
                default -> node = new Scalar(line, JsonToken.VALUE_STRING, parser.getText(), null);
            }
            if (anchor != null) {
                anchors.put(anchor, node);
            }
            return node;
        }

        private MapNode mapping(int line, int depth) throws IOException, WarehouseException {
            Map<String, Entry> explicit = new LinkedHashMap<>();
            List<MapNode> merged = new ArrayList<>();
            JsonToken token;
            while ((token = parser.nextToken()) != JsonToken.END_OBJECT) {
                if (token == null) {
                    throw new WarehouseException(ProfilesReader.at(file, line) + "malformed YAML: unexpected end.");
                }
                String key = parser.currentName();
                int keyLine = line(parser);
                Node value = value(parser.nextToken(), depth + 1);
                if (MERGE_KEY.equals(key)) {
                    mergeSources(value, keyLine, merged);
                } else {
                    // as in PyYAML, a repeated key keeps the last value
                    explicit.put(key, new Entry(key, keyLine, value));
                }
            }
            if (merged.isEmpty()) {
                return new MapNode(line, Collections.unmodifiableMap(explicit));
            }
            // PyYAML: merged keys first, a key of the mapping itself wins over a merged one,
            // and of several merged mappings the first wins
            Map<String, Entry> entries = new LinkedHashMap<>();
            for (MapNode source : merged) {
                for (Entry e : source.entries().values()) {
                    entries.putIfAbsent(e.key(), e);
                }
            }
            entries.putAll(explicit);
            return new MapNode(line, Collections.unmodifiableMap(entries));
        }

        private void mergeSources(Node value, int keyLine, List<MapNode> merged) throws WarehouseException {
            if (value instanceof MapNode map) {
                merged.add(map);
                return;
            }
            if (value instanceof ListNode list) {
                for (Node item : list.items()) {
                    if (!(item instanceof MapNode map)) {
                        throw mergeError(keyLine);
                    }
                    merged.add(map);
                }
                return;
            }
            throw mergeError(keyLine);
        }

        private WarehouseException mergeError(int keyLine) {
            return new WarehouseException(ProfilesReader.at(file, keyLine)
                    + "a merge key '<<' must be followed by a mapping or a list of mappings.",
                    "Write e.g. '<<: *defaults' where &defaults marks a mapping.");
        }

        private ListNode sequence(int line, int depth) throws IOException, WarehouseException {
            List<Node> items = new ArrayList<>();
            JsonToken token;
            while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
                if (token == null) {
                    throw new WarehouseException(ProfilesReader.at(file, line) + "malformed YAML: unexpected end.");
                }
                items.add(value(token, depth + 1));
            }
            return new ListNode(line, Collections.unmodifiableList(items));
        }
    }

    /** Jackson's YAML parser does not tell the anchor of a single value; this one does. */
    private static final class AnchorAwareParser extends YAMLParser {
        /** The anchor of the last scalar value, or null. */
        String scalarAnchor;

        AnchorAwareParser(IOContext context, int parserFeatures, int yamlFeatures,
                org.yaml.snakeyaml.LoaderOptions options, Reader reader) {
            super(context, parserFeatures, yamlFeatures, options, null, reader);
        }

        @Override
        protected JsonToken _decodeScalar(ScalarEvent scalar) throws IOException {
            scalarAnchor = scalar.getAnchor();
            return super._decodeScalar(scalar);
        }
    }

    private static final class AnchorAwareFactory extends YAMLFactory {
        private static final long serialVersionUID = 1L;

        @Override
        protected YAMLParser _createParser(Reader reader, IOContext context) {
            return new AnchorAwareParser(context, _parserFeatures, _yamlParserFeatures, _loaderOptions, reader);
        }
    }
}
