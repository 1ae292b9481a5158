package org.sqlwarehouse.compile;

import java.util.Map;

/**
 * The event_time config of each model, seed and source a microbatch model may read: a ref() or
 * source() of one that has it is filtered to the batch being built, as dbt does.
 *
 * @param refs    event_time by model or seed name
 * @param sources event_time by source key ("source.table")
 */
public record UpstreamEventTimes(Map<String, String> refs, Map<String, String> sources) {
    public static final UpstreamEventTimes NONE = new UpstreamEventTimes(Map.of(), Map.of());
}
