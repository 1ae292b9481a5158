package org.sqlwarehouse.workflow;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.sqlwarehouse.WarehouseException;
import org.sqlwarehouse.compile.CompiledNode;
import org.sqlwarehouse.compile.CompiledProject;
import org.sqlwarehouse.engine.BuildFailedException;
import org.sqlwarehouse.engine.BuildRunner;
import org.sqlwarehouse.engine.DeployLock;
import org.sqlwarehouse.report.NodeResult;
import org.sqlwarehouse.report.NodeStatus;
import org.sqlwarehouse.state.DeployPlanner;
import org.sqlwarehouse.state.Fingerprints.Fingerprint;
import org.sqlwarehouse.state.PlannedChange;
import org.sqlwarehouse.state.PlannedChange.Action;
import org.sqlwarehouse.state.RelationState;

/**
 * A build into an unprotected target (a dev schema): in place, leaving unchanged relations alone,
 * under the schema's lock.
 */
final class InPlaceBuild {
    private final DeployContext context;

    InPlaceBuild(DeployContext context) {
        this.context = context;
    }

    List<NodeResult> run() throws WarehouseException {
        CompiledProject all = context.compilation.compiled();
        CompiledProject run = context.narrow(all);
        if (run.nodes().isEmpty()) {
            return List.of();
        }
        Map<String, Fingerprint> fingerprints = context.fingerprints();
        String runId = UUID.randomUUID().toString();
        // the schema's lock, as a deploy takes it: two builds into one schema (two terminals, two CI
        // jobs of one pull request) would otherwise drop each other's temporary relations
        try (HikariDataSource pool = context.open(); DeployLock lock = context.lock(pool)) {
            Map<String, RelationState> state;
            List<PlannedChange> plan;
            TestsAcrossTheEdge.Split split;
            try (Connection c = pool.getConnection()) {
                split = TestsAcrossTheEdge.split(c, context.dialect, context.target.name(), all, run);
                run = split.run();
                context.store.ensureTables(c);
                state = context.store.load(c, context.target.schema());
                SnapshotClones.drop(c, context.dialect, run, state);
                plan = DeployPlanner.plan(c, context.dialect, run, context.managedRelations(), fingerprints, state,
                        context.request.fullRefresh());
                context.refreshProjectFingerprints(c, ids(plan, Action.UNCHANGED), state);
            } catch (SQLException e) {
                throw context.failure("read the deploy state", e);
            }
            Set<String> unchanged = ids(plan, Action.UNCHANGED);
            Set<String> absent = ids(plan, Action.CREATE);
            warnStaleDownstream(all, plan, state);
            List<NodeResult> results;
            BuildRunner runner = context.runner(pool);
            List<NodeResult> skipped = skippedTests(runner, all, split.skipped());
            try {
                results = new ArrayList<>(runner.run(run, context.target, unchanged, absent));
            } catch (BuildFailedException e) {
                record(pool, run, context.fingerprintsAsRan(runner.renderedAtRun()), e.results(), runId);
                List<NodeResult> withSkipped = new ArrayList<>(e.results());
                withSkipped.addAll(skipped);
                throw new BuildFailedException(e.getMessage(), e.getHint(), e.failures(), withSkipped);
            }
            results.addAll(skipped);
            record(pool, run, context.fingerprintsAsRan(runner.renderedAtRun()), results, runId);
            return results;
        }
    }

    /** Tests that cannot run here, each said with the relation it lacks and what to do. */
    private List<NodeResult> skippedTests(BuildRunner runner, CompiledProject all, Map<String, String> skipped) {
        List<NodeResult> out = new ArrayList<>();
        skipped.forEach((id, reason) -> {
            CompiledNode test = all.nodes().get(id);
            context.log.warn("Test " + test.name() + " " + reason + ". Select that model too, or read another "
                    + "environment's with -D" + Deferral.PROPERTY + "=<target>.");
            out.add(runner.skippedBeforeRun(test, reason, all));
        });
        return out;
    }

    /**
     * Saves the state of every relation built in place, in one transaction; the columns are read
     * for the relations built only (the unchanged ones keep their rows).
     */
    private void record(HikariDataSource pool, CompiledProject run, Map<String, Fingerprint> fingerprints,
            List<NodeResult> results, String runId) throws WarehouseException {
        List<CompiledNode> built = new ArrayList<>();
        for (NodeResult result : results) {
            CompiledNode node = run.nodes().get(result.uniqueId());
            if (result.status() == NodeStatus.SUCCESS && node != null && !node.isTest()) {
                built.add(node);
            }
        }
        if (built.isEmpty()) {
            return;
        }
        try (Connection c = pool.getConnection()) {
            Timestamp now = Timestamp.from(Instant.now());
            Map<String, String> columns = context.dialect.columnSignaturesOf(c, DeployContext.relationsOf(built));
            List<RelationState> rows = new ArrayList<>();
            for (CompiledNode node : built) {
                rows.add(context.stateOf(node, fingerprints.get(node.uniqueId()), null, false, now, runId, columns));
            }
            context.store.saveAll(c, rows);
        } catch (SQLException e) {
            throw context.failure("record the deploy state", e);
        }
    }

    /**
     * In place, as in dbt, a selection builds what it selects and no more: tables downstream that it
     * leaves out keep their rows (the project's views read the new relations, defined again where the
     * database binds them). Said, so that nobody takes the old rows for new ones.
     */
    private void warnStaleDownstream(CompiledProject all, List<PlannedChange> plan, Map<String, RelationState> state) {
        List<String> changed = new ArrayList<>();
        for (PlannedChange p : plan) {
            if ((p.action() == Action.CREATE || p.action() == Action.REPLACE) && p.uniqueId() != null) {
                changed.add(p.uniqueId());
            }
        }
        StaleDownstream stale = StaleDownstream.of(all, changed, state::containsKey);
        if (!stale.isEmpty()) {
            context.log.warn("The selection leaves relations on the old version: " + stale.describe()
                    + ". Build them too with " + stale.suggestedSelection() + ".");
        }
    }

    private static Set<String> ids(List<PlannedChange> plan, Action action) {
        Set<String> out = new HashSet<>();
        for (PlannedChange p : plan) {
            if (p.action() == action && p.uniqueId() != null) {
                out.add(p.uniqueId());
            }
        }
        return out;
    }
}
