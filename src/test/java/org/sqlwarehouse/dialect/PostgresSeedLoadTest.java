package org.sqlwarehouse.dialect;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sqlwarehouse.seed.CsvReader;
import org.sqlwarehouse.seed.CsvTable;
import org.sqlwarehouse.seed.SeedColumn;
import org.sqlwarehouse.seed.SeedTypeInference;
import org.sqlwarehouse.testing.ScratchSchema;

/** A seed's cells reach PostgreSQL through COPY exactly as the CSV holds them, the awkward ones too. */
class PostgresSeedLoadTest {

    @Test
    void everyCellArrivesAsWritten() throws Exception {
        String csv = "id,text\n"
                + "1,\n"                              // null
                + "2,\"\"\n"                          // empty string
                + "3,\"a, \"\"quoted\"\" b\"\n"
                + "4,\"two\nlines\"\n"
                + "5,\\.\n"                            // COPY's end-of-data marker, as a value
                + "6,5'10\"\n"                         // a stray quote, kept as dbt keeps it
                + "7,Zürich ✓\n";
        CsvTable table = CsvReader.parse(new StringReader(csv), "cells", "seeds/cells.csv");
        List<SeedColumn> columns = SeedTypeInference.infer(table, Map.of());
        PostgresDialect dialect = new PostgresDialect();

        try (ScratchSchema schema = ScratchSchema.create("wh_hostile_seed")) {
            dialect.createAndLoadSeed(schema.connection(), schema.name(), "cells", columns, new int[2], table);

            List<String> texts = new ArrayList<>();
            try (Statement s = schema.connection().createStatement();
                    ResultSet rs = s.executeQuery("select text from " + dialect.quote(schema.name())
                            + ".cells order by id")) {
                while (rs.next()) {
                    texts.add(rs.getString(1));
                }
            }
            assertThat(texts).containsExactly(null, "", "a, \"quoted\" b", "two\nlines", "\\.", "5'10\"",
                    "Zürich ✓");
        }
    }
}
