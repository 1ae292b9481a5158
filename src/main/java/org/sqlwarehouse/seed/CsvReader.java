package org.sqlwarehouse.seed;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads seed CSV files (RFC 4180) with Jackson's CSV parser.
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
    private static final CsvFactory FACTORY = new CsvFactory();
    /** No header (the first row is read as one), RFC 4180 quoting, no escape character. */
    private static final CsvSchema SCHEMA = CsvSchema.emptySchema().withoutHeader().withColumnSeparator(',')
            .withQuoteChar('"').withoutEscapeChar();
    private static final Pattern UNEXPECTED = Pattern.compile("^Unexpected character \\('(.+?)' \\(code");

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

    /** Walks Jackson's tokens row by row, keeping the physical line each row starts on. */
    private static final class Rows {
        private final Reader in;
        private final String file;
        /** The physical line the current row starts on, 1-based. */
        private int line = 1;
        /** The physical line the next row starts on. */
        private int nextLine = 1;
        private final List<String> cells = new ArrayList<>();

        Rows(Reader in, String file) {
            this.in = in;
            this.file = file;
        }

        CsvTable table(String name) throws IOException, SeedFormatException {
            try {
                return read(name);
            } catch (CharacterCodingException e) {
                // the decoder reads ahead, so the bad bytes may be some lines further on
                throw error(line, "not valid UTF-8 text (the bad bytes are on this line or after it)");
            }
        }

        private CsvTable read(String name) throws IOException, SeedFormatException {
            // Jackson keeps a BOM as part of the first cell; mark/reset rather than a PushbackReader,
            // whose locked reads cost a third of the parse
            Reader reader = in.markSupported() ? in : new BufferedReader(in);
            reader.mark(1);
            if (reader.read() != '\uFEFF') {
                reader.reset();
            }
            try (CsvParser parser = FACTORY.createParser(reader)) {
                parser.setSchema(SCHEMA);
                parser.enable(CsvParser.Feature.WRAP_AS_ARRAY);
                parser.enable(CsvParser.Feature.EMPTY_UNQUOTED_STRING_AS_NULL);
                parser.nextToken(); // the array that holds the rows
                if (!nextRow(parser)) {
                    throw error(1, "empty file; expected a header row");
                }
                List<String> header = checkHeader();
                int width = header.size();
                List<String[]> rows = new ArrayList<>();
                int pendingBlank = 0; // blank lines are dropped only if nothing follows them
                int firstBlankLine = 0;
                while (nextRow(parser)) {
                    if (cells.size() == 1 && cells.get(0) == null) {
                        if (pendingBlank++ == 0) {
                            firstBlankLine = line;
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
                    if (cells.size() != width) {
                        throw error(line, "expected " + width + " cells as in the header, found " + cells.size());
                    }
                    rows.add(cells.toArray(new String[0]));
                }
                return new CsvTable(name, header, rows);
            }
        }

        /** Reads the next row into {@code cells}, moving {@code line} to where it starts; false at the end. */
        private boolean nextRow(CsvParser parser) throws IOException, SeedFormatException {
            line = nextLine;
            cells.clear();
            try {
                JsonToken token = parser.nextToken();
                if (token != JsonToken.START_ARRAY) {
                    return false; // the end of the array of rows
                }
                while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
                    cells.add(token == JsonToken.VALUE_NULL ? null : parser.getText());
                }
                nextLine = line + 1 + lineBreaks();
                return true;
            } catch (JsonProcessingException e) {
                throw translate(e);
            }
        }

        /** Line breaks inside the current row's quoted cells: CRLF, a lone CR and LF count one each. */
        private int lineBreaks() {
            int breaks = 0;
            for (String cell : cells) {
                // indexOf is vectorised: most cells hold no line break and cost one quick scan
                if (cell == null || cell.indexOf('\n') < 0 && cell.indexOf('\r') < 0) {
                    continue;
                }
                for (int i = 0; i < cell.length(); i++) {
                    char c = cell.charAt(i);
                    if (c == '\n' || c == '\r' && (i + 1 == cell.length() || cell.charAt(i + 1) != '\n')) {
                        breaks++;
                    }
                }
            }
            return breaks;
        }

        private SeedFormatException translate(JsonProcessingException e) {
            String message = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
            if (message.startsWith("Missing closing quote")) {
                return error(line, "unterminated quoted field");
            }
            Matcher unexpected = UNEXPECTED.matcher(message);
            if (unexpected.find()) {
                String c = unexpected.group(1);
                String what = c.equals(" ") ? "space" : c.equals("\\t") || c.equals("\t") ? "tab"
                        : "character '" + c + "'";
                return error(line, "unexpected " + what + " after closing quote in cell " + (cells.size() + 1)
                        + "; a quoted cell must end at a comma or line end");
            }
            int nl = message.indexOf('\n');
            return error(line, "malformed CSV: " + (nl < 0 ? message : message.substring(0, nl)));
        }

        private List<String> checkHeader() throws SeedFormatException {
            List<String> header = new ArrayList<>(cells.size());
            // Case-insensitive: databases fold unquoted identifiers and column_types matches ignoring case.
            Map<String, Integer> seen = new HashMap<>();
            for (int i = 0; i < cells.size(); i++) {
                String column = cells.get(i);
                if (column == null || column.isBlank()) {
                    throw error(line, "header has an empty column name (column " + (i + 1) + ")");
                }
                Integer previous = seen.putIfAbsent(column.toLowerCase(Locale.ROOT), i);
                if (previous != null) {
                    throw error(line, "duplicate column name \"" + column + "\" in the header (columns "
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
}
