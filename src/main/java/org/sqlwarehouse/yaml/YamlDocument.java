package org.sqlwarehouse.yaml;

import java.util.List;

/**
 * A parsed YAML document.
 *
 * @param root     the top node, or null for an empty document
 * @param warnings what was accepted but is likely a mistake (a repeated key), each naming file and line
 */
public record YamlDocument(YamlNode root, List<String> warnings) {
    public YamlDocument {
        warnings = List.copyOf(warnings);
    }
}
