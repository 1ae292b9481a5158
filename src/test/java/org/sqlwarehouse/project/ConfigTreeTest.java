package org.sqlwarehouse.project;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sqlwarehouse.WarehouseException;

class ConfigTreeTest {

    private static ConfigTree tree(String yaml) throws WarehouseException {
        Map<String, Object> doc = YamlFiles.parseMap(yaml, "dbt_project.yml", new java.util.ArrayList<>());
        @SuppressWarnings("unchecked")
        Map<String, Object> models = (Map<String, Object>) doc.get("models");
        return new ConfigTree(models);
    }

    @Test
    void folderConfigAppliesToEverythingBelowIt() throws WarehouseException {
        ConfigTree t = tree("""
                models:
                  shop:
                    +materialized: view
                    staging:
                      +schema: stg
                    marts:
                      +materialized: table
                """);
        assertThat(t.resolve(List.of("shop", "staging", "stg_orders")))
                .containsExactlyInAnyOrderEntriesOf(Map.of("materialized", "view", "schema", "stg"));
        assertThat(t.resolve(List.of("shop", "marts", "finance", "revenue")))
                .containsExactlyInAnyOrderEntriesOf(Map.of("materialized", "table"));
        assertThat(t.resolve(List.of("shop", "top_level"))).containsExactlyInAnyOrderEntriesOf(
                Map.of("materialized", "view"));
    }

    @Test
    void otherProjectsConfigDoesNotApply() throws WarehouseException {
        ConfigTree t = tree("""
                models:
                  other_project:
                    +materialized: table
                """);
        assertThat(t.resolve(List.of("shop", "m"))).isEmpty();
    }

    @Test
    void plusAndBareKeysAreBothConfigs() throws WarehouseException {
        ConfigTree t = tree("""
                models:
                  shop:
                    materialized: table
                    +schema: marts
                    staging:
                      alias: renamed
                      +enabled: false
                """);
        assertThat(t.resolve(List.of("shop", "staging", "m"))).containsExactlyInAnyOrderEntriesOf(Map.of(
                "materialized", "table", "schema", "marts", "alias", "renamed", "enabled", false));
    }

    @Test
    void plusPrefixMakesAnyKeyAConfig() throws WarehouseException {
        ConfigTree t = tree("""
                models:
                  shop:
                    +my_custom_setting: 42
                    my_folder: {}
                """);
        assertThat(t.resolve(List.of("shop", "m"))).containsExactly(Map.entry("my_custom_setting", 42));
    }

    @Test
    void deeperSettingsWin() throws WarehouseException {
        ConfigTree t = tree("""
                models:
                  +materialized: view
                  shop:
                    +materialized: table
                    staging:
                      materialized: view
                      +schema: a
                      inner:
                        +schema: b
                """);
        assertThat(t.resolve(List.of("shop", "m")).get("materialized")).isEqualTo("table");
        assertThat(t.resolve(List.of("shop", "staging", "m")))
                .containsExactlyInAnyOrderEntriesOf(Map.of("materialized", "view", "schema", "a"));
        assertThat(t.resolve(List.of("shop", "staging", "inner", "m")))
                .containsExactlyInAnyOrderEntriesOf(Map.of("materialized", "view", "schema", "b"));
        assertThat(t.resolve(List.of("other", "m"))).containsExactly(Map.entry("materialized", "view"));
    }

    @Test
    void tagsAccumulateDownTheTree() throws WarehouseException {
        ConfigTree t = tree("""
                models:
                  shop:
                    +tags: [nightly]
                    staging:
                      +tags: pii
                      orders:
                        tags: [finance, nightly]
                """);
        assertThat(t.resolve(List.of("shop", "m")).get("tags")).isEqualTo(List.of("nightly"));
        assertThat(t.resolve(List.of("shop", "staging", "m")).get("tags")).isEqualTo(List.of("nightly", "pii"));
        assertThat(t.resolve(List.of("shop", "staging", "orders", "m")).get("tags"))
                .isEqualTo(List.of("nightly", "pii", "finance"));
    }

