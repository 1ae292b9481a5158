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
import org.sqlwarehouse.state.RelationState;

/** rollback: swaps the last deploy's relations back with the versions they replaced, in one transaction. */
final class Rollback {
    private final DeployContext context;

    Rollback(DeployContext context) {
        this.context = context;
    }

    void run() throws WarehouseException {
        String targetName = context.target.name();
        try (HikariDataSource pool = context.open();
                DeployLock lock = context.lock(pool);
                Connection c = pool.getConnection()) {
            if (!context.store.exists(c)) {
                throw new WarehouseException("Nothing to roll back: target '" + targetName + "' was never deployed.");
            }
            String[] newest = context.store.newestDeployment(c, context.target.schema()).orElseThrow(() ->
                    new WarehouseException("Nothing to roll back: target '" + targetName + "' was never deployed."));
            if (!"deployed".equals(newest[1])) {
                throw new WarehouseException("Nothing to roll back: the last deploy to target '" + targetName
                        + "' (" + newest[0] + ") is " + newest[1] + ".",
                        "Only the newest deploy can be rolled back, once.");
            }
            Map<String, RelationState> state = context.store.load(c, context.target.schema());
            List<RelationState> relations = new ArrayList<>();
            for (RelationState r : state.values()) {
                if (newest[0].equals(r.deployId())) {
                    relations.add(r);
                }
            }
            List<RelationName> names = new ArrayList<>();
            relations.forEach(r -> names.add(new RelationName(r.relationSchema(), r.relationName())));
            Set<String> managed = new HashSet<>(state.keySet());
            OutsideViews outside = OutsideViews.find(c, context.dialect, context.promoter.withPreviousVersions(names),
                    context.promoter.ours(managed));
            // the project's views that deploy left out (a selective deploy) follow the swap back
            Set<String> swapped = new HashSet<>();
            names.forEach(n -> swapped.add(n.key()));
            ProjectViews projectViews = ProjectViews.find(c, context.dialect, names, managed::contains, swapped);
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
                                r.gitCommit(), "rollback-of-" + r.deployId(), ""));
                    } else {
                        context.store.delete(tx, r.relationSchema(), r.relationName());
                    }
                }
                context.store.saveAll(tx, restored);
                context.store.setDeploymentStatus(tx, newest[0], "rolled_back");
            });
            context.logRedefined(outside);
            context.logRedefined(projectViews);
            context.log.info("Rolled back deploy " + newest[0] + " on target '" + targetName + "': "
                    + relations.size() + " relation(s) put back in one transaction.");
        } catch (SQLException e) {
            throw context.failure("roll back (nothing was changed)", e);
        }
    }
}
