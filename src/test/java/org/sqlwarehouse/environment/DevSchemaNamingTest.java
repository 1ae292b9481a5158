package org.sqlwarehouse.environment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.sqlwarehouse.WarehouseException;

class DevSchemaNamingTest {

    @Test
    void apostropheAndSpaceBecomeOneUnderscoreEach() throws WarehouseException {
        assertThat(DevSchemaNaming.devSchema("dbt_", "Bar O'User")).isEqualTo("dbt_bar_o_user");
    }

    @Test
    void sqlInjectionAttemptIsReducedToHarmlessIdentifier() throws WarehouseException {
        String schema = DevSchemaNaming.devSchema("dbt_", "\"; drop schema x; --");
        assertThat(schema).isEqualTo("dbt_drop_schema_x");
        assertThat(schema).matches("[a-z0-9_]+");
    }

    @Test
    void hostileAndOddNamesBecomePlainIdentifiers() throws WarehouseException {
        Map<String, String> cases = new java.util.LinkedHashMap<>();
        cases.put("\"alice\"", "dbt_alice");
        cases.put("alice'; --", "dbt_alice");
        cases.put("  alice  smith  ", "dbt_alice_smith");
        cases.put("../../etc/passwd", "dbt_etc_passwd");
        cases.put("..\\..\\windows", "dbt_windows");
        cases.put("bob`whoami`", "dbt_bob_whoami");
        cases.put("ALICE", "dbt_alice");
        cases.put("Jane.Doe@example.com", "dbt_jane_doe_example_com");
        cases.put("tab\tnew\nline", "dbt_tab_new_line");
        cases.put("a\u0000b", "dbt_a_b");
        for (Map.Entry<String, String> c : cases.entrySet()) {
            String schema = DevSchemaNaming.devSchema("dbt_", c.getKey());
            assertThat(schema).as("schema for %s", c.getKey()).isEqualTo(c.getValue()).matches("[a-z0-9_]+");
        }
    }

    @Test
    void nonAsciiLettersAreRunsOutsideTheAllowedSet() throws WarehouseException {
        // "josé müller": 'é'+' ' is one run, 'ü' another; each becomes a single '_'.
        assertThat(DevSchemaNaming.devSchema("dbt_", "José Müller")).isEqualTo("dbt_jos_m_ller");
        assertThat(DevSchemaNaming.normalizeUser("José Müller")).isEqualTo("jos_m_ller");
        assertThat(DevSchemaNaming.devSchema("dbt_", "Zoë")).isEqualTo("dbt_zo");
        assertThat(DevSchemaNaming.devSchema("dbt_", "日本user")).isEqualTo("dbt_user");
    }

    @Test
    void underscoresInsideTheNameAreKeptAsTheyAre() throws WarehouseException {
        assertThat(DevSchemaNaming.devSchema("dbt_", "a__b")).isEqualTo("dbt_a__b");
        assertThat(DevSchemaNaming.devSchema("dbt_", "pr_123")).isEqualTo("dbt_pr_123");
        // An underscore next to a replaced run is not merged with it: the run becomes its own '_'.
        assertThat(DevSchemaNaming.normalizeUser("a _b")).isEqualTo("a__b");
    }

    @Test
    void leadingAndTrailingUnderscoresAreDropped() throws WarehouseException {
        assertThat(DevSchemaNaming.normalizeUser("__alice__")).isEqualTo("alice");
        assertThat(DevSchemaNaming.normalizeUser("-alice-")).isEqualTo("alice");
        assertThat(DevSchemaNaming.devSchema("dbt_", "_ alice _")).isEqualTo("dbt_alice");
    }

    @Test
    void longNameIsCutTo63Bytes() throws WarehouseException {
        String schema = DevSchemaNaming.devSchema("dbt_", "a".repeat(200));
        assertThat(schema).hasSize(63);
        assertThat(schema.getBytes(StandardCharsets.UTF_8)).hasSize(DevSchemaNaming.MAX_IDENTIFIER_BYTES);
        assertThat(schema).isEqualTo("dbt_" + "a".repeat(59));
    }

    @Test
    void cutThatEndsOnAnUnderscoreDropsIt() throws WarehouseException {
        // dbt_ (4) + 58 'a' = 62 bytes; the 63rd byte is '_', which would end the name.
        String schema = DevSchemaNaming.devSchema("dbt_", "a".repeat(58) + "_bbbbbbbb");
        assertThat(schema).isEqualTo("dbt_" + "a".repeat(58));
    }

