package org.sqlwarehouse.environment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sqlwarehouse.WarehouseException;

class TargetDefinitionTest {

    @Test
    void prodAndProductionAreProtectedByName() {
        assertThat(TargetDefinition.builder("prod").build().isProtected()).isTrue();
        assertThat(TargetDefinition.builder("production").build().isProtected()).isTrue();
        assertThat(TargetDefinition.builder("PROD").build().isProtected()).isTrue();
        assertThat(TargetDefinition.builder("Production").build().isProtected()).isTrue();
    }

    @Test
    void targetsWithoutSchemaAndWithoutAProductionWordAreNotProtectedByDefault() {
        // the whole rule, with a declared schema too, is TargetProtectionTest's table
        assertThat(TargetDefinition.builder("dev").build().isProtected()).isFalse();
        assertThat(TargetDefinition.builder("staging").build().isProtected()).isFalse();
        assertThat(TargetDefinition.builder("preprod").build().isProtected()).isFalse();
        assertThat(TargetDefinition.builder("dev").build().protectedFlag()).isNull();
    }

    @Test
    void explicitFlagWinsOverTheName() {
        assertThat(TargetDefinition.builder("staging").protectedFlag(true).build().isProtected()).isTrue();
        assertThat(TargetDefinition.builder("prod").protectedFlag(false).build().isProtected()).isFalse();
    }

    @Test
    void resolvedTargetReportsProtection() throws WarehouseException {
        TargetDefinition prod = TargetDefinition.builder("prod").type("postgres").schema("analytics").build();
        assertThat(ResolvedTarget.resolve(prod, "dbt_", "alice", null).isProtected()).isTrue();
    }

    @Test
    void toStringNeverContainsThePassword() throws WarehouseException {
        TargetDefinition t = TargetDefinition.builder("prod").type("postgres").host("db.example.com").port(5432)
                .database("analytics").user("loader").password("s3cr3t-P@ss").schema("analytics")
                .properties(Map.of("sslmode", "require")).origin("pom.xml").build();
        assertThat(t.toString())
                .doesNotContain("s3cr3t-P@ss")
                .contains("****")
                .contains("prod")
                .contains("db.example.com")
                .contains("loader");
        assertThat(t.password()).isEqualTo("s3cr3t-P@ss");
        ResolvedTarget resolved = ResolvedTarget.resolve(t, "dbt_", "alice", null);
        assertThat(resolved.toString()).doesNotContain("s3cr3t-P@ss");
        assertThat(t.toBuilder().build().toString()).doesNotContain("s3cr3t-P@ss");
    }

    @Test
    void toStringWithoutPasswordSaysNone() {
        assertThat(TargetDefinition.builder("dev").type("duckdb").build().toString()).contains("password=none");
    }

    @Test
    void toBuilderCopiesEveryField() {
        TargetDefinition t = TargetDefinition.builder("prod").type("postgres").host("h").port(5433).database("d")
                .user("u").password("p").schema("s").path("f.duckdb").url("jdbc:postgresql://h/d").threads(8)
                .serverId("srv").properties(Map.of("a", "b")).protectedFlag(false).origin("pom.xml").build();
        TargetDefinition copy = t.toBuilder().build();
        assertThat(copy.name()).isEqualTo("prod");
        assertThat(copy.type()).isEqualTo("postgres");
        assertThat(copy.host()).isEqualTo("h");
        assertThat(copy.port()).isEqualTo(5433);
        assertThat(copy.database()).isEqualTo("d");
        assertThat(copy.user()).isEqualTo("u");
        assertThat(copy.password()).isEqualTo("p");
        assertThat(copy.schema()).isEqualTo("s");
        assertThat(copy.path()).isEqualTo("f.duckdb");
        assertThat(copy.url()).isEqualTo("jdbc:postgresql://h/d");
        assertThat(copy.threads()).isEqualTo(8);
        assertThat(copy.serverId()).isEqualTo("srv");
        assertThat(copy.properties()).containsExactly(Map.entry("a", "b"));
        assertThat(copy.protectedFlag()).isFalse();
        assertThat(copy.origin()).isEqualTo("pom.xml");
    }
}
