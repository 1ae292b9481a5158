package org.sqlwarehouse.workflow;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.sqlwarehouse.WarehouseException;
import org.sqlwarehouse.engine.SqlFailures;
import org.sqlwarehouse.environment.TargetDefinition;
import org.sqlwarehouse.environment.TargetTemplates;
import org.sqlwarehouse.project.ProjectSettings;
import org.sqlwarehouse.report.BuildLog;
import org.sqlwarehouse.state.RelationState;
import org.sqlwarehouse.state.StateStore;

/**
 * environments: this project's environments in the selected target's database, found by their
 * state (every schema whose _warehouse_relations records relations of the project), never by a
 * schema's name. Reads only; takes no lock.
 */
final class EnvironmentListing {
    private final WarehouseRequest request;
    private final Warehouse.Selection selection;
    private final Warehouse warehouse;
    private final BuildLog log;

    EnvironmentListing(WarehouseRequest request, Warehouse.Selection selection, Warehouse warehouse) {
        this.request = request;
        this.selection = selection;
        this.warehouse = warehouse;
        this.log = request.log();
    }

    List<EnvironmentSummary> run() throws WarehouseException {
        String project = ProjectSettings.load(request.projectDirectory(), request.fallbackName()).name();
        StateComparison state = request.stateTarget() == null ? null
                : StateComparison.read(warehouse, request, selection, project, "Counting differences");
        Map<String, List<String>> declared = declaredSchemas();
        List<EnvironmentSummary> out = new ArrayList<>();
        try (HikariDataSource pool = warehouse.open(selection); Connection c = pool.getConnection()) {
            for (String schema : StateStore.schemasWithState(c)) {
                List<RelationState> rows = projectRows(c, schema, project);
                if (!rows.isEmpty()) {
                    out.add(summarize(schema, rows, declared, state));
                }
            }
        } catch (SQLException e) {
            throw SqlFailures.failure("list the environments", selection.target().definition(), e);
        }
        EnvironmentTable.print(out, project, selection.target().name(),
                request.stateTarget(), log);
        return out;
    }

    /**
     * The project's live rows in a schema's state; none when its table is not one this plugin can
     * read (a table of that name made by something else), which is said and left out.
     */
    private List<RelationState> projectRows(Connection c, String schema, String project) {
        List<RelationState> rows = new ArrayList<>();
        try {
            for (RelationState row : new StateStore(selection.dialect(), schema).load(c, schema).values()) {
                if (project.equals(row.project())) {
                    rows.add(row);
                }
            }
        } catch (SQLException e) {
            log.warn("Left schema " + schema + " out: its " + StateStore.RELATIONS + " cannot be read as warehouse"
                    + " state (" + e.getMessage() + ")");
        }
        return rows;
    }

    private EnvironmentSummary summarize(String schema, List<RelationState> rows, Map<String, List<String>> declared,
            StateComparison state) {
        RelationState newest = rows.get(0);
        int differences = 0;
        for (RelationState row : rows) {
            if (row.deployedAt() != null && (newest.deployedAt() == null || row.deployedAt().after(newest.deployedAt()))) {
                newest = row;
            }
            if (state != null && differs(row, state)) {
                differences++;
            }
        }
        List<String> targets = declared.getOrDefault(schema, List.of());
        boolean isProtected = targets.stream().anyMatch(t -> t.endsWith(" (protected)"));
        return new EnvironmentSummary(schema, targets, isProtected, rows.size(), newest.deployedAt(),
                newest.deployedBy(), newest.gitCommit(), state == null ? null : differences);
    }

    /** Absent there, or another (or an unknown) project fingerprint. */
    private static boolean differs(RelationState row, StateComparison state) {
        Map<String, String> there = state.recorded();
        return row.projectFingerprint() == null || !there.containsKey(row.uniqueId())
                || !Objects.equals(there.get(row.uniqueId()), row.projectFingerprint());
    }

    /** The schema each target declares, rendered, with the target's name and "(protected)" where it is. */
    private Map<String, List<String>> declaredSchemas() {
        Map<String, List<String>> out = new TreeMap<>();
        for (Map.Entry<String, Object> entry : selection.catalog().describeAll().entrySet()) {
            if (entry.getValue() instanceof TargetDefinition definition && definition.schema() != null
                    && !definition.schema().isBlank()) {
                String schema;
                try {
                    schema = TargetTemplates.render(definition, request.environment()).schema();
                } catch (WarehouseException e) {
                    schema = definition.schema();
                }
                out.computeIfAbsent(schema, s -> new ArrayList<>())
                        .add(entry.getKey() + (definition.isProtected() ? " (protected)" : ""));
            }
        }
        return out;
    }
}
