package org.sqlwarehouse.state;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.sqlwarehouse.compile.CompiledNode;
import org.sqlwarehouse.compile.CompiledProject;
import org.sqlwarehouse.dialect.Dialect;
import org.sqlwarehouse.dialect.RelationKind;
import org.sqlwarehouse.dialect.RelationName;
import org.sqlwarehouse.state.PlannedChange.Action;
import org.sqlwarehouse.state.Fingerprints.Fingerprint;
import org.sqlwarehouse.project.Materialization;

/**
 * Compares the compiled project with the state and the catalog: each relation is created, replaced,
 * dropped or left unchanged. The catalog is the truth: a relation dropped or altered outside the
 * plugin is rebuilt, never assumed to be there.
 */
public final class DeployPlanner {
    private DeployPlanner() {
    }

    /** The catalog kind a node's relation has once built. */
    public static String kindOf(CompiledNode node) {
        return node.materialization() == Materialization.VIEW ? "view" : "table";
    }

    /**
     * @param project          the nodes this run builds (the selection)
     * @param projectRelations every relation the whole project builds, selected or
     *                         not: only a recorded relation outside it is one the project no longer
     *                         has, so that a selection never makes the relations it leaves out look
     *                         like orphans to prune
     */
    public static List<PlannedChange> plan(Connection c, Dialect dialect, CompiledProject project,
            Set<RelationName> projectRelations, Map<String, Fingerprint> fingerprints, Map<String, RelationState> state,
            boolean fullRefresh) throws SQLException {
        List<PlannedChange> plan = new ArrayList<>();
        Set<String> changed = new HashSet<>();
        Set<String> schemas = new HashSet<>();
        for (CompiledNode node : project.nodes().values()) {
            if (!node.isTest() && !node.isEphemeral()) {
                schemas.add(node.relation().getSchema());
            }
        }
        Map<String, RelationKind> catalog = dialect.relationKinds(c, schemas);
        Map<String, String> columns = dialect.columnSignatures(c, schemas);
        for (String id : project.dag().topologicalOrder()) {
            CompiledNode node = project.nodes().get(id);
            if (node.isTest() || node.isEphemeral()) {
                continue;
            }
            String schema = node.relation().getSchema();
            String name = node.relation().getIdentifier();
            String kind = kindOf(node);
            Fingerprint fp = fingerprints.get(id);
            RelationState recorded = state.get(schema + "." + name);
            Optional<RelationKind> actual = Optional.ofNullable(catalog.get(schema + "." + name));
            Action action;
            String reason;
            if (actual.isEmpty()) {
                action = Action.CREATE;
                reason = recorded == null ? "new" : "missing in the database";
            } else if (recorded == null) {
                action = Action.REPLACE;
                reason = "not managed yet";
            } else if (recorded.isClone()) {
                action = Action.REPLACE;
                reason = "a clone (a view over another environment's relation)";
            } else if (!actual.get().keyword().equals(kind) || !kind.equals(recorded.kind())) {
                action = Action.REPLACE;
                reason = "was a " + actual.get().keyword();
            } else if (recorded.columnsHash() != null && !recorded.columnsHash().isEmpty()
                    && !recorded.columnsHash().equals(Fingerprints.columnsHash(columns.get(schema + "." + name)))) {
                action = Action.REPLACE;
                reason = "altered outside the plugin (its columns changed)";
            } else if (node.materialization() == Materialization.SNAPSHOT) {
                // history is only ever added to: every run records what changed, a full refresh included
                action = Action.REPLACE;
                reason = "snapshot: records what changed";
            } else if (fullRefresh) {
                action = Action.REPLACE;
                reason = "full refresh";
            } else if (node.rendersAtRun()) {
                // its SQL depends on what the database holds when it is built; the state records what ran last,
                // which no compile without the database can compare with
                action = Action.REPLACE;
                reason = "rendered when built: it asks the database (" + node.renderAtRun().reason() + ")";
            } else if (!fp.sqlHash().equals(recorded.sqlHash())) {
                action = Action.REPLACE;
                reason = node.seed() != null ? "seed data changed" : "SQL changed";
            } else if (!fp.configHash().equals(recorded.configHash())) {
                action = Action.REPLACE;
                reason = "config changed";
            } else if (!fp.value().equals(recorded.fingerprint())) {
                action = Action.REPLACE;
                reason = "upstream changed";
            } else if (node.dependsOn().stream().anyMatch(changed::contains)) {
                action = Action.REPLACE;
                reason = "upstream rebuilt";
            } else if (node.materialization() == Materialization.INCREMENTAL) {
                action = Action.REPLACE;
                reason = "incremental: applies new rows";
            } else {
                action = Action.UNCHANGED;
                reason = "unchanged";
            }
            if (action != Action.UNCHANGED) {
                changed.add(id);
            }
            plan.add(new PlannedChange(id, schema, name, kind, action, reason));
        }
        for (RelationState recorded : state.values()) {
            if (recorded.project() != null && recorded.project().equals(project.name())
                    && !projectRelations.contains(new RelationName(recorded.relationSchema(), recorded.relationName()))) {
                plan.add(new PlannedChange(null, recorded.relationSchema(), recorded.relationName(), recorded.kind(),
                        Action.DROP, "no longer in the project"));
            }
        }
        return plan;
    }
}
