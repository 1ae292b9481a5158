package org.sqlwarehouse.dialect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sqlwarehouse.testing.PostgresConnections.execute;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sqlwarehouse.testing.PostgresConnections;
import org.sqlwarehouse.testing.TestDatabase;

/**
 * The pg_catalog queries of PostgresDialect answer exactly what information_schema answered before
 * (the state recorded so far hashes those column types), on relations of every kind and awkward
 * names and types.
 */
class PostgresCatalogTest {
    private final PostgresDialect dialect = new PostgresDialect();
    private Connection c;
    private String schema;
    private String other;

    @BeforeEach
    void createRelations() throws SQLException {
        Assumptions.assumeTrue(TestDatabase.postgresEnabled(), "PostgreSQL is not reachable");
        c = PostgresConnections.open();
        schema = PostgresConnections.schemaName("it_catalog");
        other = schema + "_Other";
        String s = dialect.quote(schema);
        execute(c, "create schema " + s);
        execute(c, "create schema " + dialect.quote(other));
        execute(c, "create type " + s + ".mood as enum ('ok', 'sad')");
        execute(c, "create domain " + s + ".price as numeric(10,2)");
        execute(c, "create domain " + s + ".tags as text[]");
        execute(c, "create table " + s + ".plain (id integer, amount numeric(10,2), code varchar(20),"
                + " letters char(3), tags text[], nums int[], at timestamp, at_tz timestamptz, flag boolean,"
                + " doc jsonb, feeling " + s + ".mood, cost " + s + ".price, labels " + s + ".tags,"
                + " dropped_later text, big bigint)");
        execute(c, "alter table " + s + ".plain drop column dropped_later");
        execute(c, "create table " + s + ".\"Mixed Case\" (\"Weird \"\"col\"\"\" text, \"ID\" smallint)");
        execute(c, "create view " + s + ".v_plain as select id, amount, tags from " + s + ".plain");
        execute(c, "create materialized view " + s + ".mv as select id from " + s + ".plain");
        execute(c, "create table " + s + ".parted (k int, v text) partition by range (k)");
        execute(c, "create table " + s + ".parted_1 partition of " + s + ".parted for values from (0) to (10)");
        execute(c, "create sequence " + s + ".seq");
        execute(c, "create index plain_id on " + s + ".plain (id)");
        execute(c, "create table " + dialect.quote(other) + ".\"x.y\" (a double precision, b \"char\")");
    }

    @AfterEach
    void dropSchemas() throws SQLException {
        if (c == null) {
            return;
        }
        try {
            execute(c, "drop schema if exists " + dialect.quote(schema) + " cascade");
            execute(c, "drop schema if exists " + dialect.quote(other) + " cascade");
        } finally {
            c.close();
        }
    }

    @Test
    void relationKindsEqualInformationSchemaTables() throws SQLException {
        Map<String, RelationKind> kinds = dialect.relationKinds(c, Set.of(schema, other));

        assertThat(kinds).isEqualTo(informationSchemaKinds(Set.of(schema, other)));
        assertThat(kinds).containsEntry(schema + ".plain", RelationKind.TABLE)
                .containsEntry(schema + ".v_plain", RelationKind.VIEW)
                .containsEntry(schema + ".Mixed Case", RelationKind.TABLE)
                .containsEntry(other + ".x.y", RelationKind.TABLE)
                .doesNotContainKey(schema + ".mv").doesNotContainKey(schema + ".seq");
    }

    @Test
    void columnSignaturesEqualInformationSchemaColumns() throws SQLException {
        Map<String, String> signatures = dialect.columnSignatures(c, Set.of(schema, other));

        assertThat(signatures).isEqualTo(informationSchemaSignatures(Set.of(schema, other)));
        assertThat(signatures.get(schema + ".plain")).isEqualTo("id integer, amount numeric,"
                + " code character varying, letters character, tags ARRAY, nums ARRAY,"
                + " at timestamp without time zone, at_tz timestamp with time zone, flag boolean, doc jsonb,"
                + " feeling USER-DEFINED, cost numeric, labels ARRAY, big bigint");
        assertThat(signatures.get(schema + ".Mixed Case")).isEqualTo("Weird \"col\" text, ID smallint");
    }

