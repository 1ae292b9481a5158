package org.sqlwarehouse.workflow;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.sqlwarehouse.WarehouseException;
import org.sqlwarehouse.compile.CompiledNode;
import org.sqlwarehouse.compile.CompiledProject;
import org.sqlwarehouse.dialect.RelationKind;
import org.sqlwarehouse.dialect.RelationName;
import org.sqlwarehouse.engine.DeployLock;
import org.sqlwarehouse.engine.RelationReplacer;
import org.sqlwarehouse.state.RelationState;

/**
 * warehouse:clone (dbt's clone): the current, unprotected environment gets each selected node it
 * lacks as a view over the warehouse.state target's relation of that node ({@code create view
 * <here> as select * from <there>}; neither PostgreSQL nor DuckDB clones a table without copying
 * it). The nodes it has already stay as they are, unless warehouse.fullRefresh. Each clone is
 * recorded in the environment's state as kind {@value RelationState#CLONE_KIND}, so that the next
 * build replaces it with the node's own relation.
 */
final class EnvironmentClone {
    static final String PROPERTY = "warehouse.state";

    /** What a clone did: the views made, and the nodes left alone with why. */
    record Outcome(List<String> cloned, List<String> leftAlone) {
    }

    private final DeployContext context;
    private final Warehouse.Selection other;

    EnvironmentClone(DeployContext context, Warehouse.Selection other) {
        this.context = context;
        this.other = other;
    }

    /** Refuses a protected target, a missing or unknown warehouse.state, and a target in another database. */
    static Warehouse.Selection source(WarehouseRequest request, Warehouse warehouse, Warehouse.Selection selection)
            throws WarehouseException {
        if (selection.target().isProtected()) {
            throw new WarehouseException("warehouse:clone is refused on protected target '" + selection.target().name()
                    + "' (" + selection.target().protection().reason() + "): its relations are built and promoted, "
                    + "never views over another environment's.", "Clone into an unprotected environment (a dev "
                            + "schema, a CI target) with -Dwarehouse.target.");
        }
        String name = request.state();
        if (name == null || name.isBlank()) {
            throw new WarehouseException("warehouse:clone needs the target to clone from.",
                    "Name it with -D" + PROPERTY + "=<target>, e.g. -D" + PROPERTY + "=prod.");
        }
        Warehouse.Selection other = warehouse.selectOther(selection, name.strip(), PROPERTY);
        SameDatabase.require(selection, other, PROPERTY, request.projectDirectory());
        return other;
    }

    Outcome run() throws WarehouseException {
        CompiledProject all = context.compilation.compiled();
        CompiledProject run = RunSelection.narrow(all, context.request.select(), context.request.exclude(), true);
        CompiledProject there = OtherTargetCompile.compile(context.request, other, context.compilation.settings());
        List<CompiledNode> nodes = run.nodes().values().stream().filter(n -> !n.isTest() && !n.isEphemeral())
                .toList();
        List<String> cloned = new ArrayList<>();
        List<String> leftAlone = new ArrayList<>();
        String runId = UUID.randomUUID().toString();
        try (HikariDataSource pool = context.open(); DeployLock lock = context.lock(pool);
                Connection c = pool.getConnection()) {
            context.store.ensureTables(c);
            Set<String> schemas = new LinkedHashSet<>();
            nodes.forEach(n -> schemas.add(n.relationName().schema()));
            there.nodes().values().forEach(n -> {
                if (!n.isTest() && !n.isEphemeral()) {
                    schemas.add(n.relationName().schema());
                }
            });
            Map<String, RelationKind> catalog = context.dialect.relationKinds(c, schemas);
            RelationReplacer replacer = new RelationReplacer(context.dialect, false,
                    context.managedRelationKeys()::contains);
            Timestamp now = Timestamp.from(Instant.now());
            for (CompiledNode node : nodes) {
                RelationName here = node.relationName();
                CompiledNode source = there.nodes().get(node.uniqueId());
                if (catalog.containsKey(here.key()) && !context.request.fullRefresh()) {
                    leftAlone.add(node.name() + " (" + here + " exists; -Dwarehouse.fullRefresh=true clones it too)");
                    continue;
                }
                if (source == null || !catalog.containsKey(source.relationName().key())) {
                    leftAlone.add(node.name() + " (target '" + other.target().name() + "' does not have "
                            + (source == null ? "it" : source.relationName().key()) + ")");
                    continue;
                }
                if (source.relationName().equals(here)) {
                    leftAlone.add(node.name() + " (the same relation in both targets)");
                    continue;
                }
                context.dialect.createSchemaIfMissing(c, here.schema());
                replacer.replaceView(c, here.schema(), here.name(), "select * from "
                        + context.dialect.qualified(source.relationName().schema(), source.relationName().name()),
                        Set.of(), !catalog.containsKey(here.key()));
                // recorded at once: a clone that fails later leaves the earlier ones known as clones
                context.store.saveAll(c, List.of(cloneState(node, source.relationName(), now, runId)));
                cloned.add(node.name() + ": " + here + " -> view over " + source.relationName());
            }
        } catch (SQLException e) {
            throw context.failure("clone from target '" + other.target().name() + "'", e);
        }
        cloned.forEach(line -> context.log.info("Cloned " + line));
        leftAlone.forEach(line -> context.log.info("Left alone " + line));
        context.log.info("Cloned " + cloned.size() + " relations from target '" + other.target().name()
                + "' into target '" + context.target.name() + "'; " + leftAlone.size() + " left alone. The next "
                + "build replaces each clone with the node's own relation.");
        return new Outcome(cloned, leftAlone);
    }

    /**
     * The state row of a clone: kind clone, and hashes no compile produces, so that the next build
     * replaces it rather than taking it for the node's relation.
     */
    private RelationState cloneState(CompiledNode node, RelationName source, Timestamp at, String runId) {
        String marker = "clone of " + source.key();
        return new RelationState(context.target.schema(), node.relationName().schema(), node.relationName().name(),
                node.uniqueId(), RelationState.CLONE_KIND, RelationState.CLONE_KIND, RelationState.CLONE_KIND,
                marker.length() > 64 ? marker.substring(0, 64) : marker, null, false, at, context.deployedBy(),
                context.compilation.compiled().name(), context.request.projectVersion(), context.gitCommit(), runId,
                // a clone holds another environment's version: what the project says of it is not known here
                "", null, null);
    }
}
