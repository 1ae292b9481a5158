package org.sqlwarehouse.environment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sqlwarehouse.WarehouseException;

class TargetSelectionTest {
    private static final List<String> AVAILABLE = List.of("dev", "staging", "prod");

    @Test
    void explicitPropertyWinsOverProfilesAndProfilesYmlDefault() throws WarehouseException {
        assertThat(TargetSelection.select(AVAILABLE, "staging", List.of("target-prod"), "dev")).isEqualTo("staging");
    }

    @Test
    void explicitPropertyWinsEvenWhenTwoTargetProfilesAreActive() throws WarehouseException {
        assertThat(TargetSelection.select(AVAILABLE, "dev", List.of("target-prod", "target-staging"), null))
                .isEqualTo("dev");
    }

    @Test
    void explicitPropertyIsTrimmed() throws WarehouseException {
        assertThat(TargetSelection.select(AVAILABLE, "  prod ", List.of(), null)).isEqualTo("prod");
    }

    @Test
    void blankExplicitPropertyCountsAsUnset() throws WarehouseException {
        assertThat(TargetSelection.select(AVAILABLE, "   ", List.of("target-staging"), null)).isEqualTo("staging");
    }

    @Test
    void oneActiveTargetProfileSelects() throws WarehouseException {
        assertThat(TargetSelection.select(AVAILABLE, null, List.of("release", "target-prod", "ci"), "dev"))
                .isEqualTo("prod");
    }

    @Test
    void profilesThatAreNotTargetProfilesAreIgnored() throws WarehouseException {
        assertThat(TargetSelection.select(AVAILABLE, null, List.of("release", "target-", "targetprod"), null))
                .isEqualTo("dev");
    }

    @Test
    void sameTargetProfileListedTwiceIsOneProfile() throws WarehouseException {
        assertThat(TargetSelection.select(AVAILABLE, null, List.of("target-prod", "target-prod"), null))
                .isEqualTo("prod");
    }

    @Test
    void twoActiveTargetProfilesAreAnErrorNamingBoth() {
        assertThatThrownBy(() -> TargetSelection.select(AVAILABLE, null, List.of("target-prod", "target-staging"),
                null))
                .isInstanceOf(WarehouseException.class)
                .hasMessageContaining("target-prod")
                .hasMessageContaining("target-staging")
                .satisfies(e -> assertThat(((WarehouseException) e).getHint()).contains("warehouse.target"));
    }

    @Test
    void unknownExplicitNameListsTheTargetsThatExist() {
        assertThatThrownBy(() -> TargetSelection.select(AVAILABLE, "qa", List.of(), null))
                .isInstanceOf(WarehouseException.class)
                .hasMessageContaining("'qa'")
                .hasMessageContaining("warehouse.target=qa")
                .hasMessageContaining("dev, staging, prod");
    }

    @Test
    void unknownProfileTargetListsTheTargetsThatExist() {
        assertThatThrownBy(() -> TargetSelection.select(AVAILABLE, null, List.of("target-qa"), null))
                .isInstanceOf(WarehouseException.class)
                .hasMessageContaining("'qa'")
                .hasMessageContaining("target-qa")
                .hasMessageContaining("dev, staging, prod");
    }

    @Test
    void defaultIsDev() throws WarehouseException {
        assertThat(TargetSelection.select(AVAILABLE, null, List.of(), null)).isEqualTo("dev");
        assertThat(TargetSelection.select(AVAILABLE, "", List.of(), "")).isEqualTo("dev");
        assertThat(TargetSelection.DEFAULT_TARGET).isEqualTo("dev");
    }

    @Test
    void defaultDevMissingIsAnError() {
        assertThatThrownBy(() -> TargetSelection.select(List.of("prod", "staging"), null, List.of(), null))
                .isInstanceOf(WarehouseException.class)
                .hasMessageContaining("'dev'")
                .hasMessageContaining("prod, staging");
    }

    @Test
    void noTargetsAtAllSaysNone() {
        assertThatThrownBy(() -> TargetSelection.select(List.of(), null, List.of(), null))
                .isInstanceOf(WarehouseException.class)
                .hasMessageContaining("none");
    }

    @Test
    void profilesYmlDefaultIsUsedWhenNothingElseChooses() throws WarehouseException {
        assertThat(TargetSelection.select(AVAILABLE, null, List.of("release"), "staging")).isEqualTo("staging");
    }

    @Test
    void targetProfileWinsOverProfilesYmlDefault() throws WarehouseException {
        assertThat(TargetSelection.select(AVAILABLE, null, List.of("target-prod"), "staging")).isEqualTo("prod");
    }

    @Test
    void unknownProfilesYmlDefaultIsAnError() {
        assertThatThrownBy(() -> TargetSelection.select(AVAILABLE, null, List.of(), "qa"))
                .isInstanceOf(WarehouseException.class)
                .hasMessageContaining("'qa'")
                .hasMessageContaining("profiles.yml")
                .hasMessageContaining("dev, staging, prod");
    }
}
