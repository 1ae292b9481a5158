package org.sqlwarehouse.seed;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Rows written for COPY: null unquoted and empty, everything else quoted, and read back the same. */
class CsvWriterTest {
    private static final List<String[]> ROWS = List.of(
            new String[] {"1", null, ""},
            new String[] {"a, b", "she said \"hi\"", "line one\nline two\r\nthree"},
            new String[] {"\\.", "5'10\"", "é ✓"});

    @Test
    void quotesEveryValueAndLeavesNullsEmpty() throws Exception {
        StringWriter out = new StringWriter();

        CsvWriter.write(ROWS, out);

        assertThat(out.toString()).isEqualTo("\"1\",,\"\"\n"
                + "\"a, b\",\"she said \"\"hi\"\"\",\"line one\nline two\r\nthree\"\n"
                + "\"\\.\",\"5'10\"\"\",\"é ✓\"\n");
    }

    @Test
    void whatIsWrittenReadsBackTheSame() throws Exception {
        StringWriter out = new StringWriter();
        CsvWriter.write(ROWS, out);

        CsvTable table = CsvReader.parse(new StringReader("a,b,c\n" + out), "t", "t.csv");

        assertThat(table.rows()).containsExactlyElementsOf(ROWS);
    }
}
