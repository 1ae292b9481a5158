package org.sqlwarehouse.report;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the artifacts of one goal say about the run that wrote them: dbt's {@code metadata} block.
 * What dbt's schema has no field for (the target, that this plugin wrote it) goes into
 * {@code metadata.env}, the one map the schema leaves open.
 *
 * @param invocationId        one id per goal; null for manifest.json, which names no invocation so
 *                            that an unchanged project compiles to the same bytes
 * @param invocationStartedAt when the goal began; null when not known (or, as above, for the manifest)
 * @param targetName          the target the goal ran on
 */
public record ArtifactMetadata(String invocationId, Instant invocationStartedAt, String targetName) {
    /** Names this plugin, in metadata.env, so that a reader can tell the artifacts were not written by dbt. */
    public static final String GENERATOR = "warehouse-maven-plugin";

    /** The metadata block of one artifact. */
    Map<String, Object> toJson(String schemaVersion, Instant generatedAt) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("dbt_schema_version", schemaVersion);
        if (generatedAt != null) {
            m.put("generated_at", timestamp(generatedAt));
        }
        if (invocationId != null) {
            m.put("invocation_id", invocationId);
        }
        if (invocationStartedAt != null) {
            m.put("invocation_started_at", timestamp(invocationStartedAt));
        }
        Map<String, String> env = new LinkedHashMap<>();
        env.put("generator", GENERATOR);
        env.put("target_name", targetName);
        m.put("env", env);
        return m;
    }

    /** ISO-8601 in UTC to the microsecond, as dbt writes its timestamps (2026-01-31T12:00:00.123456Z). */
    static String timestamp(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS).toString();
    }
}
