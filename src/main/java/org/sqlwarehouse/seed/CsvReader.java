package org.sqlwarehouse.seed;

import de.siegmar.fastcsv.reader.CsvCallbackHandler;
import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.RecordType;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads seed CSV files (RFC 4180) with FastCSV's strict parser.
 *
 * <p>Rules: comma separated; a field starting with {@code "} is quoted, {@code ""} inside it is
 * one quote, and it may contain commas, CR and LF. Lines end with LF, CRLF or a lone CR; the last
 * line end is optional. A leading UTF-8 BOM is skipped. The first row is the header. An unquoted
 * empty cell is null, a quoted empty cell is the empty string. Blank lines at the end of the file
 * are ignored; a blank line elsewhere is a row with one null cell (an error unless the header has
 * a single column). Cells are not trimmed. A quote inside an unquoted cell is kept as it is, as
 * dbt (Python's csv module) reads it; text after a closing quote is an error. Line numbers are
 * physical lines, so a quoted newline counts.
 */
public final class CsvReader {
    /**
     * Strict RFC 4180: no comments, blank lines reported (the rules above decide), no field count
     * check (done here, with our messages), no text after a closing quote, no unclosed quote at the
     * end. The builder is only read by {@code build}, so one instance serves every thread.
     */
    private static final de.siegmar.fastcsv.reader.CsvReader.CsvReaderBuilder BUILDER =
            de.siegmar.fastcsv.reader.CsvReader.builder()
                    .fieldSeparator(',')
                    .quoteCharacter('"')
                    .commentStrategy(de.siegmar.fastcsv.reader.CommentStrategy.NONE)
                    .skipEmptyLines(false)
                    .allowExtraFields(true)
                    .allowMissingFields(true)
                    .allowUnclosedQuote(false);
    /** FastCSV's text for a character after a closing quote; the message names the character first. */
    private static final Pattern UNEXPECTED =
            Pattern.compile("^Unexpected character after closing quote: '(.)'", Pattern.DOTALL);
    /** The row a blank line gives: one null cell. Compared by identity. */
    private static final String[] BLANK = new String[1];

    private CsvReader() {}

    /**
     * Reads a UTF-8 CSV file.
     *
     * @param file the file
     * @param displayName how to name the file in error messages, e.g. {@code seeds/orders.csv};
     *     null for the path itself
     */
    public static CsvTable read(Path file, String displayName) throws IOException, SeedFormatException {
        String fileName = file.getFileName().toString();
        String name = fileName.regionMatches(true, fileName.length() - 4, ".csv", 0, 4)
                ? fileName.substring(0, fileName.length() - 4)
                : fileName;
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parse(reader, name, displayName == null ? file.toString() : displayName);
        }
    }

    /**
     * Parses CSV text. The reader is read to its end but not closed.
     *
     * @param name the seed name
     * @param displayName how to name the source in error messages; null for {@code name}
     */
    public static CsvTable parse(Reader reader, String name, String displayName)
            throws IOException, SeedFormatException {
        return new Rows(reader, displayName == null ? name : displayName).table(name);
    }

    /** Reads FastCSV's records row by row, keeping the physical line each row starts on. */
    private static final class Rows {
        private final Reader in;
        private final String file;
        private final Cells cells = new Cells();

        Rows(Reader in, String file) {
            this.in = in;
            this.file = file;
        }

        CsvTable table(String name) throws IOException, SeedFormatException {
            try {
                return read(name);
            } catch (UncheckedIOException e) {
                // FastCSV wraps the reader's exceptions
                if (e.getCause() instanceof CharacterCodingException) {
                    throw notUtf8();
                }
                throw e.getCause();
            } catch (CharacterCodingException e) {
                throw notUtf8(); // from the BOM check, the first read
            } catch (CsvParseException e) {
                throw translate(e);
            }
        }

        private SeedFormatException notUtf8() {
            // the decoder reads ahead, so the bad bytes may be some lines further on
            return error(cells.line, "not valid UTF-8 text (the bad bytes are on this line or after it)");
        }

        private CsvTable read(String name) throws IOException, SeedFormatException {
            // FastCSV only detects a BOM on streams and files; mark/reset rather than a
            // PushbackReader, whose locked reads cost a third of the parse
            Reader reader = in.markSupported() ? in : new BufferedReader(in);
            reader.mark(1);
            if (reader.read() != '\uFEFF') {
                reader.reset();
            }
            // not closed: that would close the caller's reader
            Iterator<String[]> records = BUILDER.build(cells, reader).iterator();
            if (!records.hasNext()) {
                throw error(1, "empty file; expected a header row");
            }
            List<String> header = checkHeader(records.next());
            int width = header.size();
            List<String[]> rows = new ArrayList<>();
            int pendingBlank = 0; // blank lines are dropped only if nothing follows them
            int firstBlankLine = 0;
            while (records.hasNext()) {
                String[] row = records.next();
                if (row == BLANK) {
                    if (pendingBlank++ == 0) {
                        firstBlankLine = cells.line;
                    }
                    continue;
                }
                if (pendingBlank > 0) {
                    if (width != 1) {
                        throw error(firstBlankLine, "blank line; expected " + width + " cells as in the header");
                    }
                    for (int i = 0; i < pendingBlank; i++) {
                        rows.add(new String[1]);
                    }
                    pendingBlank = 0;
                }
                if (row.length != width) {
                    throw error(cells.line, "expected " + width + " cells as in the header, found " + row.length);
                }
                rows.add(row);
            }
            return new CsvTable(name, header, rows);
        }

        private SeedFormatException translate(CsvParseException e) {
            String message = e.getMessage() == null ? "" : e.getMessage();
            if (message.startsWith("Unclosed quoted field")) {
                return error(cells.line, "unterminated quoted field");
            }
            Matcher unexpected = UNEXPECTED.matcher(message);
            if (unexpected.find()) {
                String c = unexpected.group(1);
                String what = c.equals(" ") ? "space" : c.equals("\t") ? "tab" : "character '" + c + "'";
                return error(cells.line, "unexpected " + what + " after closing quote in cell " + (cells.count + 1)
                        + "; a quoted cell must end at a comma or line end");
            }
            int nl = message.indexOf('\n');
            return error(cells.line, "malformed CSV: " + (nl < 0 ? message : message.substring(0, nl)));
        }

        private List<String> checkHeader(String[] cells) throws SeedFormatException {
            List<String> header = new ArrayList<>(cells.length);
            // Case-insensitive: databases fold unquoted identifiers and column_types matches ignoring case.
            Map<String, Integer> seen = new HashMap<>();
            for (int i = 0; i < cells.length; i++) {
                String column = cells[i];
                if (column == null || column.isBlank()) {
                    throw error(1, "header has an empty column name (column " + (i + 1) + ")");
                }
                Integer previous = seen.putIfAbsent(column.toLowerCase(Locale.ROOT), i);
                if (previous != null) {
                    throw error(1, "duplicate column name \"" + column + "\" in the header (columns "
                            + (previous + 1) + " and " + (i + 1) + ")");
                }
                header.add(column);
            }
            return header;
        }

        private SeedFormatException error(int atLine, String detail) {
            return new SeedFormatException(file, atLine, detail);
        }
    }

    /**
     * Builds each record as a {@code String[]}: an unquoted empty cell is null, a quoted one the
     * empty string, a blank line {@link #BLANK}. Keeps the line the record starts on and how many
     * cells it has so far, for error messages.
     */
    private static final class Cells extends CsvCallbackHandler<String[]> {
        /** The physical line the current record starts on, 1-based. */
        int line = 1;
        /** Cells of the current record so far. */
        int count;
        private String[] fields = new String[32];
        private boolean blank;

        @Override
        protected RecordType getRecordType() {
            return blank ? RecordType.EMPTY : RecordType.DATA;
        }

        @Override
        protected int getFieldCount() {
            return blank ? 1 : count;
        }

        @Override
        protected void beginRecord(long startingLineNumber) {
            line = (int) startingLineNumber;
            count = 0;
            blank = false;
        }

        @Override
        protected void addField(char[] buf, int offset, int len, boolean quoted) {
            if (count == fields.length) {
                fields = Arrays.copyOf(fields, count * 2);
            }
            fields[count++] = len == 0 && !quoted ? null : new String(buf, offset, len);
        }

        @Override
        protected void setComment(char[] buf, int offset, int len) {
            throw new IllegalStateException("comments are not enabled");
        }

        @Override
        protected void setEmpty() {
            blank = true;
        }

        @Override
        protected String[] buildRecord() {
            return blank ? BLANK : Arrays.copyOf(fields, count);
        }
    }
}
