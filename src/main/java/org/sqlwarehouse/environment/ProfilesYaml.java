package org.sqlwarehouse.environment;

import com.fasterxml.jackson.core.JsonToken;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sqlwarehouse.WarehouseException;
import org.sqlwarehouse.yaml.YamlDocument;
import org.sqlwarehouse.yaml.YamlNode;
import org.sqlwarehouse.yaml.YamlReader;

/**
 * A profiles.yml document as a tree that remembers the line of every key and value, read with the
 * plugin's one {@link YamlReader}: anchors, aliases and merge keys ({@code <<: *base}) work as in
 * PyYAML, which dbt uses, and an alias bomb fails naming the file. Error messages never quote the
 * document: a value may be a secret.
 */
final class ProfilesYaml {
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

    /**
     * The document's root, or null for an empty document.
     *
     * @param warnings receives what is likely a mistake, e.g. a repeated key, naming file and line
     */
    static Node parse(String text, Path file, List<String> warnings) throws WarehouseException {
        YamlDocument document = YamlReader.parse(text, file.toString());
        warnings.addAll(document.warnings());
        return document.root() == null ? null : convert(document.root());
    }

    private static Node convert(YamlNode node) {
        if (node instanceof YamlNode.Mapping mapping) {
            Map<String, Entry> entries = new LinkedHashMap<>();
            for (YamlNode.Entry e : mapping.entries().values()) {
                entries.put(e.key(), new Entry(e.key(), e.keyLine(), convert(e.value())));
            }
            return new MapNode(mapping.line(), Collections.unmodifiableMap(entries));
        }
        if (node instanceof YamlNode.Sequence sequence) {
            List<Node> items = new ArrayList<>(sequence.items().size());
            for (YamlNode item : sequence.items()) {
                items.add(convert(item));
            }
            return new ListNode(sequence.line(), Collections.unmodifiableList(items));
        }
        YamlNode.Scalar scalar = (YamlNode.Scalar) node;
        return switch (scalar.kind()) {
            case NULL -> new Scalar(scalar.line(), JsonToken.VALUE_NULL, scalar.text(), null);
            case BOOLEAN -> new Scalar(scalar.line(), Boolean.TRUE.equals(scalar.value()) ? JsonToken.VALUE_TRUE
                    : JsonToken.VALUE_FALSE, scalar.text(), null);
            case INTEGER -> new Scalar(scalar.line(), JsonToken.VALUE_NUMBER_INT, scalar.text(), (Number) scalar.value());
            case FLOAT -> new Scalar(scalar.line(), JsonToken.VALUE_NUMBER_FLOAT, scalar.text(),
                    (Number) scalar.value());
            case STRING -> new Scalar(scalar.line(), JsonToken.VALUE_STRING, scalar.text(), null);
        };
    }
}
