package org.sqlwarehouse.seed;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads seed CSV files (RFC 4180). Hand-written char-level parser: seeds can be large and a regex
 * or split per line would be both slower and wrong for quoted newlines.
 *
 * <p>Rules: comma separated; a field starting with {@code "} is quoted, {@code ""} inside it is
 * one quote, and it may contain commas, CR and LF. Lines end with LF, CRLF or a lone CR; the last
 * line end is optional. A leading UTF-8 BOM is skipped. The first row is the header. An unquoted
 * empty cell is null, a quoted empty cell is the empty string. Blank lines at the end of the file
 * are ignored; a blank line elsewhere is a row with one null cell (an error unless the header has
 * a single column). Cells are not trimmed. A quote inside an unquoted field, or text after a
 * closing quote, is an error rather than being guessed at. Line numbers are physical lines, so a
 * quoted newline counts.
 */
public final class CsvReader {
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
        return new Parser(reader, displayName == null ? name : displayName).parse(name);
    }

    private static final class Parser {
        private static final int EOF = -1;

        private final Reader in;
        private final String file;
        private final char[] buf = new char[64 * 1024];
        private int pos;
        private int lim;

        /** Current physical line, 1-based. */
        private int line = 1;
        private int rowStartLine;

        private char[] field = new char[128];
        private int fieldLength;
        private String[] cells = new String[16];
        private int cellCount;

        Parser(Reader in, String file) {
            this.in = in;
            this.file = file;
        }

        CsvTable parse(String name) throws IOException, SeedFormatException {
            if (peek() == '\uFEFF') {
                pos++;
            }
            if (!readRow()) {
                throw error(1, "empty file; expected a header row");
            }
            List<String> header = checkHeader();
            int width = header.size();

            List<String[]> rows = new ArrayList<>();
            int pendingBlank = 0; // blank lines are dropped only if nothing follows them
            int firstBlankLine = 0;
            while (readRow()) {
                if (cellCount == 1 && cells[0] == null) {
                    if (pendingBlank++ == 0) {
                        firstBlankLine = rowStartLine;
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
                if (cellCount != width) {
                    throw error(rowStartLine, "expected " + width + " cells as in the header, found " + cellCount);
                }
                rows.add(Arrays.copyOf(cells, cellCount));
            }
            return new CsvTable(name, header, rows);
        }

        private List<String> checkHeader() throws SeedFormatException {
            List<String> header = new ArrayList<>(cellCount);
            // Case-insensitive: databases fold unquoted identifiers and column_types matches ignoring case.
            Map<String, Integer> seen = new HashMap<>();
            for (int i = 0; i < cellCount; i++) {
                String column = cells[i];
                if (column == null || column.isBlank()) {
                    throw error(rowStartLine, "header has an empty column name (column " + (i + 1) + ")");
                }
                Integer previous = seen.putIfAbsent(column.toLowerCase(Locale.ROOT), i);
                if (previous != null) {
                    throw error(rowStartLine, "duplicate column name \"" + column + "\" in the header (columns "
                            + (previous + 1) + " and " + (i + 1) + ")");
                }
                header.add(column);
            }
            return header;
        }

        /** Reads one row into {@code cells}; false at end of input before any character of a row. */
        private boolean readRow() throws IOException, SeedFormatException {
            rowStartLine = line;
            cellCount = 0;
            int c = next();
            if (c == EOF) {
                return false;
            }
            while (true) {
                fieldLength = 0;
                if (c == '"') {
                    c = readQuotedRest();
                    addCell(new String(field, 0, fieldLength));
                    if (c != ',' && c != '\n' && c != '\r' && c != EOF) {
                        throw error(line, "unexpected " + describe(c) + " after closing quote in cell "
                                + cellCount + "; a quoted cell must end at a comma or line end");
                    }
                } else if (c == ',' || c == '\n' || c == '\r' || c == EOF) {
                    addCell(null);
                } else {
                    // Fast path: the cell lies inside the buffer, so make the String straight from it.
                    int start = pos - 1;
                    char[] b = buf;
                    int p = pos;
                    int end = lim;
                    while (p < end) {
                        char ch = b[p];
                        if (ch == ',' || ch == '\n' || ch == '\r' || ch == '"') {
                            break;
                        }
                        p++;
                    }
                    pos = p;
                    if (p < end && b[p] != '"') {
                        addCell(new String(b, start, p - start));
                        c = b[pos++];
                    } else {
                        // Crosses the buffer end, or holds a stray quote: go char by char.
                        appendRange(b, start, p - start);
                        c = next();
                        while (c != ',' && c != '\n' && c != '\r' && c != EOF) {
                            if (c == '"') {
                                throw error(line, "quote inside unquoted cell " + (cellCount + 1)
                                        + "; quote the whole cell and double the inner quotes (\"\")");
                            }
                            append((char) c);
                            c = next();
                        }
                        addCell(new String(field, 0, fieldLength));
                    }
                }
                if (c == ',') {
                    c = next();
                    continue;
                }
                endLine(c);
                return true;
            }
        }

        /** Reads a quoted field after its opening quote; returns the character after the closing quote. */
        private int readQuotedRest() throws IOException, SeedFormatException {
            int openLine = line;
            while (true) {
                // Copy the run up to the next quote or line break in one go.
                char[] b = buf;
                int p = pos;
                int end = lim;
                while (p < end) {
                    char ch = b[p];
                    if (ch == '"' || ch == '\n' || ch == '\r') {
                        break;
                    }
                    p++;
                }
                appendRange(b, pos, p - pos);
                pos = p;
                int c = next();
                if (c == '"') {
                    c = next();
                    if (c != '"') {
                        return c;
                    }
                    append('"');
                } else if (c == EOF) {
                    throw error(openLine, "unterminated quoted field");
                } else {
                    append((char) c);
                    if (c == '\n') {
                        line++;
                    } else if (c == '\r') {
                        if (peek() == '\n') {
                            append((char) next());
                        }
                        line++;
                    }
                }
            }
        }

        private void endLine(int c) throws IOException, SeedFormatException {
            if (c == '\r') {
                if (peek() == '\n') {
                    pos++;
                }
                line++;
            } else if (c == '\n') {
                line++;
            }
        }

        private void append(char c) {
            if (fieldLength == field.length) {
                field = Arrays.copyOf(field, field.length * 2);
            }
            field[fieldLength++] = c;
        }

        private void appendRange(char[] src, int from, int length) {
            if (fieldLength + length > field.length) {
                field = Arrays.copyOf(field, Math.max(field.length * 2, fieldLength + length));
            }
            System.arraycopy(src, from, field, fieldLength, length);
            fieldLength += length;
        }

        private void addCell(String value) {
            if (cellCount == cells.length) {
                cells = Arrays.copyOf(cells, cells.length * 2);
            }
            cells[cellCount++] = value;
        }

        private int next() throws IOException, SeedFormatException {
            if (pos == lim && !fill()) {
                return EOF;
            }
            return buf[pos++];
        }

        private int peek() throws IOException, SeedFormatException {
            if (pos == lim && !fill()) {
                return EOF;
            }
            return buf[pos];
        }

        private boolean fill() throws IOException, SeedFormatException {
            int n;
            try {
                do {
                    n = in.read(buf, 0, buf.length);
                } while (n == 0);
            } catch (CharacterCodingException e) {
                // The decoder reads ahead, so the bad bytes may be some lines further on.
                throw error(line, "not valid UTF-8 text (the bad bytes are on this line or after it)");
            }
            if (n < 0) {
                return false;
            }
            pos = 0;
            lim = n;
            return true;
        }

        private static String describe(int c) {
            return c == ' ' ? "space" : c == '\t' ? "tab" : "character '" + (char) c + "'";
        }

        private SeedFormatException error(int atLine, String detail) {
            return new SeedFormatException(file, atLine, detail);
        }
    }
}
