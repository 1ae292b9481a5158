package org.sqlwarehouse.engine;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.sqlwarehouse.project.BatchSize;
import org.sqlwarehouse.project.BatchWindow;
import org.sqlwarehouse.project.Microbatch;

/**
 * Which batches a microbatch model builds in one run, as dbt 1.9 decides: up to the end of the batch
 * that "now" (or warehouse.eventTimeEnd) falls in; from begin on a first run or full refresh, from
 * warehouse.eventTimeStart when given, else the current batch and the lookback batches before it.
 */
final class MicrobatchPlan {
    private MicrobatchPlan() {
    }

    /**
     * @param incremental    the table exists and is not rebuilt whole
     * @param eventTimeStart warehouse.eventTimeStart, or null
     * @param eventTimeEnd   warehouse.eventTimeEnd, or null for now
     * @param now            the run's time, UTC
     */
    static List<BatchWindow> batches(Microbatch config, boolean incremental, LocalDateTime eventTimeStart,
            LocalDateTime eventTimeEnd, LocalDateTime now) {
        BatchSize size = config.batchSize();
        LocalDateTime end = size.ceiling(eventTimeEnd != null ? eventTimeEnd : now);
        LocalDateTime start;
        if (eventTimeStart != null) {
            start = size.truncate(eventTimeStart);
        } else if (!incremental) {
            start = size.truncate(config.begin());
        } else {
            // the end is a boundary: the batch before it is the current one, then the lookback ones
            start = size.offset(end, -(config.lookback() + 1));
        }
        List<BatchWindow> batches = new ArrayList<>();
        LocalDateTime batchStart = start;
        do {
            LocalDateTime batchEnd = size.offset(batchStart, 1);
            batches.add(new BatchWindow(size.batchId(batchStart), batchStart, batchEnd));
            batchStart = batchEnd;
        } while (batchStart.isBefore(end));
        // as dbt: the last batch stops at the end itself
        BatchWindow last = batches.get(batches.size() - 1);
        batches.set(batches.size() - 1, new BatchWindow(last.id(), last.start(), end));
        return batches;
    }
}
