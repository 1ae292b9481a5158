package org.sqlwarehouse.project;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The configs of a model with incremental_strategy microbatch, as dbt 1.9 has them.
 *
 * @param eventTime the model's column saying when a row happened: each batch replaces its window of it
 * @param batchSize the grain of a batch
 * @param begin     the start of the first batch of a first run or a full refresh (UTC)
 * @param lookback  how many batches before the current one an incremental run builds again (default 1)
 */
public record Microbatch(String eventTime, BatchSize batchSize, LocalDateTime begin, int lookback) {
    public static final String STRATEGY = "microbatch";

    /** Whether a model's config makes it a microbatch model. */
    public static boolean isMicrobatch(Map<String, Object> config) {
        return "incremental".equals(String.valueOf(config.get("materialized")))
                && STRATEGY.equalsIgnoreCase(String.valueOf(config.get("incremental_strategy")).trim());
    }

    /**
     * The microbatch configs of a model; each missing or unreadable one is added to problems.
     *
     * @param where the model's file, for the problems
     */
    public static Optional<Microbatch> of(Map<String, Object> config, String where, List<String> problems) {
        int before = problems.size();
        Object eventTime = config.get("event_time");
        if (eventTime == null || String.valueOf(eventTime).isBlank()) {
            problems.add(where + ": a microbatch model needs an event_time config (the column saying when a row happened)");
        }
        Optional<BatchSize> batchSize = BatchSize.of(config.get("batch_size"));
        if (batchSize.isEmpty()) {
            problems.add(where + ": a microbatch model needs a batch_size config of hour, day, month or year"
                    + (config.get("batch_size") == null ? "" : ", not '" + config.get("batch_size") + "'"));
        }
        LocalDateTime begin = null;
        if (config.get("begin") == null) {
            problems.add(where + ": a microbatch model needs a begin config (the start of its first batch, e.g. '2024-01-01')");
        } else {
            try {
                begin = EventTimes.parse(config.get("begin"));
            } catch (IllegalArgumentException e) {
                problems.add(where + ": begin " + e.getMessage());
            }
        }
        int lookback = 1;
        Object configured = config.get("lookback");
        if (configured != null) {
            try {
                lookback = Integer.parseInt(String.valueOf(configured).trim());
            } catch (NumberFormatException e) {
                lookback = -1;
            }
            if (lookback < 0) {
                problems.add(where + ": lookback must be a whole number of batches, 0 or more, not '" + configured + "'");
            }
        }
        if (problems.size() > before) {
            return Optional.empty();
        }
        return Optional.of(new Microbatch(String.valueOf(eventTime).trim(), batchSize.get(), begin, lookback));
    }
}
