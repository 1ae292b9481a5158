package org.sqlwarehouse.seed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvReaderTest {

    private static CsvTable parse(String csv) throws IOException, SeedFormatException {
        return CsvReader.parse(new StringReader(csv), "orders", "seeds/orders.csv");
    }

    private static SeedFormatException parseError(String csv) {
        return catchThrowableOfType(SeedFormatException.class, () -> parse(csv));
    }

    /** Hands out one char per read() so every buffer-boundary case is exercised. */
    private static final class OneCharReader extends Reader {
        private final String text;
        private int pos;

        OneCharReader(String text) {
            this.text = text;
        }

        @Override
        public int read(char[] cbuf, int off, int len) {
            if (pos == text.length()) {
                return -1;
            }
            cbuf[off] = text.charAt(pos++);
            return 1;
        }

        @Override
        public void close() {}
    }

    @Test
    void readsHeaderAndRows() throws Exception {
        CsvTable table = parse("id,name,amount\n1,alice,10.50\n2,bob,3\n");

        assertThat(table.name()).isEqualTo("orders");
        assertThat(table.header()).containsExactly("id", "name", "amount");
        assertThat(table.rows()).hasSize(2);
        assertThat(table.rows().get(0)).containsExactly("1", "alice", "10.50");
        assertThat(table.rows().get(1)).containsExactly("2", "bob", "3");
    }

    @Test
    void quotedCellsHoldCommasQuotesAndNewlines() throws Exception {
        CsvTable table = parse("id,text\n"
                + "1,\"a, b\"\n"
                + "2,\"she said \"\"hi\"\"\"\n"
                + "3,\"line one\nline two\"\n"
                + "4,\"crlf\r\ninside\"\n"
                + "5,\"\"\"\"\n");

        assertThat(table.rows()).extracting(r -> r[1]).containsExactly(
                "a, b", "she said \"hi\"", "line one\nline two", "crlf\r\ninside", "\"");
        assertThat(table.rows()).extracting(r -> r[0]).containsExactly("1", "2", "3", "4", "5");
    }

    @Test
    void quotedHeaderNamesAreUnquoted() throws Exception {
        CsvTable table = parse("\"id\",\"full, name\"\n1,x\n");

        assertThat(table.header()).containsExactly("id", "full, name");
    }

    @Test
    void crlfLineEnds() throws Exception {
        CsvTable table = parse("id,name\r\n1,a\r\n2,b\r\n");

        assertThat(table.header()).containsExactly("id", "name");
        assertThat(table.rows()).hasSize(2);
        assertThat(table.rows().get(0)).containsExactly("1", "a");
        assertThat(table.rows().get(1)).containsExactly("2", "b");
    }

    @Test
    void loneCrLineEnds() throws Exception {
        CsvTable table = parse("id,name\r1,a\r2,b");

        assertThat(table.rows()).hasSize(2);
        assertThat(table.rows().get(1)).containsExactly("2", "b");
    }

    @Test
    void utf8BomIsSkipped() throws Exception {
        CsvTable table = parse("\uFEFFid,name\n1,é\n");

        assertThat(table.header()).containsExactly("id", "name");
        assertThat(table.header().get(0)).hasSize(2);
        assertThat(table.rows().get(0)).containsExactly("1", "é");
    }

    @Test
    void bomOnlyInFirstPositionIsSpecial() throws Exception {
        CsvTable table = parse("id,name\n1,\uFEFFx\n");

        assertThat(table.rows().get(0)[1]).isEqualTo("\uFEFFx");
    }

    @Test
    void trailingNewlineIsOptional() throws Exception {
        CsvTable with = parse("a,b\n1,2\n3,4\n");
        CsvTable without = parse("a,b\n1,2\n3,4");

        assertThat(without.rows()).hasSize(2);
        assertThat(without.rows().get(1)).containsExactly("3", "4");
        assertThat(with.rows()).hasSize(2);
        assertThat(with.rows().get(1)).containsExactly("3", "4");
    }

    @Test
    void unquotedEmptyCellIsNullAndQuotedEmptyCellIsEmptyString() throws Exception {
        CsvTable table = parse("a,b,c\n,\"\",x\nx,,\n\"\",,\"\"");

        assertThat(table.rows().get(0)).containsExactly(null, "", "x");
        assertThat(table.rows().get(1)).containsExactly("x", null, null);
        assertThat(table.rows().get(2)).containsExactly("", null, "");
    }

    @Test
    void cellsAreNotTrimmed() throws Exception {
        CsvTable table = parse("a,b\n 1 ,\t\n");

        assertThat(table.rows().get(0)).containsExactly(" 1 ", "\t");
    }

    @Test
    void blankLastLineIsIgnored() throws Exception {
        assertThat(parse("a,b\n1,2\n\n").rows()).hasSize(1);
        assertThat(parse("a,b\r\n1,2\r\n\r\n").rows()).hasSize(1);
        assertThat(parse("a,b\n1,2\n\n\n\n").rows()).hasSize(1);
    }

    @Test
    void headerOnlyGivesNoRows() throws Exception {
        CsvTable table = parse("a,b\n");

        assertThat(table.header()).containsExactly("a", "b");
        assertThat(table.rows()).isEmpty();
    }

    @Test
    void blankLineInTheMiddleIsAnErrorForSeveralColumns() {
        SeedFormatException e = parseError("a,b\n1,2\n\n3,4\n");

        assertThat(e.getLine()).isEqualTo(3);
        assertThat(e).hasMessage("seeds/orders.csv line 3: blank line; expected 2 cells as in the header");
    }

    @Test
    void blankLineInTheMiddleIsANullCellForOneColumn() throws Exception {
        CsvTable table = parse("code\nA\n\nB\n\n");

        assertThat(table.rows()).extracting(r -> r[0]).containsExactly("A", null, "B");
    }

    @Test
    void tooManyCellsNamesTheLine() {
        SeedFormatException e = parseError("a,b\n1,2\n3,4,5\n6,7\n");

        assertThat(e.getLine()).isEqualTo(3);
        assertThat(e.getFile()).isEqualTo("seeds/orders.csv");
        assertThat(e).hasMessage("seeds/orders.csv line 3: expected 2 cells as in the header, found 3");
    }

    @Test
    void tooFewCellsNamesTheLine() {
        SeedFormatException e = parseError("a,b,c\r\n1,2,3\r\n4,5\r\n");

        assertThat(e.getLine()).isEqualTo(3);
        assertThat(e.getDetail()).isEqualTo("expected 3 cells as in the header, found 2");
    }

    @Test
    void raggedRowLineCountsPhysicalLinesInsideQuotes() {
        // Row 1 spans lines 2-4; the bad row starts on line 5, not "row 2" or line 3.
        SeedFormatException e = parseError("a,b\n1,\"x\ny\r\nz\"\n2\n");

        assertThat(e.getLine()).isEqualTo(5);
    }

    @Test
    void raggedRowSpanningLinesIsReportedWhereItStarts() {
        SeedFormatException e = parseError("a,b\n1,2\n3,\"multi\nline\",extra\n");

        assertThat(e.getLine()).isEqualTo(3);
        assertThat(e.getDetail()).isEqualTo("expected 2 cells as in the header, found 3");
    }

    @Test
    void unterminatedQuoteNamesTheLineWhereItOpened() {
        SeedFormatException e = parseError("a,b\n1,2\n3,\"never closed\n4,5\n6,7\n");

        assertThat(e.getLine()).isEqualTo(3);
        assertThat(e).hasMessage("seeds/orders.csv line 3: unterminated quoted field");
    }

    @Test
    void unterminatedQuoteInHeader() {
        SeedFormatException e = parseError("\"a,b\n");

        assertThat(e).hasMessage("seeds/orders.csv line 1: unterminated quoted field");
    }

    @Test
    void quoteInsideUnquotedCellIsKeptAsDbtReadsIt() throws Exception {
        // Python's csv module, which dbt reads seeds with, keeps it as written
        CsvTable table = parse("a,b\n1,2\n3,5'10\"\n");

        assertThat(table.rows().get(1)).containsExactly("3", "5'10\"");
    }

    @Test
    void textAfterClosingQuoteIsAnError() {
        SeedFormatException e = parseError("a,b\n1,\"x\"y\n");

        assertThat(e.getLine()).isEqualTo(2);
        assertThat(e.getDetail()).startsWith("unexpected character 'y' after closing quote in cell 2");
    }

    @Test
    void duplicateHeaderIsAnError() {
        SeedFormatException e = parseError("id,name,id\n1,a,2\n");

        assertThat(e.getLine()).isEqualTo(1);
        assertThat(e).hasMessage(
                "seeds/orders.csv line 1: duplicate column name \"id\" in the header (columns 1 and 3)");
    }

    @Test
    void duplicateHeaderIgnoresCase() {
        // column_types matches ignoring case, and databases fold unquoted names.
        SeedFormatException e = parseError("Id,name,ID\n1,a,2\n");

        assertThat(e.getDetail()).isEqualTo("duplicate column name \"ID\" in the header (columns 1 and 3)");
    }

    @Test
    void emptyHeaderNameIsAnError() {
        assertThat(parseError("id,,name\n").getDetail())
                .isEqualTo("header has an empty column name (column 2)");
        assertThat(parseError("id,\"\"\n").getDetail())
                .isEqualTo("header has an empty column name (column 2)");
        assertThat(parseError("id, \n").getDetail())
                .isEqualTo("header has an empty column name (column 2)");
        assertThat(parseError("\nid\n").getDetail())
                .isEqualTo("header has an empty column name (column 1)");
    }

    @Test
    void emptyFileIsAnError() {
        assertThat(parseError("")).hasMessage("seeds/orders.csv line 1: empty file; expected a header row");
        assertThat(parseError("\uFEFF").getLine()).isEqualTo(1);
    }

    @Test
    void nullDisplayNameFallsBackToName() {
        SeedFormatException e = catchThrowableOfType(SeedFormatException.class,
                () -> CsvReader.parse(new StringReader("a\n\"x"), "orders", null));

        assertThat(e).hasMessage("orders line 2: unterminated quoted field");
    }

    @Test
    void singleCharReadsGiveTheSameResult() throws Exception {
        String csv = "\uFEFFid,text\r\n1,\"a,\"\"b\"\"\r\nc\"\r\n2,\r\n3,\"\"\r\n\r\n";

        CsvTable table = CsvReader.parse(new OneCharReader(csv), "t", "t.csv");

        assertThat(table.header()).containsExactly("id", "text");
        assertThat(table.rows()).hasSize(3);
        assertThat(table.rows().get(0)).containsExactly("1", "a,\"b\"\r\nc");
        assertThat(table.rows().get(1)).containsExactly("2", null);
        assertThat(table.rows().get(2)).containsExactly("3", "");
    }

    @Test
    void singleCharReadsCountLinesAcrossCrlf() {
        SeedFormatException e = catchThrowableOfType(SeedFormatException.class,
                () -> CsvReader.parse(new OneCharReader("a,b\r\n\"1\r\n\",2\r\n3\r\n"), "t", "t.csv"));

        assertThat(e.getLine()).isEqualTo(4);
    }

    @Test
    void cellsLongerThanTheReadBufferSurvive() throws Exception {
        String big = "x".repeat(200_000);
        String quotedBig = "y\n".repeat(70_000);

        CsvTable table = parse("a,b\n" + big + ",\"" + quotedBig + "\"\n1,2\n");

        assertThat(table.rows()).hasSize(2);
        assertThat(table.rows().get(0)[0]).isEqualTo(big);
        assertThat(table.rows().get(0)[1]).isEqualTo(quotedBig);
        assertThat(table.rows().get(1)).containsExactly("1", "2");
    }

    @Test
    void manyColumns() throws Exception {
        StringBuilder header = new StringBuilder();
        StringBuilder row = new StringBuilder();
        for (int i = 0; i < 100; i++) {
            header.append(i == 0 ? "" : ",").append("c").append(i);
            row.append(i == 0 ? "" : ",").append(i);
        }

        CsvTable table = parse(header + "\n" + row + "\n");

        assertThat(table.header()).hasSize(100).endsWith("c99");
        assertThat(table.rows().get(0)).hasSize(100).endsWith("99");
    }

    @Test
    void readTakesNameFromFileAndDecodesUtf8(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("country_codes.csv");
        Files.write(file, "\uFEFFcode,name\nDE,Deutschland\nCH,Zürich ✓\n".getBytes(StandardCharsets.UTF_8));

        CsvTable table = CsvReader.read(file, "seeds/country_codes.csv");

        assertThat(table.name()).isEqualTo("country_codes");
        assertThat(table.header()).containsExactly("code", "name");
        assertThat(table.rows().get(1)).containsExactly("CH", "Zürich ✓");
    }

    @Test
    void readStripsUpperCaseExtension(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("Orders.CSV");
        Files.writeString(file, "a\n1\n");

        assertThat(CsvReader.read(file, null).name()).isEqualTo("Orders");
    }

    @Test
    void readReportsTheDisplayName(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("orders.csv");
        Files.writeString(file, "a,b\n1,2\n3\n");

        SeedFormatException e = catchThrowableOfType(SeedFormatException.class,
                () -> CsvReader.read(file, "seeds/orders.csv"));

        assertThat(e).hasMessage("seeds/orders.csv line 3: expected 2 cells as in the header, found 1");
    }

    @Test
    void readRejectsInvalidUtf8(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bad.csv");
        Files.write(file, new byte[] {'a', '\n', 'x', (byte) 0xC3, (byte) 0x28, '\n'});

        SeedFormatException e = catchThrowableOfType(SeedFormatException.class,
                () -> CsvReader.read(file, "seeds/bad.csv"));

        assertThat(e.getMessage()).startsWith("seeds/bad.csv line ").contains("not valid UTF-8");
    }

    @Test
    void rowsAreUnmodifiable() throws Exception {
        List<String[]> rows = parse("a\n1\n").rows();

        assertThat(catchThrowableOfType(UnsupportedOperationException.class, () -> rows.add(new String[1])))
                .isNotNull();
    }
}
