package org.sqlwarehouse.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.sqlwarehouse.testing.PostgresConnections.execute;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sqlwarehouse.WarehouseException;
import org.sqlwarehouse.dialect.PostgresDialect;
import org.sqlwarehouse.dialect.RelationKind;
import org.sqlwarehouse.testing.ScratchSchema;
import org.sqlwarehouse.testing.StatementLog;

/**
 * How RelationReplacer creates and replaces relations on PostgreSQL, checked in the catalog and the
 * rows: a new relation in one statement under its own name, the safe swap when the name is taken
 * (also when it was taken after the plan looked), leftovers of a killed run cleaned up, and a failure
 * that leaves nothing behind.
 */
class RelationReplacerPostgresTest {
    private final PostgresDialect dialect = new PostgresDialect();
    private final RelationReplacer replacer = new RelationReplacer(dialect);
    private final StatementLog log = new StatementLog();
    private ScratchSchema scratch;
    private Connection raw;
    private Connection c;
    private String schema;

    @BeforeEach
    void createSchema() throws SQLException {
        scratch = ScratchSchema.create("it_replacer");
        raw = scratch.connection();
        c = log.wrap(raw);
        schema = scratch.name();
    }

    @AfterEach
    void dropSchema() throws SQLException {
        if (scratch != null) {
            scratch.close();
        }
    }

    @Test
    void aNewTableIsCreatedUnderItsNameInOneStatement() throws Exception {
        replacer.replaceTable(c, schema, "orders", "select 1 as id union all select 2", Set.of(), true);

        assertThat(log.statements()).containsExactly(dialect.createTableAsSql(schema, "orders",
                "select 1 as id union all select 2"));
        assertThat(relations()).containsOnly(Map.entry("orders", RelationKind.TABLE));
        assertThat(count("orders")).isEqualTo(2);
    }

    @Test
    void aNewViewIsCreatedUnderItsNameInOneStatement() throws Exception {
        replacer.replaceView(c, schema, "v", "select 1 as id", Set.of(), true);

        assertThat(log.statements()).containsExactly(dialect.createViewSql(schema, "v", "select 1 as id"));
        assertThat(relations()).containsOnly(Map.entry("v", RelationKind.VIEW));
    }

    @Test
    void aNameTakenAfterThePlanLookedIsReplacedTheSafeWay() throws Exception {
        execute(raw, "create table " + q("orders") + " as select 'old' as v");

        replacer.replaceTable(c, schema, "orders", "select 'new' as v", Set.of(), true);

        assertThat(relations()).containsOnly(Map.entry("orders", RelationKind.TABLE));
        assertThat(value("select v from " + q("orders"))).isEqualTo("new");
        assertThat(log.statements()).anyMatch(sql -> sql.contains("__wh_tmp"));
    }

    @Test
    void aNameTakenAfterThePlanLookedStillRefusesToDropAnOutsideView() throws Exception {
        execute(raw, "create table " + q("orders") + " as select 'old' as v");
        execute(raw, "create view " + q("bi_view") + " as select v from " + q("orders"));

        assertThatThrownBy(() -> replacer.replaceTable(c, schema, "orders", "select 'new' as v", Set.of(), true))
                .isInstanceOf(WarehouseException.class).hasMessageContaining(schema + ".bi_view");

        assertThat(relations()).containsOnly(Map.entry("orders", RelationKind.TABLE),
                Map.entry("bi_view", RelationKind.VIEW));
        assertThat(value("select v from " + q("bi_view"))).isEqualTo("old");
    }

    @Test
    void aReplaceCleansUpTheLeftoversOfAKilledRunAndProbesOnce() throws Exception {
        execute(raw, "create table " + q("orders") + " as select 'old' as v");
        execute(raw, "create view " + q("orders__wh_tmp") + " as select 1 as half_built");
        execute(raw, "create table " + q("orders__wh_bak") + " as select 'older' as v");

        replacer.replaceTable(c, schema, "orders", "select 'new' as v", Set.of(), false);

        assertThat(relations()).containsOnly(Map.entry("orders", RelationKind.TABLE));
        assertThat(value("select v from " + q("orders"))).isEqualTo("new");
        assertThat(log.statements().stream().filter(sql -> sql.contains("pg_class") && sql.contains("relkind"))
                .count()).isEqualTo(1);
    }

