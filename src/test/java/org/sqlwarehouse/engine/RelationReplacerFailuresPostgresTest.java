package org.sqlwarehouse.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.sqlwarehouse.testing.PostgresConnections.execute;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sqlwarehouse.dialect.PostgresDialect;
import org.sqlwarehouse.testing.ScratchSchema;
import org.sqlwarehouse.testing.StatementLog;

/**
 * RelationReplacer reads a failure by what it means (the dialect's SqlFailure, from the SQLState),
 * not as whatever it expected: a view whose columns change is swapped, but a model whose SQL is
 * wrong fails with its own error at once, without building a temporary relation to fail again.
 */
class RelationReplacerFailuresPostgresTest {
    private final PostgresDialect dialect = new PostgresDialect();
    private final RelationReplacer replacer = new RelationReplacer(dialect);
    private final StatementLog log = new StatementLog();
    private ScratchSchema scratch;
    private Connection c;
    private String schema;

    @BeforeEach
    void createSchema() throws SQLException {
        scratch = ScratchSchema.create("whl_replacer");
        c = log.wrap(scratch.connection());
        schema = scratch.name();
        execute(scratch.connection(), "create view " + q("v") + " as select 1 as id, 'a' as name");
    }

    @AfterEach
    void dropSchema() throws SQLException {
        if (scratch != null) {
            scratch.close();
        }
    }

    private String q(String name) {
        return dialect.qualified(schema, name);
    }

    @Test
    void aViewThatLosesAColumnIsSwappedIn() throws Exception {
        replacer.replaceView(c, schema, "v", "select 2 as id", Set.of(), false);

        assertThat(log.statements()).anyMatch(sql -> sql.contains("v__wh_tmp"));
        assertThat(dialect.columns(scratch.connection(), schema, "v")).containsOnlyKeys("id");
    }

    @Test
    void aViewWhoseSqlIsWrongFailsWithItsOwnErrorWithoutASwap() throws Exception {
        assertThatThrownBy(() -> replacer.replaceView(c, schema, "v", "select no_such_column", Set.of(), false))
                .isInstanceOf(SQLException.class).hasMessageContaining("no_such_column")
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("42703"));

        assertThat(log.statements()).noneMatch(sql -> sql.contains("__wh_tmp"));
        assertThat(dialect.columns(scratch.connection(), schema, "v")).containsOnlyKeys("id", "name");
    }

    @Test
    void aNewTableWhoseSqlIsWrongIsNotRetriedAsAReplaceBecauseItsNameIsTaken() throws Exception {
        // the plan saw no relation "v"; by now there is one, and the model's SQL is wrong too
        assertThatThrownBy(() -> replacer.replaceTable(c, schema, "v", "select no_such_column", Set.of(), true))
                .isInstanceOf(SQLException.class).hasMessageContaining("no_such_column");

        assertThat(log.statements()).noneMatch(sql -> sql.contains("__wh_tmp"));
    }
}
