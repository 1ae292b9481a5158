package org.sqlwarehouse.workflow;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.sqlwarehouse.WarehouseException;
import org.sqlwarehouse.compile.CompileSettings;
import org.sqlwarehouse.compile.CompiledNode;
import org.sqlwarehouse.compile.CompiledProject;
import org.sqlwarehouse.compile.ProjectCompiler;
import org.sqlwarehouse.dialect.RelationName;
import org.sqlwarehouse.engine.SqlFailures;
import org.sqlwarehouse.report.BuildLog;

/**
 * warehouse.defer (dbt's --defer): a ref from the selection to a node it leaves out, and that the
 * current environment does not have (or any such ref, with warehouse.favorState), reads the
 * relation the project names for that node when compiled for the deferred target, e.g. prod's.
 * The compile is made again with those relations, so that compiled/ shows what runs.
 */
final class Deferral {
    static final String PROPERTY = "warehouse.defer";

    private final WarehouseRequest request;
    private final Warehouse warehouse;
    private final BuildLog log;

    Deferral(WarehouseRequest request, Warehouse warehouse) {
        this.request = request;
        this.warehouse = warehouse;
        this.log = request.log();
    }

    /** The compile with the deferred refs, or the same one when nothing is deferred. */
    Warehouse.Compilation apply(Warehouse.Selection selection, Warehouse.Compilation compilation)
            throws WarehouseException {
        String name = request.defer();
        if (name == null || name.isBlank()) {
            if (request.favorState()) {
                log.warn("warehouse.favorState has no effect without -D" + PROPERTY + "=<target>.");
            }
            return compilation;
        }
        if (selection.target().isProtected()) {
            throw new WarehouseException(PROPERTY + "=" + name + " is refused on protected target '"
                    + selection.target().name() + "': what it makes live must read its own relations, not another "
                    + "target's.", "Defer from an unprotected environment (a dev schema, a CI target), or build the "
                            + "protected target without " + PROPERTY + ".");
        }
        Warehouse.Selection other = warehouse.selectOther(selection, name.strip(), PROPERTY);
        SameDatabase.require(selection, other, PROPERTY, request.projectDirectory());
        CompiledProject all = compilation.compiled();
        // an unprotected target's run: its data tests are left out under either skipTests
        // a state: selection (slim CI's state:modified+) is narrowed as the build narrows it
        Map<String, org.sqlwarehouse.graph.StateStatus> states = StateComparison.statusesFor(warehouse, request,
                selection, compilation, () -> org.sqlwarehouse.state.ProjectFingerprints.of(compilation.unrendered(),
                        all));
        CompiledProject run = RunSelection.narrow(all, request.select(), request.exclude(),
                request.skipTests() || request.mavenSkipTests(), states, request.indirectSelection());
        Set<String> outside = SelectionEdge.outside(all, run);
        if (outside.isEmpty()) {
            return compilation;
        }
        Set<String> deferred = request.favorState() ? outside : missing(selection, all, outside);
        if (deferred.isEmpty()) {
            log.info("Nothing deferred to target '" + other.target().name() + "': target '"
                    + selection.target().name() + "' has every relation the selection reads.");
            return compilation;
        }
        CompiledProject there = OtherTargetCompile.compile(request, other, compilation.settings());
        Map<String, RelationName> relations = new LinkedHashMap<>();
        for (String id : deferred) {
            CompiledNode node = there.nodes().get(id);
            if (node == null) {
                log.warn("Cannot defer " + id + " to target '" + other.target().name() + "': the project does not "
                        + "build it there; its ref reads " + all.nodes().get(id).relationName() + ".");
                continue;
            }
            relations.put(id, node.relationName());
            log.info("Deferred to target '" + other.target().name() + "': " + node.name() + " -> "
                    + node.relationName());
        }
        for (String id : missing(selection, there, relations.keySet())) {
            log.warn("Target '" + other.target().name() + "' does not have " + relations.get(id) + " either: a model "
                    + "reading " + there.nodes().get(id).name() + " fails and a test reading it is skipped, until one of "
                    + "the two environments builds it.");
        }
        CompileSettings settings = compilation.settings().withRelationOverrides(relations);
        CompiledProject recompiled = new ProjectCompiler().compile(compilation.project(),
                settings.withLog(BuildLog.debugOnly(settings.log())));
        return new Warehouse.Compilation(compilation.project(), settings, recompiled);
    }

    /** Those of the nodes whose relation, as the given compile names it, the database lacks. */
    private Set<String> missing(Warehouse.Selection selection, CompiledProject named, Set<String> ids)
            throws WarehouseException {
        if (ids.isEmpty()) {
            return Set.of();
        }
        try (HikariDataSource pool = warehouse.open(selection); Connection c = pool.getConnection()) {
            return SelectionEdge.missing(c, selection.dialect(), named, ids);
        } catch (SQLException e) {
            throw SqlFailures.failure("look for the relations the selection reads", selection.target().definition(),
                    e);
        }
    }
}
