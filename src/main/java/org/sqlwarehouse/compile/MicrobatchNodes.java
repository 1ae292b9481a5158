package org.sqlwarehouse.compile;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.sqlwarehouse.project.DbtProject;
import org.sqlwarehouse.project.Microbatch;
import org.sqlwarehouse.project.SeedSource;
import org.sqlwarehouse.project.SourceTable;

/**
 * What the compile does for microbatch models: checks their configs (as dbt's parse does) and
 * knows the event_time of everything they may read, so that each batch renders its reads filtered.
 */
final class MicrobatchNodes {
    /** Why a microbatch model renders again when built: once per batch. */
    static final String REASON = "incremental_strategy microbatch: each batch renders with its event time window";

    private MicrobatchNodes() {
    }

    /** Whether the model is a microbatch one; its configs' problems, if any, go to the run's problems. */
    static boolean check(CompileRun run, String file, Map<String, Object> config) {
        if (!Microbatch.isMicrobatch(config)) {
            return false;
        }
        Microbatch.of(config, file, run.problems);
        return true;
    }

    /** The event_time of every enabled model, seed and source that configures one. */
    static UpstreamEventTimes upstream(DbtProject project, Map<String, Map<String, Object>> modelConfigs,
            Set<String> disabled) {
        Map<String, String> refs = new HashMap<>();
        modelConfigs.forEach((name, config) -> put(refs, name, disabled.contains(name) ? null : config.get("event_time")));
        for (SeedSource seed : project.seeds()) {
            put(refs, seed.name(), disabled.contains(seed.name()) ? null : seed.config().get("event_time"));
        }
        Map<String, String> sources = new HashMap<>();
        for (SourceTable source : project.sources().values()) {
            put(sources, source.key(), source.eventTime());
        }
        return new UpstreamEventTimes(Map.copyOf(refs), Map.copyOf(sources));
    }

    private static void put(Map<String, String> eventTimes, String name, Object eventTime) {
        if (eventTime != null && !String.valueOf(eventTime).isBlank()) {
            eventTimes.put(name, String.valueOf(eventTime).trim());
        }
    }
}
