package org.sqlwarehouse.seed;

import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * Writes seed rows as CSV for PostgreSQL's {@code COPY ... with (format csv)}, with Jackson's CSV
 * generator. A null cell is written empty and unquoted (COPY reads NULL); every other cell is
 * quoted, so an empty string stays empty and a cell holding {@code \.} is not read as the end of
 * the data.
 */
public final class CsvWriter {
    private static final CsvFactory FACTORY = new CsvFactory();
    private static final CsvSchema SCHEMA = CsvSchema.emptySchema().withoutHeader().withColumnSeparator(',')
            .withQuoteChar('"').withoutEscapeChar().withLineSeparator("\n").withNullValue("");

    private CsvWriter() {
    }

    /** Writes the rows to {@code out}, which is flushed but not closed. */
    public static void write(List<String[]> rows, Writer out) throws IOException {
        try (CsvGenerator generator = FACTORY.createGenerator(out)) {
            generator.setSchema(SCHEMA);
            generator.enable(CsvGenerator.Feature.ALWAYS_QUOTE_STRINGS);
            generator.enable(CsvGenerator.Feature.ALWAYS_QUOTE_EMPTY_STRINGS);
            generator.disable(com.fasterxml.jackson.core.JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            generator.writeStartArray();
            for (String[] row : rows) {
                generator.writeStartArray();
                for (String cell : row) {
                    if (cell == null) {
                        generator.writeNull();
                    } else {
                        generator.writeString(cell);
                    }
                }
                generator.writeEndArray();
            }
            generator.writeEndArray();
        }
    }
}
