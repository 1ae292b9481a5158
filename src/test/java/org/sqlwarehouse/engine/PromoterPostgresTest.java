package org.sqlwarehouse.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.sqlwarehouse.testing.PostgresConnections.execute;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sqlwarehouse.compile.CompiledNode;
import org.sqlwarehouse.compile.Relation;
import org.sqlwarehouse.dialect.PostgresDialect;
import org.sqlwarehouse.dialect.RelationKind;
import org.sqlwarehouse.project.Materialization;
import org.sqlwarehouse.project.ResourceType;
import org.sqlwarehouse.testing.ScratchSchema;
import org.sqlwarehouse.testing.StatementLog;

/**
 * Promotion on PostgreSQL with the relations looked up before the transaction: the transaction runs
 * renames and drops only, the catalog ends as it should, and a relation gone after the look-up makes
 * the whole promotion roll back.
 */
class PromoterPostgresTest {
    private final PostgresDialect dialect = new PostgresDialect();
    private final Promoter promoter = new Promoter(dialect);
    private final StatementLog log = new StatementLog();
    private ScratchSchema scratch;
    private Connection raw;
    private Connection c;
    private String schema;

    @BeforeEach
    void createSchema() throws SQLException {
        scratch = ScratchSchema.create("it_promoter");
        raw = scratch.connection();
        c = log.wrap(raw);
        schema = scratch.name();
        // live v1 with its previous version v0, each with a view over it; a staged candidate v2
        execute(raw, "create table " + q("a") + " as select 'v1' as ver");
        execute(raw, "create view " + q("b") + " as select ver from " + q("a"));
        execute(raw, "create table " + q("a__wh_prev") + " as select 'v0' as ver");
        execute(raw, "create view " + q("b__wh_prev") + " as select ver from " + q("a__wh_prev"));
        execute(raw, "create table " + q("a__wh_cand") + " as select 'v2' as ver");
        execute(raw, "create view " + q("b__wh_cand") + " as select ver from " + q("a__wh_cand"));
    }

    @AfterEach
    void dropSchema() throws SQLException {
        if (scratch != null) {
            scratch.close();
        }
    }

    @Test
    void theTransactionRunsNoCatalogQueryAndLeavesLiveAndPrevious() throws Exception {
        List<CompiledNode> changed = List.of(node("a", "table", "select 'v2' as ver"),
                node("b", "view", "select ver from " + q("a")));
        KnownRelations known = promoter.lookUp(c, changed);
        log.clear();

        c.setAutoCommit(false);
        // the previous view b__wh_prev goes with a__wh_prev (cascade) before its own drop comes
        promoter.promote(c, changed, known);
        c.commit();
        c.setAutoCommit(true);

        assertThat(log.statements()).noneMatch(sql -> sql.contains("pg_class"));
        assertThat(relations()).containsOnly(Map.entry("a", RelationKind.TABLE), Map.entry("b", RelationKind.VIEW),
                Map.entry("a__wh_prev", RelationKind.TABLE), Map.entry("b__wh_prev", RelationKind.VIEW));
        assertThat(value("select ver from " + q("b"))).isEqualTo("v2");
        assertThat(value("select ver from " + q("b__wh_prev"))).isEqualTo("v1");
    }

    @Test
    void aCandidateGoneAfterTheLookUpRollsTheWholePromotionBack() throws Exception {
        List<CompiledNode> changed = List.of(node("a", "table", "select 'v2' as ver"));
        KnownRelations known = promoter.lookUp(c, changed);
        execute(raw, "drop table " + q("a__wh_cand") + " cascade");

        c.setAutoCommit(false);
        assertThatThrownBy(() -> promoter.promote(c, changed, known)).isInstanceOf(SQLException.class);
        c.rollback();
        c.setAutoCommit(true);

        assertThat(value("select ver from " + q("b"))).isEqualTo("v1");
        assertThat(value("select ver from " + q("b__wh_prev"))).isEqualTo("v0");
    }

    private CompiledNode node(String name, String materialized, String sql) {
        return CompiledNode.builder("model.p." + name, ResourceType.MODEL, name)
                .originalFilePath("models/" + name + ".sql").fqn(List.of("p", name))
                .materialization(Materialization.ofModelConfig(materialized).orElseThrow())
                .relation(new Relation(schema, name, q(name))).compiledSql(sql)
                .compiledPath("models/" + name + ".sql").build();
    }

    private String q(String name) {
        return dialect.qualified(schema, name);
    }

    /** Every relation of the test's schema, by bare name. */
    private Map<String, RelationKind> relations() throws SQLException {
        Map<String, RelationKind> out = new HashMap<>();
        dialect.relationKinds(raw, Set.of(schema)).forEach((relation, kind) ->
                out.put(relation.substring(schema.length() + 1), kind));
        return out;
    }

    private Object value(String sql) throws SQLException {
        try (var s = raw.createStatement(); var rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getObject(1);
        }
    }
}
