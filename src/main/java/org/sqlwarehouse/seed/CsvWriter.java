package org.sqlwarehouse.seed;

import de.siegmar.fastcsv.writer.LineDelimiter;
import de.siegmar.fastcsv.writer.QuoteStrategy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;

/**
 * Writes seed rows as CSV for PostgreSQL's {@code COPY ... with (format csv)}, with FastCSV's
 * writer. A null cell is written empty and unquoted (COPY reads NULL); every other cell is
 * quoted, so an empty string stays empty and a cell holding {@code \.} is not read as the end of
 * the data.
 */
public final class CsvWriter {
    /** Quote every value and the empty string, never null. */
    private static final QuoteStrategy QUOTE_ALL_BUT_NULL = new QuoteStrategy() {
        @Override
        public boolean quoteEmpty(int lineNo, int fieldIdx) {
            return true;
        }

        @Override
        public boolean quoteValue(int lineNo, int fieldIdx, String value) {
            return true;
        }
    };
    /** Only read by {@code build}, so one instance serves every thread. */
    private static final de.siegmar.fastcsv.writer.CsvWriter.CsvWriterBuilder BUILDER =
            de.siegmar.fastcsv.writer.CsvWriter.builder()
                    .fieldSeparator(',')
                    .quoteCharacter('"')
                    .quoteStrategy(QUOTE_ALL_BUT_NULL)
                    .lineDelimiter(LineDelimiter.LF);

    private CsvWriter() {
    }

    /** Writes the rows to {@code out}, which is flushed but not closed. */
    public static void write(List<String[]> rows, Writer out) throws IOException {
        de.siegmar.fastcsv.writer.CsvWriter csv = BUILDER.build(out); // not closed: that would close out
        try {
            for (String[] row : rows) {
                csv.writeRecord(row);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        csv.flush();
    }
}
