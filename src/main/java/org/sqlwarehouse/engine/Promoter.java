package org.sqlwarehouse.engine;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.sqlwarehouse.WarehouseException;
import org.sqlwarehouse.compile.CompiledNode;
import org.sqlwarehouse.dialect.Dialect;
import org.sqlwarehouse.dialect.RelationKind;
import org.sqlwarehouse.project.Materialization;
import org.sqlwarehouse.dialect.RelationName;

/**
 * Makes a verified candidate live, or puts the previous version back, in one transaction: readers
 * see the old set of relations or the new one, never a missing relation or a mix. The replaced
 * version stays beside the live one as name__wh_prev until the next deploy, for rollback.
 */
public final class Promoter {
    private final Dialect dialect;

    public Promoter(Dialect dialect) {
        this.dialect = dialect;
    }

    public String candidateName(String name) {
        return Sidecar.CANDIDATE.nameFor(name, dialect.maxIdentifierBytes());
    }

    public String previousName(String name) {
        return Sidecar.PREVIOUS.nameFor(name, dialect.maxIdentifierBytes());
    }

    /**
     * Whether a relation ("schema.name") is the project's: one it builds (given), or the candidate or
     * previous version of one. Anything else bound to a replaced relation is outside the project, even
     * where its name happens to end like a sidecar's.
     */
    public Predicate<String> ours(Collection<RelationName> managed) {
        Set<String> own = new HashSet<>();
        for (RelationName relation : managed) {
            own.add(relation.key());
            own.add(relation.withName(candidateName(relation.name())).key());
            own.add(relation.withName(previousName(relation.name())).key());
        }
        return own::contains;
    }

    /**
     * The given relations and their previous versions: a deploy drops the previous
     * versions and a rollback swaps them back, so what reads them is affected as well.
     */
    public List<RelationName> withPreviousVersions(List<RelationName> relations) {
        List<RelationName> out = new ArrayList<>(relations);
        for (RelationName relation : relations) {
            out.add(relation.withName(previousName(relation.name())));
        }
        return out;
    }

    /**
     * The live, previous and candidate relations of the changed nodes, in one catalog query per
     * schema: asked before the promotion's transaction, so that it holds its locks for the renames only.
     */
    public KnownRelations lookUp(Connection c, List<CompiledNode> changed) throws SQLException {
        Map<String, Set<String>> names = KnownRelations.request();
        for (CompiledNode node : changed) {
            String schema = node.relation().getSchema();
            String name = node.relation().getIdentifier();
            KnownRelations.add(names, schema, name);
            KnownRelations.add(names, schema, previousName(name));
            KnownRelations.add(names, schema, candidateName(name));
        }
        return KnownRelations.ask(c, dialect, names);
    }

    /**
     * Inside the caller's transaction: for each changed node in dependency order, the live relation
     * becomes the previous version and the candidate takes its name (views are created anew from
     * their final SQL, since DuckDB binds views by name). The relations were looked up beforehand by
     * {@link #lookUp}, under the deploy lock; one gone meanwhile makes a rename fail, and the
     * caller's transaction rolls back.
     *
     * @return the SQL of the views rendered again over the live relations (their templates ask the
     *         database), by unique id: what they run now
     */
    public Map<String, String> promote(Connection c, List<CompiledNode> changed, KnownRelations known)
            throws SQLException {
        List<RelationName> candidateViews = new ArrayList<>();
        Map<String, String> rendered = new HashMap<>();
        for (CompiledNode node : changed) {
            String schema = node.relation().getSchema();
            String name = node.relation().getIdentifier();
            String previous = previousName(name);
            Optional<RelationKind> old = known.kind(schema, previous);
            if (old.isPresent()) {
                // if exists: dropping an upstream's previous version may have taken this one along
                execute(c, dialect.dropSql(old.get(), schema, previous, true));
                known.dropped(schema, previous);
            }
            Optional<RelationKind> live = known.kind(schema, name);
            if (live.isPresent()) {
                execute(c, dialect.renameSql(live.get(), schema, name, previous));
                known.renamed(schema, name, previous);
            }
            String candidate = candidateName(name);
            if (node.materialization() == Materialization.VIEW) {
                LiveDatabase database = new LiveDatabase(c, dialect);
                CompiledNode view = renderedNow(node, database);
                if (node.rendersAtRun()) {
                    rendered.put(node.uniqueId(), view.compiledSql());
                }
                execute(c, dialect.createViewSql(schema, name, view.compiledSql()));
                known.created(schema, name, RelationKind.VIEW);
                DocsComments.of(node).write(c, dialect, RelationKind.VIEW, schema, name);
                grantsOf(node).apply(c, dialect, schema, name);
                // a view is made anew here: what its post-hooks did to the candidate (grants) is redone
                for (String hook : postHooksNow(view, database)) {
                    execute(c, hook);
                }
                candidateViews.add(new RelationName(schema, candidate));
            } else {
                Optional<RelationKind> built = known.kind(schema, candidate);
                if (built.isEmpty()) {
                    throw new SQLException("The candidate " + schema + "." + candidate + " is missing");
                }
                execute(c, dialect.renameSql(built.get(), schema, candidate, name));
                known.renamed(schema, candidate, name);

            }
        }
        // candidate views may read each other: drop readers first
        for (int i = candidateViews.size() - 1; i >= 0; i--) {
            String schema = candidateViews.get(i).schema();
            String candidate = candidateViews.get(i).name();
            Optional<RelationKind> kind = known.kind(schema, candidate);
            if (kind.isPresent()) {
                execute(c, dialect.dropSql(kind.get(), schema, candidate, false));
            }
        }
        return rendered;
    }

