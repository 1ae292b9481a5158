package org.sqlwarehouse.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.SQLException;
import org.sqlwarehouse.testing.ContractDatabase;

/** persist_docs, contract and sql_header on DuckDB: comments from duckdb_tables(), duckdb_views(), duckdb_columns(). */
class ConfigsAppliedDuckDbTest extends ConfigsAppliedContract {
    @Override
    protected ContractDatabase open(Path dir) throws SQLException {
        return ContractDatabase.duckdb(dir, "whl_applied");
    }

    @Override
    protected String relationComment(String name) throws SQLException {
        Object table = db.value("select comment from duckdb_tables() where schema_name = '" + schema
                + "' and table_name = '" + name + "' union all select comment from duckdb_views() where schema_name = '"
                + schema + "' and view_name = '" + name + "'");
        return table == null ? null : table.toString();
    }

    @Override
    protected String columnComment(String name, String column) throws SQLException {
        Object comment = db.value("select comment from duckdb_columns() where schema_name = '" + schema
                + "' and table_name = '" + name + "' and column_name = '" + column + "'");
        return comment == null ? null : comment.toString();
    }

    @Override
    protected String header() {
        return "create or replace temporary macro twice(x) as x * 2";
    }

    @Override
    protected String selectSeeingHeader() {
        return "select cast(twice(21) as varchar) as seen";
    }

    @Override
    protected String expectedSeen() {
        return "42";
    }

    @Override
    protected String sessionProbe() {
        return "select cast((select count(*) from duckdb_functions() where function_name = 'twice') as varchar) as seen";
    }

    @Override
    protected void assertForeignKey(String children, String log) throws SQLException {
        db.execute("insert into " + children + " values (5, 99)");
        assertThat(log).contains("The foreign_key constraint on column parent_id of model children is not enforced "
                + "by duckdb");
    }

    @Override
    protected String integerType() {
        return "integer";
    }
}
