package org.sqlwarehouse.environment;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The rule for derived names beyond the identifier limit: readable head, '_', 8 hex of SHA-256. */
class ShortNamesTest {
    @Test
    void aNameThatFitsIsKept() {
        assertThat(ShortNames.fit("dbt_alice_marketing", 63)).isEqualTo("dbt_alice_marketing");
        assertThat(ShortNames.fit("a".repeat(63), 63)).isEqualTo("a".repeat(63));
    }

    @Test
    void aLongNameKeepsItsHeadAndEndsInTheHashOfTheWholeName() {
        String full = "dbt_" + "x".repeat(59) + "_reporting";
        // printf 'dbt_%s_reporting' "$(printf 'x%.0s' $(seq 59))" | sha256sum  gives f62abb2e...
        assertThat(ShortNames.fit(full, 63)).isEqualTo("dbt_" + "x".repeat(50) + "_f62abb2e").hasSize(63);
    }

    @Test
    void twoLongNamesWithOneHeadStayApartAndEachIsStable() {
        String reporting = "dbt_" + "x".repeat(59) + "_reporting";
        String marketing = "dbt_" + "x".repeat(59) + "_marketing";
        assertThat(ShortNames.fit(reporting, 63)).isNotEqualTo(ShortNames.fit(marketing, 63))
                .isEqualTo(ShortNames.fit(reporting, 63));
    }

    @Test
    void multiByteHeadIsNeverSplit() {
        String shortened = ShortNames.withSuffix("é".repeat(40), "__wh_tmp", 63);
        assertThat(shortened.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(63);
        assertThat(shortened).startsWith("é".repeat(23)).endsWith("__wh_tmp");
    }
}
