package org.sqlwarehouse.workflow;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.function.Supplier;
import org.sqlwarehouse.compile.CompiledNode;
import org.sqlwarehouse.graph.NodeSelector;
import java.util.Map;
import org.sqlwarehouse.WarehouseException;
import org.sqlwarehouse.engine.SqlFailures;
import org.sqlwarehouse.graph.StateStatus;
import org.sqlwarehouse.report.BuildLog;
import org.sqlwarehouse.state.RelationState;
import org.sqlwarehouse.state.StateStore;

/**
 * The state of the environment that warehouse.state (else warehouse.defer) names, as the project
 * fingerprints its relations were last built or deployed with, read from its own
 * _warehouse_relations: what {@code state:} selectors and warehouse:environments compare with. Only
 * read: the other environment may be a protected one, and may live in another database.
 */
final class StateComparison {
    /** By unique id, this project's live relations there and their project fingerprints (null: unknown). */
    private final Map<String, String> recorded;
    private final String targetName;
    private boolean warnedOfUnknown;

    private StateComparison(String targetName, Map<String, String> recorded) {
        this.targetName = targetName;
        this.recorded = recorded;
    }

    /**
     * How each model, seed and snapshot of the compile compares with the warehouse.state
     * environment, for the run's selection; empty, with no database asked, when the selection uses
     * no state: method.
     */
    static Map<String, StateStatus> statusesFor(Warehouse warehouse, WarehouseRequest request,
            Warehouse.Selection selection, Warehouse.Compilation compilation,
            Supplier<Map<String, String>> projectFingerprints) throws WarehouseException {
        if (!NodeSelector.usesState(request.select(), request.exclude())) {
            return Map.of();
        }
        StateComparison state = read(warehouse, request, selection, compilation.compiled().name(),
                "A state: selector");
        Map<String, StateStatus> out = new LinkedHashMap<>();
        // computed once: every node's fingerprint hashes its upstream's
        Map<String, String> fingerprints = projectFingerprints.get();
        for (CompiledNode node : compilation.compiled().nodes().values()) {
            String fingerprint = fingerprints.get(node.uniqueId());
            if (fingerprint != null && !node.isEphemeral()) {
                out.put(node.uniqueId(), state.statusOf(node.uniqueId(), fingerprint, request.log()));
            }
        }
        return out;
    }

    /** The state target's name; refused when neither warehouse.state nor warehouse.defer is set. */
    static String targetName(WarehouseRequest request, String why) throws WarehouseException {
        String name = request.stateTarget();
        if (name == null) {
            throw new WarehouseException(why + " needs an environment to compare with, but warehouse.state is not set.",
                    "Name the target to compare with, e.g. -Dwarehouse.state=prod (or -Dwarehouse.defer=prod, "
                            + "which state: selectors compare with when warehouse.state is not set).");
        }
        return name;
    }

    /**
     * Reads the state of the target warehouse.state (else warehouse.defer) names, for the project; a
     * target never built has none: everything is new there.
     *
     * @param why what needs it, for the error when no target is named
     */
    static StateComparison read(Warehouse warehouse, WarehouseRequest request, Warehouse.Selection current,
            String project, String why) throws WarehouseException {
        BuildLog log = request.log();
        String name = targetName(request, why);
        String role = request.state() != null ? "warehouse.state" : "warehouse.defer";
        Warehouse.Selection other = warehouse.selectOther(current, name, role);
        StateStore store = new StateStore(other.dialect(), other.target().schema());
        Map<String, String> recorded = new HashMap<>();
        try (HikariDataSource pool = warehouse.open(other); Connection c = pool.getConnection()) {
            if (!store.exists(c)) {
                log.warn("Target '" + name + "' (schema " + other.target().schema() + ") has no state: nothing was"
                        + " built or deployed there, so every node counts as new.");
            } else {
                for (RelationState row : store.load(c, other.target().schema()).values()) {
                    if (project.equals(row.project()) && row.uniqueId() != null) {
                        recorded.put(row.uniqueId(), row.projectFingerprint());
                    }
                }
            }
        } catch (SQLException e) {
            throw SqlFailures.failure("read the state of target '" + name + "'", other.target().definition(), e);
        }
        log.info("Comparing with the state of target '" + name + "' (schema " + other.target().schema() + "): "
                + recorded.size() + " relation(s) of project '" + project + "'");
        return new StateComparison(name, recorded);
    }

    /**
     * How a node compares: new when absent there, modified when its project fingerprint differs or
     * is unknown there (a row written before project fingerprints were recorded, said once),
     * unmodified when equal.
     */
    StateStatus statusOf(String uniqueId, String projectFingerprint, BuildLog log) {
        if (!recorded.containsKey(uniqueId)) {
            return StateStatus.NEW;
        }
        String there = recorded.get(uniqueId);
        if (there == null) {
            if (!warnedOfUnknown) {
                warnedOfUnknown = true;
                log.warn("Some relations of target '" + targetName + "' were recorded before project fingerprints"
                        + " were (or were put back by a rollback): they count as modified until the next build or"
                        + " deploy there records them.");
            }
            return StateStatus.MODIFIED;
        }
        return there.equals(projectFingerprint) ? StateStatus.UNMODIFIED : StateStatus.MODIFIED;
    }

    /** The nodes of the project there, by unique id. */
    Map<String, String> recorded() {
        return recorded;
    }
}
