package org.sqlwarehouse.workflow;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.SQLException;
import org.sqlwarehouse.testing.ContractDatabase;

/** persist_docs, contract and sql_header on PostgreSQL: comments from obj_description and col_description. */
class ConfigsAppliedPostgresTest extends ConfigsAppliedContract {
    @Override
    protected ContractDatabase open(Path dir) throws SQLException {
        return ContractDatabase.postgres("whl_applied_");
    }

    @Override
    protected String relationComment(String name) throws SQLException {
        Object comment = db.value("select obj_description(c.oid, 'pg_class') from pg_class c join pg_namespace n"
                + " on n.oid = c.relnamespace where n.nspname = '" + schema + "' and c.relname = '" + name + "'");
        return comment == null ? null : comment.toString();
    }

    @Override
    protected String columnComment(String name, String column) throws SQLException {
        Object comment = db.value("select col_description(c.oid, a.attnum) from pg_class c join pg_namespace n"
                + " on n.oid = c.relnamespace join pg_attribute a on a.attrelid = c.oid where n.nspname = '"
                + schema + "' and c.relname = '" + name + "' and a.attname = '" + column + "'");
        return comment == null ? null : comment.toString();
    }

    @Override
    protected String header() {
        return "set timezone = 'Asia/Tokyo'";
    }

    @Override
    protected String selectSeeingHeader() {
        return "select current_setting('TimeZone') as seen";
    }

    @Override
    protected String expectedSeen() {
        return "Asia/Tokyo";
    }

    @Override
    protected String sessionProbe() {
        return "select current_setting('TimeZone') as seen";
    }

    @Override
    protected void assertForeignKey(String children, String log) throws SQLException {
        db.execute("insert into " + children + " values (5, 2)");
        assertThatThrownBy(() -> db.execute("insert into " + children + " values (6, 99)"))
                .isInstanceOf(SQLException.class);
    }

    @Override
    protected String integerType() {
        return "integer";
    }
}