    @Test
    void cutToBytesNeverSplitsAMultiByteCharacter() {
        assertThat(DevSchemaNaming.cutToBytes("ééé", 5)).isEqualTo("éé");
        assertThat(DevSchemaNaming.cutToBytes("ééé", 6)).isEqualTo("ééé");
        assertThat(DevSchemaNaming.cutToBytes("abc", 63)).isEqualTo("abc");
        assertThat(DevSchemaNaming.cutToBytes("a\uD83D\uDE00b", 4)).isEqualTo("a");
        assertThat(DevSchemaNaming.cutToBytes("a\uD83D\uDE00b", 5)).isEqualTo("a\uD83D\uDE00");
    }

    @Test
    void customAndDefaultPrefix() throws WarehouseException {
        assertThat(DevSchemaNaming.devSchema("dev_", "Alice")).isEqualTo("dev_alice");
        assertThat(DevSchemaNaming.devSchema(null, "Alice")).isEqualTo("dbt_alice");
        assertThat(DevSchemaNaming.DEFAULT_PREFIX).isEqualTo("dbt_");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "___", "!!!", "'; --", "éàü", "../"})
    void nameWithoutLettersOrDigitsFails(String user) {
        assertThatThrownBy(() -> DevSchemaNaming.devSchema("dbt_", user))
                .isInstanceOf(WarehouseException.class)
                .hasMessageContaining("no letters or digits")
                .satisfies(e -> assertThat(((WarehouseException) e).getHint()).contains("warehouse.user"));
    }

    @ParameterizedTest
    @NullSource
    void nullUserFails(String user) {
        assertThatThrownBy(() -> DevSchemaNaming.devSchema("dbt_", user))
                .isInstanceOf(WarehouseException.class)
                .satisfies(e -> assertThat(((WarehouseException) e).getHint()).contains("warehouse.user"));
    }

    @Test
    void explicitUserWinsOverEnvironmentAndSystem() {
        assertThat(DevSchemaNaming.resolveUser("carol", Map.of("WAREHOUSE_USER", "bob"), "alice"))
                .isEqualTo("carol");
    }

    @Test
    void environmentWinsOverSystemUser() {
        assertThat(DevSchemaNaming.resolveUser(null, Map.of("WAREHOUSE_USER", "bob"), "alice")).isEqualTo("bob");
        assertThat(DevSchemaNaming.resolveUser("  ", Map.of("WAREHOUSE_USER", "bob"), "alice")).isEqualTo("bob");
    }

    @Test
    void systemUserIsTheLastResort() {
        assertThat(DevSchemaNaming.resolveUser(null, Map.of(), "alice")).isEqualTo("alice");
        assertThat(DevSchemaNaming.resolveUser("", Map.of("WAREHOUSE_USER", ""), "alice")).isEqualTo("alice");
        assertThat(DevSchemaNaming.resolveUser(null, Map.of("OTHER", "x"), "alice")).isEqualTo("alice");
    }

    @Test
    void resolvedTargetWithoutSchemaGetsTheDevSchema() throws WarehouseException {
        TargetDefinition dev = TargetDefinition.builder("dev").type("duckdb").path("x.duckdb").build();
        ResolvedTarget resolved = ResolvedTarget.resolve(dev, "dbt_", "Bar O'User", null);
        assertThat(resolved.schema()).isEqualTo("dbt_bar_o_user");
        assertThat(resolved.devSchema()).isTrue();
        assertThat(resolved.threads()).isEqualTo(ResolvedTarget.DEFAULT_THREADS);
    }

    @Test
    void resolvedTargetWithSchemaKeepsIt() throws WarehouseException {
        TargetDefinition prod = TargetDefinition.builder("prod").type("postgres").schema("analytics").threads(8).build();
        ResolvedTarget resolved = ResolvedTarget.resolve(prod, "dbt_", "alice", null);
        assertThat(resolved.schema()).isEqualTo("analytics");
        assertThat(resolved.devSchema()).isFalse();
        assertThat(resolved.threads()).isEqualTo(8);
        assertThat(ResolvedTarget.resolve(prod, "dbt_", "alice", 2).threads()).isEqualTo(2);
    }

    @Test
    void zeroThreadsIsRejected() throws WarehouseException {
        TargetDefinition dev = TargetDefinition.builder("dev").type("duckdb").build();
        assertThatThrownBy(() -> ResolvedTarget.resolve(dev, "dbt_", "alice", 0))
                .isInstanceOf(WarehouseException.class)
                .hasMessageContaining("threads")
                .hasMessageContaining("'dev'");
    }
}
