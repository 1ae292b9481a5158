package org.sqlwarehouse.workflow;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.sqlwarehouse.WarehouseException;
import org.sqlwarehouse.compile.CompiledNode;
import org.sqlwarehouse.compile.CompiledProject;
import org.sqlwarehouse.dialect.RelationName;
import org.sqlwarehouse.engine.DeployLock;
import org.sqlwarehouse.engine.KnownRelations;
import org.sqlwarehouse.engine.OutsideViews;
import org.sqlwarehouse.engine.ProjectViews;
import org.sqlwarehouse.engine.Transactions;
import org.sqlwarehouse.report.NodeResult;
import org.sqlwarehouse.state.Deployment;
import org.sqlwarehouse.state.Fingerprints.Fingerprint;
import org.sqlwarehouse.state.PlannedChange;
import org.sqlwarehouse.state.PlannedChange.Action;
import org.sqlwarehouse.state.RelationState;
import org.sqlwarehouse.workflow.CandidateStaging.Plan;
import org.sqlwarehouse.workflow.CandidateStaging.Staged;

/**
 * deploy on a protected target: promotes the verified candidate (building it first if needed) in
 * one transaction; the versions it replaces, and the relations it prunes, are kept for rollback
 * until the next deploy. Only a candidate whose data tests ran is promoted, unless the user asked
 * for an untested deploy (warehouse.skipTests with warehouse.allowUntestedDeploy).
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
                DeployLock lock = context.lock(pool)) {
            Plan plan = staging.planUnderLock(pool, run, fingerprints);
            staging.refuseStaleDownstream(plan);
            refreshProjectFingerprints(pool, plan);
            Staged staged = staging.reusable(pool, run, plan, fingerprints)
                    .orElse(null);
            if (staged == null) {
                staged = staging.stageUnderLock(pool, run, fingerprints, plan);
            }
            boolean prune = context.request.pruneOrphans();
            List<PlannedChange> drops = plan.changes().stream().filter(p -> p.action() == Action.DROP).toList();
            for (PlannedChange drop : drops) {
                context.log.info(prune ? "Pruning " + drop.relation() + ": " + drop.reason() + " (kept hidden as "
                        + context.promoter.previousName(drop.name()) + " until the next deploy, so that "
                        + "warehouse:rollback can put it back)"
                        : "Keeping " + drop.relation() + ": " + drop.reason()
                                + " (drop it with -Dwarehouse.pruneOrphans=true)");
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
            List<RelationName> pruning = new ArrayList<>();
            if (prune) {
                drops.forEach(d -> pruning.add(new RelationName(d.schema(), d.name())));
            }
            // what earlier deploys pruned was kept for a rollback of those deploys: this deploy ends
            // that chance, so their kept versions go for good
            List<RelationName> expired = new ArrayList<>();
            plan.pruned().values().forEach(r -> expired.add(new RelationName(r.relationSchema(),
                    context.promoter.previousName(r.relationName()))));
            String deployId = UUID.randomUUID().toString();
            Map<String, String> renderedOverLive = new HashMap<>();
            boolean tested = staged.tested();
            Deployment recorded;
            try (Connection c = pool.getConnection()) {
                List<RelationName> affected = new ArrayList<>(context.promoter.withPreviousVersions(
                        DeployContext.relationsOf(changed)));
                affected.addAll(context.promoter.withPreviousVersions(pruning));
                affected.addAll(expired);
                Set<RelationName> own = new HashSet<>(context.managedRelations());
                drops.forEach(d -> own.add(new RelationName(d.schema(), d.name())));
                plan.pruned().values().forEach(r -> own.add(new RelationName(r.relationSchema(), r.relationName())));
                OutsideViews outside = OutsideViews.find(c, context.dialect, affected, context.promoter.ours(own));
                // the project's views a selection left out, still bound to what this deploy replaces
                ProjectViews projectViews = ProjectViews.find(c, context.dialect, DeployContext.relationsOf(changed),
                        context.managedRelationKeys()::contains, relationNames(changed));
                KnownRelations known = context.promoter.lookUp(c, changed);
                Map<String, Boolean> existed = new LinkedHashMap<>();
                for (CompiledNode node : changed) {
                    existed.put(node.uniqueId(), known.kind(node.relation().getSchema(),
                            node.relation().getIdentifier()).isPresent());
                }
                recorded = Transactions.call(c, tx -> {
                    outside.prepare(tx, context.request.recreateOutsideViews(), "this deploy replaces");
                    for (RelationState gone : plan.pruned().values()) {
                        context.promoter.dropIfExists(tx, gone.relationSchema(),
                                context.promoter.previousName(gone.relationName()), true);
                        context.store.delete(tx, gone.relationSchema(), gone.relationName());
                    }
                    projectViews.prepare(tx);
                    renderedOverLive.putAll(context.promoter.promote(tx, changed, known));
                    Set<RelationName> kept = context.promoter.prune(tx, pruning);
                    outside.recreate(tx);
                    projectViews.recreate(tx);
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
                    for (RelationName relation : pruning) {
                        RelationState before = plan.state().get(relation.key());
                        if (kept.contains(relation)) {
                            rows.add(before.prunedIn(deployId));
                        } else {
                            // already gone from the database: nothing to keep or to put back
                            context.store.delete(tx, relation.schema(), relation.name());
                        }
                    }
                    context.store.saveAll(tx, rows);
                    context.store.clearCandidates(tx);
                    return context.store.recordDeployment(tx, deployId, context.target.schema(),
                            context.compilation.compiled().name(), started, now, context.deployedBy(),
                            context.request.projectVersion(), context.gitCommit(), changed.size(), tested);
                });
                context.logRedefined(outside);
                context.logRedefined(projectViews);
            } catch (SQLException e) {
                throw context.failure("promote the candidate (nothing was changed)", e);
            }
            long created = plan.changes().stream().filter(p -> p.action() == Action.CREATE).count();
            context.log.info(String.format(Locale.ROOT, "Deployed to target '%s' in one transaction: %d created, "
                    + "%d replaced, %d unchanged%s (deploy %s, number %d)", context.target.name(), created,
                    changed.size() - created, staged.unchangedCount(),
                    pruning.isEmpty() ? "" : ", " + pruning.size() + " pruned (warehouse:rollback puts them back)",
                    deployId, recorded.sequence()));
            if (!tested) {
                context.log.warn("Deploy " + deployId + " promoted a candidate whose data tests did not run "
                        + "(warehouse.allowUntestedDeploy); it is recorded as untested.");
            }
            return liveNames(staged.results(), renderedOverLive);
        }
    }

    private static Set<String> relationNames(List<CompiledNode> nodes) {
        Set<String> out = new HashSet<>();
        nodes.forEach(n -> out.add(n.relation().unquoted()));
        return out;
    }

    /**
     * Results that name the live relations the promoted candidates became, with the SQL they hold: the
     * compile's, or for a node rendered when built, the SQL the promotion rendered over the live
     * relations (a view) or the candidate ran (a table; its SQL names the candidates it read; a
     * candidate staged by an earlier verify reports the compile's SQL, which is all that is known).
     */
    private List<NodeResult> liveNames(List<NodeResult> results, Map<String, String> renderedOverLive) {
        List<NodeResult> out = new ArrayList<>();
        for (NodeResult r : results) {
            CompiledNode node = context.compilation.compiled().nodes().get(r.uniqueId());
            if (node == null || node.isTest() || node.isEphemeral()) {
                out.add(r);
            } else {
                String sql = renderedOverLive.getOrDefault(node.uniqueId(),
                        node.rendersAtRun() && r.compiledCode() != null ? r.compiledCode() : node.compiledSql());
                out.add(r.withRelation(node.relation().unquoted(), node.relation().toString(), node.displayName(),
                        sql));
            }
        }
        return out;
    }

    /**
     * The unchanged live relations stay as they are, but their rows take what the project now says
     * of them, so that other environments compare with this one as deployed from this commit.
     */
    private void refreshProjectFingerprints(HikariDataSource pool, Plan plan) throws WarehouseException {
        List<String> unchanged = new ArrayList<>();
        for (PlannedChange p : plan.changes()) {
            if (p.action() == Action.UNCHANGED && p.uniqueId() != null) {
                unchanged.add(p.uniqueId());
            }
        }
        try (Connection c = pool.getConnection()) {
            context.refreshProjectFingerprints(c, unchanged, plan.state());
        } catch (SQLException e) {
            throw context.failure("record the project fingerprints of unchanged relations", e);
        }
    }
}
