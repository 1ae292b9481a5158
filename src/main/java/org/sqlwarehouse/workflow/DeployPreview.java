package org.sqlwarehouse.workflow;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.sqlwarehouse.WarehouseException;
import org.sqlwarehouse.compile.CompiledProject;
import org.sqlwarehouse.dialect.RelationName;
import org.sqlwarehouse.engine.OutsideViews;
import org.sqlwarehouse.engine.Sidecar;
import org.sqlwarehouse.state.DeployPlanner;
import org.sqlwarehouse.state.Fingerprints.Fingerprint;
import org.sqlwarehouse.state.PlannedChange;
import org.sqlwarehouse.state.PlannedChange.Action;
import org.sqlwarehouse.state.RelationState;

/** plan: what a deploy would do, from state and catalog; creates and changes nothing. */
final class DeployPreview {
    private final DeployContext context;

    DeployPreview(DeployContext context) {
        this.context = context;
    }

    List<PlannedChange> run() throws WarehouseException {
        CompiledProject run = context.narrow(context.compilation.compiled());
        Map<String, Fingerprint> fingerprints = context.fingerprints();
        List<PlannedChange> plan;
        OutsideViews outside;
        Map<String, RelationState> pruned;
        Map<String, RelationState> live;
        try (HikariDataSource pool = context.open(); Connection c = pool.getConnection()) {
            boolean exists = context.store.exists(c);
            Map<String, RelationState> state = exists ? context.store.load(c, context.target.schema()) : Map.of();
            live = state;
            pruned = exists ? context.store.loadPruned(c, context.target.schema()) : Map.of();
            plan = DeployPlanner.plan(c, context.dialect, run, context.managedRelations(), fingerprints, state,
                    context.request.fullRefresh());
            List<RelationName> replaced = plan.stream().filter(p -> p.action() == Action.REPLACE)
                    .map(p -> new RelationName(p.schema(), p.name())).toList();
            outside = OutsideViews.find(c, context.dialect, context.promoter.withPreviousVersions(replaced),
                    context.promoter.ours(context.managedRelations()));
        } catch (SQLException e) {
            throw context.failure("read the deploy state", e);
        }
        Map<Action, Integer> counts = new EnumMap<>(Action.class);
        for (Action a : Action.values()) {
            counts.put(a, 0);
        }
        context.log.info("Plan for target '" + context.target.name() + "' (schema " + context.target.schema() + "):");
        for (PlannedChange change : plan) {
            counts.merge(change.action(), 1, Integer::sum);
            context.log.info(String.format(Locale.ROOT, "  %-9s %-5s %s (%s)",
                    change.action().name().toLowerCase(Locale.ROOT), change.kind(), change.relation(),
                    change.reason()));
        }
        context.log.info(String.format(Locale.ROOT, "%d to create, %d to replace, %d to drop, %d unchanged",
                counts.get(Action.CREATE), counts.get(Action.REPLACE), counts.get(Action.DROP),
                counts.get(Action.UNCHANGED)));
        if (counts.get(Action.DROP) > 0) {
            context.log.info(context.request.pruneOrphans()
                    ? "The deploy prunes the relations to drop: each is kept hidden as <name>"
                            + Sidecar.PREVIOUS.suffix() + " until the next deploy, so that "
                            + "warehouse:rollback can put it back."
                    : "The deploy keeps the relations to drop unless run with -Dwarehouse.pruneOrphans=true; then "
                            + "each is kept hidden as <name>" + Sidecar.PREVIOUS.suffix()
                            + " until the next deploy, so that warehouse:rollback can put it back.");
        }
        for (RelationState r : pruned.values()) {
            context.log.info("  pruned    " + r.kind() + " " + r.key() + " (by deploy " + r.prunedBy() + "; kept as "
                    + context.promoter.previousName(r.relationName()) + ": warehouse:rollback puts it back, the next "
                    + "deploy that changes something drops it for good)");
        }
        List<String> changed = new ArrayList<>();
        plan.stream().filter(p -> p.action() == Action.CREATE || p.action() == Action.REPLACE)
                .filter(p -> p.uniqueId() != null).forEach(p -> changed.add(p.uniqueId()));
        StaleDownstream stale = StaleDownstream.of(context.compilation.compiled(), changed, live::containsKey);
        if (!stale.isEmpty()) {
            context.log.warn((context.target.isProtected() ? "The deploy refuses this selection: "
                    : "The build leaves relations on the old version: ") + stale.describe() + ". Select them with "
                    + stale.suggestedSelection() + ".");
        }
        if (!outside.isEmpty()) {
            context.log.info("Views outside the project read relations to replace: "
                    + String.join(", ", outside.describe())
                    + (context.request.recreateOutsideViews() ? "; the deploy defines them again over the new version."
                            : "; the deploy fails unless run with -D" + OutsideViews.OPTION
                                    + "=true, which defines them again over the new version."));
        }
        return plan;
    }
}
