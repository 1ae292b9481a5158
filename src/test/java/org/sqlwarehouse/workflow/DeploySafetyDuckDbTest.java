package org.sqlwarehouse.workflow;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.sqlwarehouse.environment.TargetDefinition;
import org.sqlwarehouse.testing.TestDatabase;

/**
 * The deploy safety contract on embedded DuckDB. The test keeps its own connection open for the
 * whole test: in one JVM every connection to the file shares one database instance, so the
 * catalog's oids stay comparable from one deploy to the next.
 */
class DeploySafetyDuckDbTest extends DeploySafetyContract {
    private Path file;

    @BeforeEach
    void open() throws SQLException {
        schema = "analytics";
        file = tmp.resolve("warehouse.duckdb");
        db = TestDatabase.duckdb(file.toFile());
    }

    @AfterEach
    void close() throws SQLException {
        if (db != null) {
            db.close();
        }
    }

    @Override
    protected TargetDefinition target() {
        return SafetyFixture.duckdbTarget(file, schema);
    }

    @Override
    protected TestDatabase openReader() throws SQLException {
        return TestDatabase.duckdb(file.toFile());
    }

    @Override
    protected String checksumSql(String relation) {
        return "select count(*) || ':' || coalesce(md5(string_agg(cast(t as varchar), '|' order by cast(t as varchar)))"
                + ", '-') from " + q(relation) + " t";
    }

    /** duckdb_tables() and duckdb_views(): a relation made anew, or renamed, gets a new oid. */
    @Override
    protected Map<String, String> catalogIdentity() throws SQLException {
        Map<String, String> out = new TreeMap<>();
        for (Map<String, Object> row : db.rows("select table_name as name, 'table ' || table_oid as id"
                + " from duckdb_tables() where schema_name = '" + schema + "'"
                + " union all select view_name, 'view ' || view_oid from duckdb_views()"
                + " where schema_name = '" + schema + "' and not internal")) {
            out.put(String.valueOf(row.get("name")), String.valueOf(row.get("id")));
        }
        return out;
    }
}
