package org.sqlwarehouse.environment;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlwarehouse.WarehouseException;
import org.sqlwarehouse.dialect.Dialects;

/**
 * Which targets log in as a protected one: the database as the dialect names it (however the
 * target writes it) and the login (user field, URL, serverId), never a password in the warning.
 */
class SharedLoginsTest {
    @TempDir
    Path project;

    private static TargetDefinition.Builder pg(String name) {
        return TargetDefinition.builder(name).type("postgres").origin("pom.xml");
    }

    private static TargetDefinition.Builder prod() {
        return pg("prod").host("db.example.com").port(5432).database("analytics").user("loader").password("pw1")
                .schema("analytics");
    }

    private List<SharedLogins.Shared> find(Set<String> candidates, TargetDefinition... targets)
            throws WarehouseException {
        Map<TargetDefinition, TargetLogin> logins = new LinkedHashMap<>();
        for (TargetDefinition t : targets) {
            Dialects.forType(t.type()).forTarget(t).databaseLocation(t, project)
                    .ifPresent(d -> logins.put(t, TargetLogin.of(t, d)));
        }
        return SharedLogins.find(logins, candidates);
    }

    @Test
    void aDevTargetWithProdsHostDatabaseAndUserIsFound() throws WarehouseException {
        TargetDefinition dev = pg("dev").host("DB.example.com").database("analytics").user("loader").build();
        List<SharedLogins.Shared> shared = find(Set.of("dev"), dev, prod().build());
        assertThat(shared).hasSize(1);
        assertThat(shared.get(0).unprotectedTarget()).isEqualTo("dev");
        assertThat(shared.get(0).protectedTargets()).containsExactly("prod");
        assertThat(shared.get(0).login()).isEqualTo(
                new TargetLogin("jdbc:postgresql://db.example.com:5432/analytics", "user 'loader'"));
        assertThat(shared.get(0).warning()).startsWith("Target 'dev' connects to the database of protected target"
                + " 'prod' (jdbc:postgresql://db.example.com:5432/analytics) as the same login, user 'loader':")
                .contains("can change its live relations").doesNotContain("pw1");
    }

    @Test
    void theUserMayBeInTheUrlWhichIsNeverPrinted() throws WarehouseException {
        TargetDefinition byParameter = pg("dev")
                .url("jdbc:postgresql://db.example.com/analytics?user=loader&password=pw2&sslmode=require").build();
        TargetDefinition byUserInfo = pg("ci").url("jdbc:postgresql://loader:pw3@db.example.com:5432/analytics")
                .build();
        List<SharedLogins.Shared> shared = find(Set.of("dev", "ci"), byParameter, byUserInfo, prod().build());
        assertThat(shared).extracting(SharedLogins.Shared::unprotectedTarget).containsExactly("dev", "ci");
        assertThat(shared).allSatisfy(s -> assertThat(s.warning()).doesNotContain("pw2").doesNotContain("pw3")
                .contains("(jdbc:postgresql://db.example.com:5432/analytics)"));
    }

    @Test
    void anotherUserAnotherDatabaseOrAnotherPortIsNotShared() throws WarehouseException {
        assertThat(find(Set.of("dev"), pg("dev").host("db.example.com").database("analytics").user("alice").build(),
                prod().build())).isEmpty();
        assertThat(find(Set.of("dev"), pg("dev").host("db.example.com").database("scratch").user("loader").build(),
                prod().build())).isEmpty();
        assertThat(find(Set.of("dev"), pg("dev").host("db.example.com").port(5433).database("analytics")
                .user("loader").build(), prod().build())).isEmpty();
    }

    @Test
    void theSameSettingsServerIsTheSameLogin() throws WarehouseException {
        TargetDefinition prod = pg("prod").host("db").database("wh").serverId("warehouse-prod").schema("wh").build();
        // resolved for use: the user filled in from settings.xml, the serverId kept
        TargetDefinition dev = pg("dev").host("db").database("wh").serverId("warehouse-prod").user("loader")
                .password("pw4").build();
        List<SharedLogins.Shared> shared = find(Set.of("dev"), dev, prod);
        assertThat(shared).hasSize(1);
        assertThat(shared.get(0).warning()).contains("the user of settings.xml server 'warehouse-prod'")
                .doesNotContain("pw4");
        assertThat(find(Set.of("dev"), pg("dev").host("db").database("wh").serverId("warehouse-dev").build(), prod))
                .isEmpty();
    }

    @Test
    void onlyTheCandidatesAreCheckedAndOnlyAgainstProtectedTargets() throws WarehouseException {
        TargetDefinition dev = pg("dev").host("db.example.com").database("analytics").user("loader").build();
        TargetDefinition staging = pg("staging").host("db.example.com").database("analytics").user("loader")
                .schema("staging").protectedFlag(false).build();
        TargetDefinition reporting = prod().name("reporting").schema("reporting").build();
        // staging is unprotected too: a dev target sharing its login is no one's privilege escalation
        List<SharedLogins.Shared> shared = find(Set.of("dev"), dev, staging, prod().build(), reporting);
        assertThat(shared).hasSize(1);
        assertThat(shared.get(0).protectedTargets()).containsExactly("prod", "reporting");
        assertThat(shared.get(0).warning()).contains("protected targets 'prod', 'reporting'")
                .contains("can change their live relations");
        assertThat(find(Set.of("dev", "staging", "prod"), dev, staging, prod().build()))
                .extracting(SharedLogins.Shared::unprotectedTarget).containsExactly("dev", "staging");
    }

    @Test
    void duckDbTargetsShareTheFileHoweverItIsWritten() throws WarehouseException {
        TargetDefinition dev = TargetDefinition.builder("dev").type("duckdb").path("db/wh.duckdb").build();
        TargetDefinition prod = TargetDefinition.builder("prod").type("duckdb")
                .url("jdbc:duckdb:" + project.resolve("db/../db/wh.duckdb")).schema("analytics").build();
        TargetDefinition memory = TargetDefinition.builder("mem").type("duckdb").path(":memory:").build();
        List<SharedLogins.Shared> shared = find(Set.of("dev", "mem"), dev, prod, memory);
        assertThat(shared).hasSize(1);
        assertThat(shared.get(0).login()).isEqualTo(
                new TargetLogin("jdbc:duckdb:" + project.resolve("db/wh.duckdb"), "the driver's default user"));
        // asked about targets that are not used, the dialect creates nothing
        assertThat(project.resolve("db")).doesNotExist();
    }
}
