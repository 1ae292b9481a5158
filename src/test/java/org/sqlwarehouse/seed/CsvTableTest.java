package org.sqlwarehouse.seed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvTableTest {

    @Test
    void keepsNameHeaderAndRows() {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"1", null});

        CsvTable table = new CsvTable("t", List.of("a", "b"), rows);
        rows.add(new String[] {"2", "x"}); // later changes to the caller's list do not leak in

        assertThat(table.name()).isEqualTo("t");
        assertThat(table.header()).containsExactly("a", "b");
        assertThat(table.rows()).hasSize(1);
        assertThat(table.rows().get(0)).containsExactly("1", null);
        assertThat(table).hasToString("CsvTable[t, 2 columns, 1 rows]");
    }

    @Test
    void rejectsRowsOfTheWrongWidth() {
        assertThatThrownBy(() -> new CsvTable("t", List.of("a", "b"), List.<String[]>of(new String[] {"1"})))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("row 1 of t has 1 cells, expected 2");
    }
}
