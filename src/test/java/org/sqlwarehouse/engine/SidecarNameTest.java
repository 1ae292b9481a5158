package org.sqlwarehouse.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.sqlwarehouse.dialect.PostgresDialect;

/**
 * The temporary and kept relations of long model names: within 63 bytes, stable, and apart for two
 * names that Java's String.hashCode cannot tell apart ("Aa" and "BB" hash alike, and so does any
 * pair of names that differ only by them).
 */
class SidecarNameTest {
    private static final String FIRST = "orders_by_customer_and_region_and_channel_and_week_total_Aa";
    private static final String SECOND = "orders_by_customer_and_region_and_channel_and_week_total_BB";

    @Test
    void namesThatHashAlikeInJavaGetTheirOwnSidecars() {
        assertThat(FIRST.hashCode()).as("the pair is a String.hashCode collision").isEqualTo(SECOND.hashCode());
        Promoter promoter = new Promoter(new PostgresDialect());
        for (Sidecar sidecar : Sidecar.values()) {
            assertThat(sidecar.nameFor(FIRST, 63)).isNotEqualTo(sidecar.nameFor(SECOND, 63));
        }
        assertThat(promoter.candidateName(FIRST)).isNotEqualTo(promoter.candidateName(SECOND));
        assertThat(promoter.previousName(FIRST)).isNotEqualTo(promoter.previousName(SECOND));
    }

    @Test
    void longSidecarsFitAndAreStable() {
        Set<String> seen = new HashSet<>();
        for (String name : List.of(FIRST, SECOND, "é".repeat(40), "x".repeat(63))) {
            String tmp = Sidecar.TEMPORARY.nameFor(name, 63);
            assertThat(tmp.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(63);
            assertThat(tmp).endsWith("__wh_tmp").isEqualTo(Sidecar.TEMPORARY.nameFor(name, 63));
            assertThat(seen.add(tmp)).as("unique: %s", tmp).isTrue();
        }
    }

    @Test
    void aShortNameKeepsItsPlainSidecar() {
        assertThat(Sidecar.TEMPORARY.nameFor("orders", 63)).isEqualTo("orders__wh_tmp");
    }
}
