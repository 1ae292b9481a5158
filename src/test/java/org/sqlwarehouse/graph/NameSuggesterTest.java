package org.sqlwarehouse.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class NameSuggesterTest {
    private static final List<String> MODELS = List.of(
            "stg_orders", "stg_customers", "stg_payments", "fct_orders", "dim_customers");

    @Test
    void suggestsTheClosestNameForTypos() {
        assertThat(NameSuggester.closest("stg_ordrs", MODELS)).contains("stg_orders");     // deletion
        assertThat(NameSuggester.closest("stg_ordres", MODELS)).contains("stg_orders");    // transposition
        assertThat(NameSuggester.closest("stg_custmoers", MODELS)).contains("stg_customers");
        assertThat(NameSuggester.closest("dim_customer", MODELS)).contains("dim_customers");
        assertThat(NameSuggester.closest("fct_orderz", MODELS)).contains("fct_orders");    // substitution
    }

    @Test
    void ignoresCaseButReturnsTheCandidateAsSpelled() {
        assertThat(NameSuggester.closest("STG_PAYMENTS", MODELS)).contains("stg_payments");
        assertThat(NameSuggester.closest("orders", List.of("Orders", "orders_v2"))).contains("Orders");
    }

    @Test
    void noSuggestionWhenNothingIsClose() {
        assertThat(NameSuggester.closest("revenue_daily", MODELS)).isEmpty();
        assertThat(NameSuggester.closest("xyz", MODELS)).isEmpty();
        assertThat(NameSuggester.closest("stg_orders", List.of())).isEmpty();
    }

    @Test
    void thresholdIsAtLeastTwoAndGrowsWithLength() {
        // "ab" -> "xy" is distance 2, allowed by the floor of 2; "abc" -> "xyz" is 3, too far.
        assertThat(NameSuggester.closest("ab", List.of("xy"))).contains("xy");
        assertThat(NameSuggester.closest("abc", List.of("xyz"))).isEmpty();
        // 12 characters allow 4 edits, but not 5.
        assertThat(NameSuggester.closest("abcdefghijkl", List.of("abcdefghWXYZ"))).contains("abcdefghWXYZ");
        assertThat(NameSuggester.closest("abcdefghijkl", List.of("abcdefgVWXYZ"))).isEmpty();
    }

    @Test
    void tiesGoToTheFirstCandidate() {
        assertThat(NameSuggester.closest("cat", List.of("bat", "car", "cut"))).contains("bat");
        assertThat(NameSuggester.closest("cat", List.of("cut", "car", "bat"))).contains("cut");
        // A strictly closer later candidate still wins.
        assertThat(NameSuggester.closest("cart", List.of("cat", "carts", "cart"))).contains("cart");
    }

    @Test
    void distanceCountsAdjacentTranspositionAsOneEdit() {
        assertThat(NameSuggester.distance("orders", "ordres")).isEqualTo(1);
        assertThat(NameSuggester.distance("kitten", "sitting")).isEqualTo(3);
        assertThat(NameSuggester.distance("", "abc")).isEqualTo(3);
        assertThat(NameSuggester.distance("abc", "abc")).isZero();
    }
}
