package org.sqlwarehouse.jinja;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StrictJinjaTest {
    private static List<String> unknown(String template) {
        List<String> found = new ArrayList<>();
        StrictJinja.findUnknownFilters(template, Set.of("upper", "default")::contains,
                (filter, line) -> found.add(filter + "@" + line));
        return found;
    }

    @Test
    void reportsUnknownFiltersWithTheLineOfTheirBlock() {
        assertThat(unknown("select 1\n{{ x | upper | shout }}\n{% set y = z|whisper %}"))
                .containsExactly("shout@2", "whisper@3");
    }

    @Test
    void ignoresStringLiteralsTextOutsideBlocksAndSqlConcatenation() {
        assertThat(unknown("select a || b, '|nope' from t\n{{ 'x | nope' ~ \"| nope\" }}\n{{ a or b }}")).isEmpty();
        assertThat(unknown("{# x | nope #} {{ y | default('|bad') }}")).isEmpty();
    }

    @Test
    void anUnclosedBlockIsNotScanned() {
        assertThat(unknown("{{ x | nope")).isEmpty();
        assertThat(unknown("{ x | nope }} {{ y | bad }}")).containsExactly("bad@1");
    }
}
