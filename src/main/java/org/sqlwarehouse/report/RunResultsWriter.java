package org.sqlwarehouse.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Writes target/warehouse/run_results.json in the shape DESIGN.md section 6 gives. */
public final class RunResultsWriter {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private RunResultsWriter() {
    }

    public static void write(Path file, String target, double elapsedSeconds, List<NodeResult> results)
            throws IOException {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("target", target);
        root.put("elapsed_time", round(elapsedSeconds));
        List<Map<String, Object>> out = new ArrayList<>();
        for (NodeResult r : results) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("unique_id", r.uniqueId());
            entry.put("resource_type", r.resourceType());
            entry.put("status", r.status().id());
            entry.put("execution_time", round(r.executionTime()));
            entry.put("relation", r.relation());
            entry.put("message", r.message());
            out.add(entry);
        }
        root.put("results", out);
        Files.createDirectories(file.getParent());
        JSON.writeValue(file.toFile(), root);
    }

    private static double round(double seconds) {
        return Math.round(seconds * 1000.0) / 1000.0;
    }
}