    @Test
    void hooksAccumulateAndUnderscoreSpellingIsNormalised() throws WarehouseException {
        ConfigTree t = tree("""
                models:
                  shop:
                    +pre-hook: "select 1"
                    staging:
                      pre_hook: ["select 2"]
                """);
        Map<String, Object> config = t.resolve(List.of("shop", "staging", "m"));
        assertThat(config).containsOnlyKeys("pre-hook");
        assertThat(config.get("pre-hook")).isEqualTo(List.of("select 1", "select 2"));
    }

    @Test
    void folderNamedLikeNoConfigStaysAFolder() throws WarehouseException {
        ConfigTree t = tree("""
                models:
                  shop:
                    staging:
                      +materialized: table
                """);
        Map<String, Object> config = t.resolve(List.of("shop", "marts", "m"));
        assertThat(config).isEmpty();
        assertThat(t.resolve(List.of("shop", "staging", "m"))).containsExactly(Map.entry("materialized", "table"));
    }

    @Test
    void folderNamedLikeAConfigIsStillAFolderWhenItHoldsSettings() throws WarehouseException {
        ConfigTree t = tree("""
                models:
                  shop:
                    schema:
                      +materialized: table
                """);
        assertThat(t.resolve(List.of("shop", "m"))).isEmpty();
        assertThat(t.resolve(List.of("shop", "schema", "m"))).containsExactly(Map.entry("materialized", "table"));
    }

    @Test
    void modelNameLevelConfig() throws WarehouseException {
        ConfigTree t = tree("""
                models:
                  shop:
                    +materialized: view
                    staging:
                      stg_orders:
                        +materialized: table
                        +alias: orders
                """);
        assertThat(t.resolve(List.of("shop", "staging", "stg_orders")))
                .containsExactlyInAnyOrderEntriesOf(Map.of("materialized", "table", "alias", "orders"));
        assertThat(t.resolve(List.of("shop", "staging", "stg_customers")))
                .containsExactly(Map.entry("materialized", "view"));
    }

    @Test
    void columnTypesMapStaysAConfig() throws WarehouseException {
        Map<String, Object> doc = YamlFiles.parseMap("""
                seeds:
                  shop:
                    column_types:
                      id: bigint
                    raw:
                      +column_types:
                        name: varchar
                      countries:
                        column_types:
                          id: integer
                """, "dbt_project.yml", new java.util.ArrayList<>());
        @SuppressWarnings("unchecked")
        ConfigTree t = new ConfigTree((Map<String, Object>) doc.get("seeds"));
        assertThat(t.resolve(List.of("shop", "x")).get("column_types")).isEqualTo(Map.of("id", "bigint"));
        assertThat(t.resolve(List.of("shop", "raw", "x")).get("column_types"))
                .isEqualTo(Map.of("id", "bigint", "name", "varchar"));
        assertThat(t.resolve(List.of("shop", "raw", "countries")).get("column_types"))
                .isEqualTo(Map.of("id", "integer", "name", "varchar"));
    }

    @Test
    void metaMapIsAConfigMergedKeyByKey() throws WarehouseException {
        ConfigTree t = tree("""
                models:
                  shop:
                    meta: {owner: data, tier: 2}
                    marts:
                      +meta: {tier: 1}
                """);
        assertThat(t.resolve(List.of("shop", "marts", "m")).get("meta")).isEqualTo(Map.of("owner", "data", "tier", 1));
    }

    @Test
    void emptyOrNullTreeGivesEmptyConfig() {
        assertThat(new ConfigTree(null).resolve(List.of("shop", "m"))).isEmpty();
        assertThat(new ConfigTree(Map.of()).resolve(List.of("shop", "m"))).isEmpty();
    }

    @Test
    void resolveReturnsAFreshMutableMap() throws WarehouseException {
        ConfigTree t = tree("""
                models:
                  shop:
                    +materialized: table
                """);
        Map<String, Object> first = t.resolve(List.of("shop", "m"));
        first.put("materialized", "view");
        assertThat(t.resolve(List.of("shop", "m")).get("materialized")).isEqualTo("table");
    }
}
