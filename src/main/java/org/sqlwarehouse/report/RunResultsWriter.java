package org.sqlwarehouse.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes target/warehouse/run_results.json as dbt's run-results v6 schema describes it, so that dbt
 * tooling reads it: one result per node that the goal built, tested, skipped or left alone.
 */
public final class RunResultsWriter {
    public static final String SCHEMA_VERSION = "https://schemas.getdbt.com/dbt/run-results/v6.json";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    /** A database message that ends in a row count, e.g. INSERT 5 or MERGE 12. */
    private static final Pattern ROWS = Pattern.compile("^(.*\\S)\\s+(\\d+)$");

    private RunResultsWriter() {
    }

    /**
     * @param metadata       the goal's invocation and target
     * @param elapsedSeconds how long the goal ran
     * @param results        every node's result; empty when nothing ran, and the file is written all the same
     */
    public static void write(Path file, ArtifactMetadata metadata, double elapsedSeconds, List<NodeResult> results)
            throws IOException {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("metadata", metadata.toJson(SCHEMA_VERSION, Instant.now()));
        List<Map<String, Object>> out = new ArrayList<>();
        for (NodeResult r : results) {
            out.add(result(r));
        }
        root.put("results", out);
        root.put("elapsed_time", round(elapsedSeconds));
        Map<String, Object> args = new LinkedHashMap<>();
        // dbt's invocation arguments: what tools read to tell a build from a run, and on which target
        args.put("which", "build");
        args.put("target", metadata.targetName());
        root.put("args", args);
        Files.createDirectories(file.getParent());
        JSON.writeValue(file.toFile(), root);
    }

    private static Map<String, Object> result(NodeResult r) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("status", r.status().runResultsStatus());
        entry.put("timing", timing(r.execution()));
        entry.put("thread_id", r.execution() == null || r.execution().threadId() == null ? "main"
                : r.execution().threadId());
        entry.put("execution_time", round(r.executionTime()));
        entry.put("adapter_response", adapterResponse(r));
        entry.put("message", message(r));
        entry.put("failures", r.failures());
        entry.put("unique_id", r.uniqueId());
        entry.put("compiled", r.compiledCode() != null);
        entry.put("compiled_code", r.compiledCode());
        entry.put("relation_name", r.relationName());
        return entry;
    }

    /** dbt's timing: the execute step, when statements ran; empty for a node that ran none. */
    private static List<Map<String, Object>> timing(NodeResult.Execution execution) {
        if (execution == null || execution.startedAt() == null) {
            return List.of();
        }
        Map<String, Object> execute = new LinkedHashMap<>();
        execute.put("name", "execute");
        execute.put("started_at", ArtifactMetadata.timestamp(execution.startedAt()));
        execute.put("completed_at", execution.completedAt() == null ? null
                : ArtifactMetadata.timestamp(execution.completedAt()));
        return List.of(execute);
    }

    /**
     * What the database answered, in the shape dbt's adapters give it (_message, code,
     * rows_affected); empty for a node the database was not asked about or that failed (the error
     * is the message).
     */
    private static Map<String, Object> adapterResponse(NodeResult r) {
        Map<String, Object> response = new LinkedHashMap<>();
        if (r.status() != NodeStatus.SUCCESS || r.message() == null || r.message().isBlank()) {
            return response;
        }
        response.put("_message", r.message());
        Matcher rows = ROWS.matcher(r.message());
        if (rows.matches()) {
            response.put("code", rows.group(1));
            response.put("rows_affected", Long.parseLong(rows.group(2)));
        } else {
            response.put("code", r.message());
        }
        return response;
    }

    /** A node left alone says so, as its message must begin with "unchanged" (the status is success). */
    private static String message(NodeResult r) {
        if (r.status() == NodeStatus.UNCHANGED && (r.message() == null || !r.message().startsWith("unchanged"))) {
            return r.message() == null ? "unchanged" : "unchanged: " + r.message();
        }
        return r.message();
    }

    private static double round(double seconds) {
        return Math.round(seconds * 1000.0) / 1000.0;
    }
}
