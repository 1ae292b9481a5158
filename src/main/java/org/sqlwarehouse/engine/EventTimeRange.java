package org.sqlwarehouse.engine;

import java.time.LocalDateTime;

/**
 * warehouse.eventTimeStart and warehouse.eventTimeEnd, dbt's --event-time-start/--event-time-end:
 * the times (UTC) microbatch models build their batches between; each may be null (start: begin or
 * the lookback, end: now).
 */
public record EventTimeRange(LocalDateTime start, LocalDateTime end) {
    public static final EventTimeRange NONE = new EventTimeRange(null, null);
}
