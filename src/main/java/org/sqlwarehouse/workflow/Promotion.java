package org.sqlwarehouse.workflow;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.sqlwarehouse.WarehouseException;
import org.sqlwarehouse.compile.CompiledNode;
import org.sqlwarehouse.compile.CompiledProject;
import org.sqlwarehouse.engine.DeployLock;
import org.sqlwarehouse.engine.KnownRelations;
import org.sqlwarehouse.engine.OutsideViews;
import org.sqlwarehouse.engine.Transactions;
import org.sqlwarehouse.report.NodeResult;
import org.sqlwarehouse.state.Fingerprints.Fingerprint;
import org.sqlwarehouse.state.PlannedChange;
import org.sqlwarehouse.state.PlannedChange.Action;
import org.sqlwarehouse.state.RelationState;
import org.sqlwarehouse.workflow.CandidateStaging.Plan;
import org.sqlwarehouse.workflow.CandidateStaging.Staged;

/**
 * deploy on a protected target: promotes the verified candidate (building it first if needed) in
 * one transaction; the versions it replaces are kept for rollback.
 */
final class Promotion {
    private final DeployContext context;
    private final CandidateStaging staging;

    Promotion(DeployContext context) {
        this.context = context;
        this.staging = new CandidateStaging(context);
    }

    List<NodeResult> run() throws WarehouseException {
        CompiledProject run = context.narrow(context.compilation.compiled());
        Map<String, Fingerprint> fingerprints = context.fingerprints();
        Timestamp started = Timestamp.from(Instant.now());
        try (HikariDataSource pool = context.open();
                DeployLock lock = DeployLock.acquire(pool, context.dialect.type(), context.target.schema(),
                        context.request.lockTimeoutSeconds())) {
            Plan plan = staging.planUnderLock(pool, run, fingerprints);
            Staged staged = staging.reusable(pool, run, plan, fingerprints)
                    .orElse(null);
            if (staged == null) {
                staged = staging.stageUnderLock(pool, run, fingerprints, plan);
            }
            boolean prune = context.request.pruneOrphans();
            List<PlannedChange> drops = plan.changes().stream().filter(p -> p.action() == Action.DROP).toList();
            for (PlannedChange drop : drops) {
                context.log.info((prune ? "Dropping " : "Keeping ") + drop.relation() + ": " + drop.reason()
                        + (prune ? "" : " (drop it with -Dwarehouse.pruneOrphans=true)"));
            }
            if (staged.changed().isEmpty() && (drops.isEmpty() || !prune)) {
                context.log.info("Target '" + context.target.name() + "' is up to date: " + staged.unchangedCount()
                        + " relation(s) unchanged, nothing deployed.");
                return staged.results();
            }
            List<CompiledNode> changed = new ArrayList<>();
            for (String id : staged.changed()) {
                changed.add(context.compilation.compiled().nodes().get(id));
            }
            String deployId = UUID.randomUUID().toString();
            try (Connection c = pool.getConnection()) {
                OutsideViews outside = OutsideViews.find(c, context.dialect,
                        context.promoter.withPreviousVersions(DeployContext.relationsOf(changed)),
                        context.promoter.ours(context.managedRelations()));
                KnownRelations known = context.promoter.lookUp(c, changed);
                Map<String, Boolean> existed = new LinkedHashMap<>();
                for (CompiledNode node : changed) {
                    existed.put(node.uniqueId(), known.kind(node.relation().getSchema(),
                            node.relation().getIdentifier()).isPresent());
                }
                Transactions.run(c, tx -> {
                    outside.prepare(tx, context.request.recreateOutsideViews(), "this deploy replaces");
                    context.promoter.promote(tx, changed, known);
                    outside.recreate(tx);
                    if (prune) {
                        for (PlannedChange drop : drops) {
                            context.promoter.dropIfExists(tx, drop.schema(), drop.name(), false);
                            context.promoter.dropIfExists(tx, drop.schema(),
                                    context.promoter.previousName(drop.name()), false);
                            context.store.delete(tx, drop.schema(), drop.name());
                        }
                    }
                    Timestamp now = Timestamp.from(Instant.now());
                    Map<String, String> columns = context.dialect.columnSignaturesOf(tx,
                            DeployContext.relationsOf(changed));
                    List<RelationState> rows = new ArrayList<>();
                    for (CompiledNode node : changed) {
                        RelationState before = plan.state().get(node.relation().unquoted());
                        rows.add(context.stateOf(node, fingerprints.get(node.uniqueId()),
                                before == null ? null : before.fingerprint(), existed.get(node.uniqueId()), now,
                                deployId, columns));
                    }
                    context.store.saveAll(tx, rows);
                    context.store.clearCandidates(tx);
                    context.store.recordDeployment(tx, deployId, context.target.schema(),
                            context.compilation.compiled().name(), started, now, context.deployedBy(),
                            context.request.projectVersion(), context.gitCommit(), changed.size(), "deployed");
                });
                context.logRedefined(outside);
            } catch (SQLException e) {
                throw context.failure("promote the candidate (nothing was changed)", e);
            }
            long created = plan.changes().stream().filter(p -> p.action() == Action.CREATE).count();
            context.log.info(String.format(Locale.ROOT, "Deployed to target '%s' in one transaction: %d created, "
                    + "%d replaced, %d unchanged%s (deploy %s)", context.target.name(), created,
                    changed.size() - created, staged.unchangedCount(),
                    prune && !drops.isEmpty() ? ", " + drops.size() + " dropped" : "", deployId));
            return liveNames(staged.results());
        }
    }

    /** Results that name the live relations the promoted candidates became. */
    private List<NodeResult> liveNames(List<NodeResult> results) {
        List<NodeResult> out = new ArrayList<>();
        for (NodeResult r : results) {
            CompiledNode node = context.compilation.compiled().nodes().get(r.uniqueId());
            if (node == null || node.isTest() || node.isEphemeral()) {
                out.add(r);
            } else {
                out.add(r.withRelation(node.relation().unquoted(), node.relation().toString(), node.displayName(),
                        node.compiledSql()));
            }
        }
        return out;
    }
}
