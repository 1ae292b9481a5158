package org.sqlwarehouse.project;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.sqlwarehouse.WarehouseException;

/** Reads YAML files into plain maps, with errors that name the file and line. */
public final class YamlFiles {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private YamlFiles() {
    }

    /** The document's top-level map; an empty file is an empty map. */
    public static Map<String, Object> readMap(Path file, String displayName) throws WarehouseException {
        return parseMap(TextFiles.readUtf8(file, displayName), displayName);
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> parseMap(String text, String displayName) throws WarehouseException {
        if (text.isBlank()) {
            return new LinkedHashMap<>();
        }
        Object value;
        try {
            value = YAML.readValue(text, Object.class);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " line " + at.getLineNr();
            throw new WarehouseException(displayName + where + ": malformed YAML: " + e.getOriginalMessage(),
                    "Check the indentation and quoting near that line.");
        }
        if (value == null) {
            return new LinkedHashMap<>();
        }
        if (!(value instanceof Map)) {
            throw new WarehouseException(displayName + ": expected a YAML mapping at the top level, found "
                    + value.getClass().getSimpleName() + ".");
        }
        return (Map<String, Object>) value;
    }
}