    /**
     * A view whose templates ask the database is rendered again over the live names, in the
     * promotion's transaction, as the candidate was when it was built.
     */
    private static CompiledNode renderedNow(CompiledNode node, LiveDatabase database) throws SQLException {
        if (!node.rendersAtRun()) {
            return node;
        }
        try {
            return node.renderAtRun().renderSql(node, database);
        } catch (org.sqlwarehouse.compile.CompileException e) {
            throw new SQLException("Cannot render " + node.uniqueId() + " over the live relations: " + e.getMessage(), e);
        }
    }

    private static Grants grantsOf(CompiledNode node) throws SQLException {
        try {
            return Grants.of(node.config(), node.originalFilePath());
        } catch (org.sqlwarehouse.WarehouseException e) {
            throw new SQLException(e.getMessage(), e);
        }
    }

    private static List<String> postHooksNow(CompiledNode node, LiveDatabase database) throws SQLException {
        if (!node.rendersAtRun()) {
            return node.postHooks();
        }
        try {
            return node.renderAtRun().renderHooks(false, database, node.originalFilePath());
        } catch (org.sqlwarehouse.compile.CompileException e) {
            throw new SQLException("Cannot render the post-hooks of " + node.uniqueId() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Inside the caller's transaction: swaps live and previous versions of the given relations back.
     * A relation without a previous version was new in that deploy and is dropped; one without a
     * live version was pruned by it, and its previous version takes its name again.
     */
    public void rollback(Connection c, List<RelationName> relations) throws SQLException, WarehouseException {
        for (RelationName relation : relations) {
            String schema = relation.schema();
            String name = relation.name();
            String previous = previousName(name);
            Optional<RelationKind> live = dialect.relationKind(c, schema, name);
            Optional<RelationKind> prev = dialect.relationKind(c, schema, previous);
            if (prev.isEmpty()) {
                if (live.isPresent()) {
                    execute(c, dialect.dropSql(live.get(), schema, name, false));
                }
                continue;
            }
            String swap = Sidecar.SWAP.nameFor(name, dialect.maxIdentifierBytes());
            if (live.isPresent()) {
                execute(c, dialect.renameSql(live.get(), schema, name, swap));
            }
            execute(c, dialect.renameSql(prev.get(), schema, previous, name));
            if (live.isPresent()) {
                execute(c, dialect.renameSql(live.get(), schema, swap, previous));
            }
        }
    }

    /**
     * Inside the caller's transaction: takes relations the project no longer has out of the live set
     * without losing them. Each one's older previous version is dropped (one rollback undoes one
     * deploy, so nothing could put that one back), then each live relation is renamed to its
     * previous-version name: readers no longer see it, and rolling this deploy back renames it back.
     * All drops come before all renames, so that dropping one relation's old version with CASCADE
     * can only take other old versions along, never a relation just kept.
     *
     * @return those that existed and are now kept as previous versions
     */
    public Set<RelationName> prune(Connection c, List<RelationName> relations) throws SQLException {
        for (RelationName relation : relations) {
            dropIfExists(c, relation.schema(), previousName(relation.name()), true);
        }
        Set<RelationName> kept = new HashSet<>();
        for (RelationName relation : relations) {
            Optional<RelationKind> live = dialect.relationKind(c, relation.schema(), relation.name());
            if (live.isPresent()) {
                execute(c, dialect.renameSql(live.get(), relation.schema(), relation.name(),
                        previousName(relation.name())));
                kept.add(relation);
            }
        }
        return kept;
    }

    /** Drops a relation; cascade only for our own previous versions, whose dependents are previous too. */
    public void dropIfExists(Connection c, String schema, String name, boolean cascade) throws SQLException {
        Optional<RelationKind> kind = dialect.relationKind(c, schema, name);
        if (kind.isPresent()) {
            execute(c, dialect.dropSql(kind.get(), schema, name, cascade));
        }
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** Convenience for callers keyed by node. */
    public static List<CompiledNode> nodes(Map<String, CompiledNode> all, List<String> ids) {
        List<CompiledNode> out = new ArrayList<>();
        for (String id : ids) {
            out.add(all.get(id));
        }
        return out;
    }
}
