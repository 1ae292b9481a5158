package org.sqlwarehouse.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.sqlwarehouse.WarehouseException;
import org.sqlwarehouse.dialect.PostgresDialect;
import org.sqlwarehouse.environment.ResolvedTarget;
import org.sqlwarehouse.environment.TargetDefinition;
import org.sqlwarehouse.testing.TestDatabase;

/** Connection failures say where they tried, in one line, and never the password. */
class ConnectionPoolsTest {
    private static final String SECRET = "pw-never-shown-42";

    private static int closedPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void anUnreachableServerIsNamedByHostAndPort() throws Exception {
        int port = closedPort();
        TargetDefinition def = TargetDefinition.builder("prod").type("postgres").host("127.0.0.1").port(port)
                .database("analytics").user("deployer").password(SECRET).schema("analytics").build();
        ResolvedTarget target = ResolvedTarget.resolve(def, "dbt_", "alice", 1);
        assertThatThrownBy(() -> ConnectionPools.open(target, new PostgresDialect(), Path.of(".")))
                .isInstanceOf(WarehouseException.class)
                .hasMessageContaining("Cannot connect to target 'prod' (postgres at 127.0.0.1:" + port + "/analytics as deployer)")
                .hasMessageNotContaining(SECRET)
                .satisfies(e -> assertThat(((WarehouseException) e).getHint()).contains("running and reachable"));
    }

    @Test
    void aRefusedLoginIsReportedWithTheServersAnswerAndWithoutThePassword() throws Exception {
        assumeTrue(TestDatabase.postgresEnabled(), "PostgreSQL is not running here");
        TargetDefinition def = TargetDefinition.builder("prod").type("postgres").host(TestDatabase.pgHost())
                .port(TestDatabase.pgPort()).database(TestDatabase.pgDatabase()).user("no_such_role_wh")
                .password(SECRET).schema("analytics").build();
        ResolvedTarget target = ResolvedTarget.resolve(def, "dbt_", "alice", 1);
        assertThatThrownBy(() -> ConnectionPools.open(target, new PostgresDialect(), Path.of(".")))
                .isInstanceOf(WarehouseException.class)
                .hasMessageContaining("as no_such_role_wh")
                .hasMessageContaining("no_such_role_wh")
                .hasMessageNotContaining(SECRET);
    }

    @Test
    void aPasswordWrittenOnlyInTheUrlIsRemovedFromTheServersAnswer() throws Exception {
        assumeTrue(TestDatabase.postgresEnabled(), "PostgreSQL is not running here");
        String secret = "Url;Secret-77";
        // the server quotes a bad option value back; here that value is the password
        String url = "jdbc:postgresql://" + TestDatabase.pgHost() + ":" + TestDatabase.pgPort() + "/"
                + TestDatabase.pgDatabase() + "?user=" + TestDatabase.pgUser() + "&password=" + secret
                + "&options=-c%20statement_timeout%3D" + secret;
        TargetDefinition def = TargetDefinition.builder("prod").type("postgres").url(url).schema("wh_hostile_url")
                .build();
        ResolvedTarget target = ResolvedTarget.resolve(def, "dbt_", "alice", 1);
        assertThatThrownBy(() -> ConnectionPools.open(target, new PostgresDialect(), Path.of(".")))
                .isInstanceOf(WarehouseException.class)
                .hasMessageContaining("statement_timeout")
                .hasMessageNotContaining("Secret");
    }
}