    @Test
    void aFailedReplaceKeepsTheOldRelationAndLeavesNoTemporary() throws Exception {
        execute(raw, "create table " + q("orders") + " as select 'old' as v");

        assertThatThrownBy(() -> replacer.replaceTable(c, schema, "orders", "select 1/0 as v", Set.of(), false))
                .isInstanceOf(SQLException.class);

        assertThat(relations()).containsOnly(Map.entry("orders", RelationKind.TABLE));
        assertThat(value("select v from " + q("orders"))).isEqualTo("old");
    }

    @Test
    void aFailedNewTableLeavesNothingUnderItsName() throws Exception {
        assertThatThrownBy(() -> replacer.replaceTable(c, schema, "orders", "select 1/0 as v", Set.of(), true))
                .isInstanceOf(SQLException.class);

        assertThat(relations()).isEmpty();
    }

    @Test
    void aNewRelationBuiltInSeveralStatementsThatFailsLeavesNothingUnderItsName() throws Exception {
        assertThatThrownBy(() -> replacer.swap(c, schema, "seed", RelationKind.TABLE, (conn, name) -> {
            execute(conn, "create table " + q(name) + " (v text)");
            execute(conn, "insert into " + q(name) + " values (1/0)");
        }, Set.of(), true)).isInstanceOf(SQLException.class);

        assertThat(relations()).isEmpty();
        assertThat(c.getAutoCommit()).isTrue();
    }

    private String q(String name) {
        return dialect.qualified(schema, name);
    }

    /** Every relation of the test's schema, by bare name. */
    private Map<String, RelationKind> relations() throws SQLException {
        Map<String, RelationKind> out = new java.util.HashMap<>();
        dialect.relationKinds(raw, Set.of(schema)).forEach((relation, kind) ->
                out.put(relation.substring(schema.length() + 1), kind));
        return out;
    }

    private long count(String name) throws SQLException {
        return ((Number) value("select count(*) from " + q(name))).longValue();
    }

    private Object value(String sql) throws SQLException {
        try (var s = raw.createStatement(); var rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getObject(1);
        }
    }

    /**
     * Two models whose long names Java's String.hashCode cannot tell apart ("Aa" and "BB"), replaced
     * at once as a multi-threaded build does: each must build under a temporary name of its own,
     * else the second drops the first's new relation as a leftover and the first's swap fails.
     */
    @Test
    void twoLongNamesReplacedAtOnceEachUseTheirOwnTemporaryRelation() throws Exception {
        String first = "t".repeat(60) + "Aa";
        String second = "t".repeat(60) + "BB";
        replacer.replaceTable(raw, schema, first, "select 1 as v", Set.of(), true);
        replacer.replaceTable(raw, schema, second, "select 2 as v", Set.of(), true);
        try (Connection other = org.sqlwarehouse.testing.PostgresConnections.open()) {
            replacer.swap(raw, schema, first, RelationKind.TABLE, (conn, tmp) -> {
                execute(conn, dialect.createTableAsSql(schema, tmp, "select 10 as v"));
                try {
                    // the other model's replacement runs while this one's stands under its temporary name
                    replacer.replaceTable(other, schema, second, "select 20 as v", Set.of(), false);
                } catch (WarehouseException e) {
                    throw new SQLException(e);
                }
            }, Set.of(), false);
        }

        assertThat(relations()).containsOnly(Map.entry(first, RelationKind.TABLE),
                Map.entry(second, RelationKind.TABLE));
        assertThat(value("select v from " + dialect.qualified(schema, first))).isEqualTo(10);
        assertThat(value("select v from " + dialect.qualified(schema, second))).isEqualTo(20);
    }
}
