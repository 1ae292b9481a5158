package org.sqlwarehouse.unittest;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.sqlwarehouse.compile.DatabaseAccess;
import org.sqlwarehouse.compile.UnitTestRendering;
import org.sqlwarehouse.dialect.Dialect;
import org.sqlwarehouse.dialect.RelationName;
import org.sqlwarehouse.project.SeedSource;
import org.sqlwarehouse.project.UnitTestSpec;

/**
 * The columns of a unit test's inputs, without building anything. A model's are those of its SQL
 * over empty inputs typed alike, down to seeds (typed from their CSV as a build types them) and
 * sources (from the database); where that cannot be done, those of its relation in the target, as
 * dbt reads them. Each is worked out once per run.
 */
final class InputColumns {
    private final Connection connection;
    private final Dialect dialect;
    private final UnitTestRendering rendering;
    private final DatabaseAccess database;
    private final Map<String, List<TypedColumn>> known = new HashMap<>();
    private final Map<String, String> unknown = new HashMap<>();
    private final Set<String> visiting = new HashSet<>();

    InputColumns(Connection connection, Dialect dialect, UnitTestRendering rendering, DatabaseAccess database) {
        this.connection = connection;
        this.dialect = dialect;
        this.rendering = rendering;
        this.database = database;
    }

    /** The columns of ref(name). */
    List<TypedColumn> ofRef(String name) throws SetupFailure {
        return memo("ref:" + name, () -> describeRef(name));
    }

    /** The columns of source(key), key being "source.table". */
    List<TypedColumn> ofSource(String key) throws SetupFailure {
        return memo("source:" + key, () -> describeSource(key));
    }

    private interface Describe {
        List<TypedColumn> get() throws SetupFailure;
    }

    private List<TypedColumn> memo(String key, Describe describe) throws SetupFailure {
        if (known.containsKey(key)) {
            return known.get(key);
        }
        if (unknown.containsKey(key)) {
            throw new SetupFailure(unknown.get(key));
        }
        if (!visiting.add(key)) {
            throw new SetupFailure("the inputs of " + key + " read it again");
        }
        try {
            List<TypedColumn> columns = describe.get();
            known.put(key, columns);
            return columns;
        } catch (SetupFailure e) {
            unknown.put(key, e.getMessage());
            throw e;
        } finally {
            visiting.remove(key);
        }
    }

    private List<TypedColumn> describeRef(String name) throws SetupFailure {
        UnitTestRendering.Upstream upstream = rendering.upstream(name)
                .orElseThrow(() -> new SetupFailure("ref('" + name + "') is not a model, seed or snapshot of this project"));
        if (upstream == UnitTestRendering.Upstream.SEED) {
            return SeedRows.read(rendering.seed(name).orElseThrow(), dialect).columns();
        }
        String fromSql = null;
        if (upstream == UnitTestRendering.Upstream.MODEL) {
            try {
                return fromModelSql(name);
            } catch (SetupFailure e) {
                fromSql = e.getMessage();
            }
        }
        Optional<RelationName> relation = rendering.relationOf(name);
        if (relation.isPresent() && exists(relation.get())) {
            return ofRelation(relation.get());
        }
        throw new SetupFailure("the columns of ref('" + name + "') are not known: "
                + (fromSql == null ? "" : "its SQL cannot be described (" + fromSql + ") and ")
                + (relation.isEmpty() ? "it has no relation" : relation.get() + " does not exist in the target"));
    }

    private List<TypedColumn> describeSource(String key) throws SetupFailure {
        RelationName relation = rendering.sourceRelation(key)
                .orElseThrow(() -> new SetupFailure("source '" + key + "' is not declared"));
        if (exists(relation)) {
            return ofRelation(relation);
        }
        Optional<SeedSource> seed = rendering.seedLoading(relation);
        if (seed.isPresent()) {
            return SeedRows.read(seed.get(), dialect).columns();
        }
        throw new SetupFailure("the columns of source '" + key + "' are not known: " + relation
                + " does not exist in the target and no seed of the project loads it");
    }

    /** The model's SQL over empty inputs of the right columns and types. */
    private List<TypedColumn> fromModelSql(String name) throws SetupFailure {
        UnitTestRendering.Rendered rendered = rendering.render(name, UnitTestSpec.Overrides.NONE, false, false,
                database);
        if (!rendered.problems().isEmpty()) {
            throw new SetupFailure(String.join("; ", rendered.problems()));
        }
        Map<String, String> ctes = new LinkedHashMap<>();
        for (String ref : rendered.refs()) {
            ctes.put(UnitTestRendering.cteName(ref), FixtureSql.of(ofRef(ref), List.of(), dialect, ref));
        }
        for (String source : rendered.sources()) {
            ctes.put(UnitTestRendering.cteName(source), FixtureSql.of(ofSource(source), List.of(), dialect, source));
        }
        try {
            return QueryColumns.of(connection, UnitTestRendering.withInputs(rendered.sql(), ctes));
        } catch (SQLException e) {
            throw new SetupFailure(e.getMessage());
        }
    }

    private boolean exists(RelationName relation) throws SetupFailure {
        try {
            return dialect.relationKind(connection, relation.schema(), relation.name()).isPresent();
        } catch (SQLException e) {
            throw new SetupFailure("cannot look up " + relation + ": " + e.getMessage());
        }
    }

    private List<TypedColumn> ofRelation(RelationName relation) throws SetupFailure {
        try {
            return QueryColumns.of(connection, "select * from " + dialect.qualified(relation.schema(), relation.name()));
        } catch (SQLException e) {
            throw new SetupFailure("cannot read the columns of " + relation + ": " + e.getMessage());
        }
    }
}
