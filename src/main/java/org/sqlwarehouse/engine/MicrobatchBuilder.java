package org.sqlwarehouse.engine;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.sqlwarehouse.WarehouseException;
import org.sqlwarehouse.compile.CompiledNode;
import org.sqlwarehouse.compile.RenderAtRun;
import org.sqlwarehouse.dialect.Dialect;
import org.sqlwarehouse.dialect.RelationKind;
import org.sqlwarehouse.project.BatchWindow;
import org.sqlwarehouse.project.Microbatch;

/**
 * dbt's microbatch incremental strategy: the model runs once per batch of its event time, each run
 * rendered with its refs (and sources) that have an event_time filtered to the batch; each batch
 * replaces its window of the table in a transaction of its own. A first run or full refresh builds
 * every batch from begin (the first one creates the table); later runs the current batch and the
 * lookback ones. A failed batch fails the model and names the batch; the batches before it stay.
 */
final class MicrobatchBuilder {
    private final Dialect dialect;
    private final RelationReplacer replacer;
    private final IncrementalBuilder increments;
    private final EventTimeRange eventTimes;
    private final Clock clock;

    MicrobatchBuilder(Dialect dialect, RelationReplacer replacer, IncrementalBuilder increments,
            EventTimeRange eventTimes, Clock clock) {
        this.dialect = dialect;
        this.replacer = replacer;
        this.increments = increments;
        this.eventTimes = eventTimes;
        this.clock = clock;
    }

    /** As {@link IncrementalBuilder#build}, batch by batch. */
    String build(Connection c, CompiledNode node, boolean fullRefreshRequested, Set<String> rebuiltLater,
            RelationReplacer.Creator afterCreate, RelationReplacer.Creator afterApply)
            throws SQLException, WarehouseException {
        List<String> problems = new ArrayList<>();
        Optional<Microbatch> configured = Microbatch.of(node.config(), node.originalFilePath(), problems);
        RenderAtRun render = node.renderAtRun();
        if (configured.isEmpty() || render == null) {
            // the compile refuses these: a node built without it is a bug
            throw new WarehouseException("Microbatch model " + node.name() + " cannot be built: " + problems);
        }
        Microbatch config = configured.get();
        String schema = node.relation().getSchema();
        String name = node.relation().getIdentifier();
        Optional<RelationKind> existing = dialect.relationKind(c, schema, name);
        Object fullRefreshConfig = node.config().get("full_refresh");
        boolean fullRefresh = fullRefreshConfig == null ? fullRefreshRequested
                : Boolean.parseBoolean(String.valueOf(fullRefreshConfig));
        boolean incremental = existing.isPresent() && existing.get() == RelationKind.TABLE && !fullRefresh;
        List<BatchWindow> batches = MicrobatchPlan.batches(config, incremental, eventTimes.start(), eventTimes.end(),
                LocalDateTime.now(clock.withZone(ZoneOffset.UTC)));
        if (incremental && afterApply != null) {
            // the table stays: its grants are given again, in case the config gained some
            afterApply.create(c, name);
        }
        LiveDatabase database = new LiveDatabase(c, dialect);
        long done = 0;
        for (BatchWindow batch : batches) {
            boolean tableExists = incremental || done > 0;
            try {
                String select = render.renderBatch(node, database, batch, tableExists);
                if (tableExists) {
                    increments.applyIncrement(c, node, select, batch);
                } else {
                    replacer.replaceTable(c, schema, name, select, rebuiltLater, existing.isEmpty(), afterCreate);
                }
            } catch (SQLException e) {
                throw failed(node, batch, done, batches.size(), SqlFailures.describe(e), e);
            } catch (WarehouseException e) {
                throw failed(node, batch, done, batches.size(), e.describe(), e);
            }
            done++;
        }
        return "MICROBATCH " + done + " batch" + (done == 1 ? "" : "es") + " " + batches.get(0).id() + ".."
                + batches.get(batches.size() - 1).id();
    }

    private static WarehouseException failed(CompiledNode node, BatchWindow batch, long done, int total, String why,
            Exception cause) {
        return new WarehouseException("Batch " + batch + " of microbatch model " + node.name() + " failed ("
                + done + " of " + total + " batches done before it, and kept): " + why,
                "Fix it and build again: the batches of the lookback window are built again; older ones with "
                        + "-Dwarehouse.eventTimeStart=... -Dwarehouse.eventTimeEnd=...", cause);
    }
}
