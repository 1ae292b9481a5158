package org.sqlwarehouse.environment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sqlwarehouse.WarehouseException;

class TargetCatalogTest {
    private static final Path IMPLICIT = Path.of("target", "warehouse", "dev.duckdb");

    @Test
    void implicitDevDuckDbTargetWhenNoneDeclared() throws WarehouseException {
        TargetCatalog catalog = TargetCatalog.of(List.of(), IMPLICIT);
        assertThat(catalog.targets()).containsOnlyKeys("dev");
        TargetDefinition dev = catalog.get("dev");
        assertThat(dev.name()).isEqualTo("dev");
        assertThat(dev.type()).isEqualTo("duckdb");
        assertThat(dev.path()).isEqualTo(IMPLICIT.toString());
        assertThat(dev.schema()).isNull();
        assertThat(dev.isProtected()).isFalse();
        assertThat(catalog.defaultTarget()).isNull();
    }

    @Test
    void declaredTargetsReplaceTheImplicitOneAndKeepTheirOrder() throws WarehouseException {
        TargetDefinition prod = TargetDefinition.builder("prod").type("postgres").origin("pom.xml").build();
        TargetDefinition local = TargetDefinition.builder("local").type("duckdb").origin("pom.xml").build();
        TargetCatalog catalog = TargetCatalog.of(List.of(prod, local), IMPLICIT);
        assertThat(catalog.targets().keySet()).containsExactly("prod", "local");
        assertThat(catalog.get("prod")).isSameAs(prod);
        assertThat(catalog.get("dev")).isNull();
    }

    @Test
    void catalogIsUnmodifiable() throws WarehouseException {
        TargetCatalog catalog = TargetCatalog.of(List.of(), IMPLICIT);
        assertThatThrownBy(() -> catalog.targets().put("x", TargetDefinition.builder("x").build()))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void duplicateNamesAreRejected() {
        TargetDefinition a = TargetDefinition.builder("dev").type("duckdb").origin("pom.xml").build();
        TargetDefinition b = TargetDefinition.builder("dev").type("postgres").origin("pom.xml").build();
        assertThatThrownBy(() -> TargetCatalog.of(List.of(a, b), IMPLICIT))
                .isInstanceOf(WarehouseException.class)
                .hasMessageContaining("'dev'")
                .hasMessageContaining("twice")
                .hasMessageContaining("pom.xml");
    }

    @Test
    void blankNamesAreRejected() {
        for (String blank : new String[] {"", "   "}) {
            TargetDefinition t = TargetDefinition.builder(blank).type("duckdb").origin("pom.xml").build();
            assertThatThrownBy(() -> TargetCatalog.of(List.of(t), IMPLICIT))
                    .isInstanceOf(WarehouseException.class)
                    .hasMessageContaining("no <name>")
                    .hasMessageContaining("pom.xml");
        }
    }

    @Test
    void nullNameIsRefusedByTheBuilder() {
        assertThatThrownBy(() -> TargetDefinition.builder(null).build()).isInstanceOf(NullPointerException.class);
    }
}