    @Test
    void lookupsByNameAnswerOnlyTheNamedRelations() throws SQLException {
        Map<String, String> all = dialect.columnSignatures(c, Set.of(schema, other));

        Map<String, String> some = dialect.columnSignaturesOf(c, List.of(new RelationName(schema, "Mixed Case"),
                new RelationName(other, "x.y"), new RelationName(schema, "missing")));

        assertThat(some).containsOnlyKeys(schema + ".Mixed Case", other + ".x.y");
        assertThat(some.get(other + ".x.y")).isEqualTo(all.get(other + ".x.y"));
        assertThat(dialect.relationKindsOf(c, schema, List.of("plain", "v_plain", "mv", "missing", "Mixed Case")))
                .containsOnly(Map.entry("plain", RelationKind.TABLE), Map.entry("v_plain", RelationKind.VIEW),
                        Map.entry("Mixed Case", RelationKind.TABLE));
    }

    @Test
    void dependentRelationsAreTheViewsOverARelationTransitively() throws SQLException {
        execute(c, "create view " + dialect.quote(other) + ".\"Over View\" as select id from "
                + dialect.quote(schema) + ".v_plain");

        assertThat(dialect.dependentRelations(c, schema, "plain")).containsExactlyInAnyOrder(schema + ".v_plain",
                schema + ".mv", other + ".Over View");
        assertThat(dialect.dependentRelations(c, schema, "v_plain")).containsExactly(other + ".Over View");
        assertThat(dialect.dependentRelations(c, schema, "Mixed Case")).isEmpty();
    }

    @Test
    void aForeignTableIsATableToEveryCatalogQueryAlike() throws SQLException {
        String foreign = PostgresConnections.schemaName("whl_foreign");
        String wrapper = dialect.quote(foreign + "_fdw");
        String server = dialect.quote(foreign + "_server");
        // a wrapper without handler is enough to declare foreign tables (they cannot be read)
        execute(c, "create foreign data wrapper " + wrapper);
        try {
            execute(c, "create server " + server + " foreign data wrapper " + wrapper);
            execute(c, "create schema " + dialect.quote(foreign));
            execute(c, "create foreign table " + dialect.quote(foreign) + ".ext (id integer) server " + server);

            assertThat(dialect.relationKinds(c, Set.of(foreign))).isEqualTo(informationSchemaKinds(Set.of(foreign)))
                    .containsOnly(Map.entry(foreign + ".ext", RelationKind.TABLE));
            assertThat(dialect.relationKindsOf(c, foreign, List.of("ext")))
                    .containsOnly(Map.entry("ext", RelationKind.TABLE));
            assertThat(dialect.relationKind(c, foreign, "ext")).contains(RelationKind.TABLE);
        } finally {
            execute(c, "drop schema if exists " + dialect.quote(foreign) + " cascade");
            execute(c, "drop foreign data wrapper " + wrapper + " cascade");
        }
    }

    /** What the Dialect default asked before: information_schema.tables. */
    private Map<String, RelationKind> informationSchemaKinds(Set<String> schemas) throws SQLException {
        Map<String, RelationKind> out = new HashMap<>();
        for (String s : schemas) {
            try (PreparedStatement ps = c.prepareStatement("select table_name, table_type"
                    + " from information_schema.tables where table_schema = ?")) {
                ps.setString(1, s);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.put(s + "." + rs.getString(1),
                                "VIEW".equals(rs.getString(2)) ? RelationKind.VIEW : RelationKind.TABLE);
                    }
                }
            }
        }
        return out;
    }

    /** What the Dialect default asked before: information_schema.columns. */
    private Map<String, String> informationSchemaSignatures(Set<String> schemas) throws SQLException {
        Map<String, String> out = new HashMap<>();
        for (String s : schemas) {
            try (PreparedStatement ps = c.prepareStatement("select table_name, column_name, data_type"
                    + " from information_schema.columns where table_schema = ? order by table_name, ordinal_position")) {
                ps.setString(1, s);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.merge(s + "." + rs.getString(1), rs.getString(2) + " " + rs.getString(3),
                                (a, b) -> a + ", " + b);
                    }
                }
            }
        }
        return out;
    }
}
