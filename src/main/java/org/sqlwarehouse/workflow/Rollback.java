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
import org.sqlwarehouse.WarehouseException;
import org.sqlwarehouse.dialect.RelationName;
import org.sqlwarehouse.engine.DeployLock;
import org.sqlwarehouse.engine.OutsideViews;
import org.sqlwarehouse.engine.ProjectViews;
import org.sqlwarehouse.engine.Transactions;
import org.sqlwarehouse.state.DeployStatus;
import org.sqlwarehouse.state.Deployment;
import org.sqlwarehouse.state.RelationState;
import org.sqlwarehouse.dialect.RelationName;

/**
 * rollback: undoes the deploy that is live, the project's newest in the order the server recorded
 * them, in one transaction: the relations it replaced are swapped back with the versions they
 * replaced, those it created are dropped, and those it pruned take their names again.
 */
final class Rollback {
    private final DeployContext context;

    Rollback(DeployContext context) {
        this.context = context;
    }

    void run() throws WarehouseException {
        String targetName = context.target.name();
        String project = context.compilation.compiled().name();
        try (HikariDataSource pool = context.open();
                DeployLock lock = context.lock(pool);
                Connection c = pool.getConnection()) {
            if (!context.store.exists(c)) {
                throw new WarehouseException("Nothing to roll back: target '" + targetName + "' was never deployed.");
            }
            // a state table of an earlier version is given the columns read below
            context.store.ensureTables(c);
            Deployment newest = context.store.newestDeployment(c, context.target.schema(), project).orElseThrow(() ->
                    new WarehouseException("Nothing to roll back: project '" + project + "' was never deployed to "
                            + "target '" + targetName + "'."));
            if (newest.status() != DeployStatus.DEPLOYED) {
                throw new WarehouseException("Nothing to roll back: the last deploy of project '" + project
                        + "' to target '" + targetName + "' (" + newest.deployId() + ") is "
                        + newest.status().column() + ".",
                        "Only the newest deploy can be rolled back, once; deploy the version you want instead.");
            }
            Map<String, RelationState> state = context.store.load(c, context.target.schema());
            Map<String, RelationState> pruned = context.store.loadPruned(c, context.target.schema());
            List<RelationState> relations = new ArrayList<>();
            for (RelationState r : state.values()) {
                if (newest.deployId().equals(r.deployId())) {
                    relations.add(r);
                }
            }
            List<RelationState> restoring = new ArrayList<>();
            for (RelationState r : pruned.values()) {
                if (newest.deployId().equals(r.prunedBy())) {
                    restoring.add(r);
                }
            }
            if (relations.isEmpty() && restoring.isEmpty()) {
                // the live deploy owns the rows of what it changed until a later deploy changes them:
                // none left means the order is wrong (deploys recorded before the server numbered them
                // are ordered by their deployers' clocks), and marking it rolled back would lie
                throw new WarehouseException("Cannot roll back deploy " + newest.deployId() + " of target '"
                        + targetName + "': the state records no relation it changed or pruned, so it is not the "
                        + "deploy that is live.", "Deploys recorded before this version of the plugin are ordered "
                                + "by their deployers' clocks; deploy the version you want instead, and rollback "
                                + "works again from that deploy on.");
            }
            List<RelationName> names = new ArrayList<>();
            relations.forEach(r -> names.add(new RelationName(r.relationSchema(), r.relationName())));
            restoring.forEach(r -> names.add(new RelationName(r.relationSchema(), r.relationName())));
            Set<RelationName> managed = new HashSet<>();
            state.values().forEach(r -> managed.add(new RelationName(r.relationSchema(), r.relationName())));
            pruned.values().forEach(r -> managed.add(new RelationName(r.relationSchema(), r.relationName())));
            OutsideViews outside = OutsideViews.find(c, context.dialect, context.promoter.withPreviousVersions(names),
                    context.promoter.ours(managed));
            // the project's views that deploy left out (a selective deploy) follow the swap back
            Set<String> swapped = new HashSet<>();
            names.forEach(n -> swapped.add(n.key()));
            Set<String> managedKeys = new HashSet<>();
            managed.forEach(n -> managedKeys.add(n.key()));
            ProjectViews projectViews = ProjectViews.find(c, context.dialect, names, managedKeys::contains, swapped);
            Transactions.run(c, tx -> {
                outside.prepare(tx, context.request.recreateOutsideViews(), "this rollback swaps back");
                projectViews.prepare(tx);
                context.promoter.rollback(tx, names);
                outside.recreate(tx);
                projectViews.recreate(tx);
                List<RelationState> restored = new ArrayList<>();
                for (RelationState r : relations) {
                    if (r.hasPrevious()) {
                        // the swapped-out version is now the previous one; its hashes are unknown, so any
                        // later plan sees it as changed
                        restored.add(new RelationState(r.targetSchema(), r.relationSchema(), r.relationName(),
                                r.uniqueId(), r.kind(), "", "", r.previousFingerprint(), r.fingerprint(), true,
                                Timestamp.from(Instant.now()), context.deployedBy(), r.project(), r.projectVersion(),
                                r.gitCommit(), "rollback-of-" + r.deployId(), "", null, null));
                    } else {
                        context.store.delete(tx, r.relationSchema(), r.relationName());
                    }
                }
                // a pruned relation is back exactly as it was: its row, hashes included, holds again
                restoring.forEach(r -> restored.add(r.restored()));
                context.store.saveAll(tx, restored);
                context.store.setDeploymentStatus(tx, newest.deployId(), DeployStatus.ROLLED_BACK);
            });
            context.logRedefined(outside);
            context.logRedefined(projectViews);
            context.log.info("Rolled back deploy " + newest.deployId() + " on target '" + targetName + "': "
                    + relations.size() + " relation(s) put back"
                    + (restoring.isEmpty() ? "" : ", " + restoring.size() + " pruned relation(s) restored")
                    + " in one transaction." + (newest.sequence() > 0 ? " It was deploy number " + newest.sequence()
                            + " of project '" + project + "' to this schema." : ""));
        } catch (SQLException e) {
            throw context.failure("roll back (nothing was changed)", e);
        }
    }
}
