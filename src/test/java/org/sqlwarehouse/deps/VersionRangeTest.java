package org.sqlwarehouse.deps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sqlwarehouse.WarehouseException;

/** dbt's version syntax for hub packages: exact versions, bounds, lists of bounds, pre-releases. */
class VersionRangeTest {
    private static SemanticVersion v(String text) {
        return SemanticVersion.tryParse(text).orElseThrow();
    }

    private static VersionRange range(String... specifiers) throws WarehouseException {
        return VersionRange.of(List.of(specifiers), "packages.yml");
    }

    @Test
    void versionsOrderAsSemverWithPrereleasesBeforeTheirRelease() {
        assertThat(v("1.10.0")).isGreaterThan(v("1.9.9"));
        assertThat(v("1.0.0-b1")).isLessThan(v("1.0.0"));
        assertThat(v("1.0.0b2")).isGreaterThan(v("1.0.0-b1"));
        assertThat(v("1.0.0-rc.2")).isLessThan(v("1.0.0-rc.10"));
        assertThat(v("1.0.0-1")).isLessThan(v("1.0.0-alpha"));
        assertThat(v("1.0.0+build.5").sameAs(v("1.0.0"))).isTrue();
        assertThat(SemanticVersion.tryParse("1.0")).isEmpty();
        assertThat(SemanticVersion.tryParse("01.0.0")).isEmpty();
    }

    @Test
    void anExactVersionAllowsItAlone() throws Exception {
        VersionRange exact = range("1.1.0");
        assertThat(exact.contains(v("1.1.0"))).isTrue();
        assertThat(exact.contains(v("1.1.1"))).isFalse();
        assertThat(exact).hasToString("1.1.0");
        assertThat(range("=1.1.0")).isEqualTo(exact);
    }

    @Test
    void boundsAndListsOfBoundsAllHoldAtOnce() throws Exception {
        VersionRange r = range(">=1.0.0", "<2.0.0");
        assertThat(r.contains(v("1.0.0"))).isTrue();
        assertThat(r.contains(v("1.9.9"))).isTrue();
        assertThat(r.contains(v("2.0.0"))).isFalse();
        assertThat(r.contains(v("0.9.0"))).isFalse();
        assertThat(r).hasToString(">=1.0.0, <2.0.0");
        assertThat(range(">1.0.0").contains(v("1.0.0"))).isFalse();
        assertThat(range("<=2.0.0").contains(v("2.0.0"))).isTrue();
    }

    @Test
    void rangesIntersectAndAnEmptyIntersectionIsAConflict() throws Exception {
        assertThat(range(">=1.0.0", "<2.0.0").intersect(range(">=1.5.0"))).contains(range(">=1.5.0", "<2.0.0"));
        assertThat(range(">=1.0.0", "<2.0.0").intersect(range(">=2.0.0"))).isEmpty();
        assertThat(range("1.2.0").intersect(range("1.3.0"))).isEmpty();
        assertThat(range("<=1.2.0").intersect(range(">=1.2.0"))).contains(range("1.2.0"));
        assertThat(range("<1.2.0").intersect(range(">=1.2.0"))).isEmpty();
    }

    @Test
    void aBoundThatIsNoVersionSaysHowToWriteOne() {
        assertThatThrownBy(() -> range("~1.0"))
                .isInstanceOf(WarehouseException.class)
                .hasMessageContaining("'~1.0' is not a version or version bound")
                .extracting(e -> ((WarehouseException) e).getHint()).asString().contains("[\">=1.0.0\", \"<2.0.0\"]");
        assertThatThrownBy(() -> range(">=2.0.0", "<1.0.0")).hasMessageContaining("exclude each other");
    }

    @Test
    void aPrereleaseBoundLetsPrereleasesIn() throws Exception {
        assertThat(range(">=1.0.0-b1").namesPrerelease()).isTrue();
        assertThat(range(">=1.0.0").namesPrerelease()).isFalse();
    }
}
