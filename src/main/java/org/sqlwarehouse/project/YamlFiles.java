package org.sqlwarehouse.project;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sqlwarehouse.WarehouseException;
import org.sqlwarehouse.yaml.YamlDocument;
import org.sqlwarehouse.yaml.YamlNode;
import org.sqlwarehouse.yaml.YamlReader;

/** Reads YAML files into plain maps, with errors that name the file and line. */
public final class YamlFiles {
    private YamlFiles() {
    }

    /**
     * The document's top-level map; an empty file is an empty map.
     *
     * @param warnings receives what was read but is likely a mistake, e.g. a repeated key
     */
    public static Map<String, Object> readMap(Path file, String displayName, List<String> warnings)
            throws WarehouseException {
        return parseMap(TextFiles.readUtf8(file, displayName), displayName, warnings);
    }

    /**
     * A YAML text's top-level map, e.g. of warehouse.vars; an empty text is an empty map.
     *
     * @param warnings receives what was read but is likely a mistake, e.g. a repeated key
     */
    public static Map<String, Object> parseMap(String text, String displayName, List<String> warnings)
            throws WarehouseException {
        if (text.isBlank()) {
            return new LinkedHashMap<>();
        }
        YamlDocument document = YamlReader.parse(text, displayName);
        warnings.addAll(document.warnings());
        YamlNode root = document.root();
        if (root == null || root instanceof YamlNode.Scalar scalar && scalar.kind() == YamlNode.ScalarKind.NULL) {
            return new LinkedHashMap<>();
        }
        if (!(root instanceof YamlNode.Mapping mapping)) {
            throw new WarehouseException(displayName + ": expected a YAML mapping at the top level, found a "
                    + (root instanceof YamlNode.Sequence ? "list" : "single value") + ".",
                    "Write it as key: value lines, e.g. name: my_project.");
        }
        return mapping.toJava();
    }
}
