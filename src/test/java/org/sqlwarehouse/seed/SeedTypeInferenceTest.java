package org.sqlwarehouse.seed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.sqlwarehouse.seed.ColumnType.BIGINT;
import static org.sqlwarehouse.seed.ColumnType.BOOLEAN;
import static org.sqlwarehouse.seed.ColumnType.DATE;
import static org.sqlwarehouse.seed.ColumnType.DECIMAL;
import static org.sqlwarehouse.seed.ColumnType.INTEGER;
import static org.sqlwarehouse.seed.ColumnType.TEXT;
import static org.sqlwarehouse.seed.ColumnType.TIMESTAMP;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SeedTypeInferenceTest {

    /** The inferred type of a one-column seed holding these values (null for an empty cell). */
    private static ColumnType typeOf(String... values) {
        List<String[]> rows = new ArrayList<>();
        for (String v : values) {
            rows.add(new String[] {v});
        }
        CsvTable table = new CsvTable("t", List.of("c"), rows);
        List<SeedColumn> columns = SeedTypeInference.infer(table, Map.of());
        assertThat(columns).hasSize(1);
        assertThat(columns.get(0).declaredType()).isNull();
        return columns.get(0).type();
    }

    private static CsvTable csv(String text) throws Exception {
        return CsvReader.parse(new StringReader(text), "orders", "seeds/orders.csv");
    }

    // ---- integers ----

    @Test
    void smallIntegersAreInteger() {
        assertThat(typeOf("1", "-20", "300", "0", "-0")).isEqualTo(INTEGER);
    }

    @Test
    void leadingPlusIsAccepted() {
        assertThat(typeOf("+5", "6")).isEqualTo(INTEGER);
    }

    @Test
    void integerBoundaries() {
        assertThat(typeOf("2147483647")).isEqualTo(INTEGER);
        assertThat(typeOf("-2147483648")).isEqualTo(INTEGER);
        assertThat(typeOf("999999999")).isEqualTo(INTEGER);
        assertThat(typeOf("1000000000")).isEqualTo(INTEGER);
        assertThat(typeOf("2147483648")).isEqualTo(BIGINT);
        assertThat(typeOf("-2147483649")).isEqualTo(BIGINT);
        assertThat(typeOf("999999999999999999")).isEqualTo(BIGINT);
        assertThat(typeOf("9223372036854775807")).isEqualTo(BIGINT);
        assertThat(typeOf("-9223372036854775808")).isEqualTo(BIGINT);
        assertThat(typeOf("1000000000000000000")).isEqualTo(BIGINT);
        assertThat(typeOf("9223372036854775808")).isEqualTo(DECIMAL);
        assertThat(typeOf("-9223372036854775809")).isEqualTo(DECIMAL);
        assertThat(typeOf("12345678901234567890123")).isEqualTo(DECIMAL);
    }

    @Test
    void oneBigValueMakesTheColumnBigint() {
        assertThat(typeOf("1", "2", "3000000000", "4")).isEqualTo(BIGINT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"007", "00", "-007", "+01", "0123456789012", "00.5", "-00.5", "000000000000000000000"})
    void leadingZerosAreText(String code) {
        assertThat(typeOf(code)).isEqualTo(TEXT);
    }

    @Test
    void leadingZeroCodeAmongIntegersMakesTheColumnText() {
        assertThat(typeOf("10", "20", "007")).isEqualTo(TEXT);
    }

    // ---- decimals ----

    @Test
    void plainDecimalsAreDecimal() {
        assertThat(typeOf("-12.50", "3.0", "0.5", "-0.001", "+1.5")).isEqualTo(DECIMAL);
    }

    @Test
    void mixedIntegersAndDecimalsAreDecimal() {
        assertThat(typeOf("3", "-12.50", "7")).isEqualTo(DECIMAL);
        assertThat(typeOf("12.5", "3")).isEqualTo(DECIMAL);
        assertThat(typeOf("9223372036854775807", "1.5")).isEqualTo(DECIMAL);
        assertThat(typeOf("1", "99999999999999999999")).isEqualTo(DECIMAL);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1e5", "1E5", "1.5e3", "1,000", "1.2.3", ".5", "5.", "-.5", "1 000", " 12", "12 ",
        "--1", "-", "+", "NaN", "Infinity", "0x1F", "\u0661\u0662\u0663", "12abc", "$5", "5%", "１２"})
    void nonPlainNumbersAreText(String value) {
        assertThat(typeOf(value)).isEqualTo(TEXT);
    }

    // ---- booleans ----

    @Test
    void trueAndFalseInAnyCaseAreBoolean() {
        assertThat(typeOf("true", "false", "TRUE", "False", "tRuE")).isEqualTo(BOOLEAN);
    }

    @Test
    void zeroAndOneAreIntegersNotBooleans() {
        assertThat(typeOf("0", "1", "1", "0")).isEqualTo(INTEGER);
    }

    @ParameterizedTest
    @ValueSource(strings = {"yes", "no", "t", "f", "Y", "N", "on", "off", "truee", "tru", "fals", "falſe", " true"})
    void otherBooleanSpellingsAreText(String value) {
        assertThat(typeOf(value)).isEqualTo(TEXT);
        assertThat(typeOf("true", value)).isEqualTo(TEXT);
    }

    @Test
    void booleansMixedWithNumbersAreText() {
        assertThat(typeOf("true", "1")).isEqualTo(TEXT);
        assertThat(typeOf("0", "false")).isEqualTo(TEXT);
    }

    // ---- dates and timestamps ----

    @Test
    void isoDatesAreDate() {
        assertThat(typeOf("2024-01-05", "1999-12-31", "2024-02-29", "2000-02-29", "0001-01-01")).isEqualTo(DATE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2023-02-29", "1900-02-29", "2024-04-31", "2024-13-01", "2024-00-10", "2024-01-00",
        "2024-01-32", "2024-1-5", "2024/01/05", "05-01-2024", "2024-01-05 ", "2024-01-0x", "+2024-01-05"})
    void nonIsoOrImpossibleDatesAreText(String value) {
        assertThat(typeOf(value)).isEqualTo(TEXT);
    }

    @Test
    void compactDatesAreJustNumbers() {
        assertThat(typeOf("20240105")).isEqualTo(INTEGER);
    }

    @Test
    void isoTimestampsAreTimestamp() {
        assertThat(typeOf("2024-01-05 10:20:30", "2024-01-05T23:59:59", "2024-01-05 00:00:00.5",
                "2024-01-05T10:20:30.123456789")).isEqualTo(TIMESTAMP);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2024-01-05 24:00:00", "2024-01-05 10:60:00", "2024-01-05 10:00:60",
        "2024-01-05 10:20", "2024-01-05T10:20:30Z", "2024-01-05T10:20:30+01:00", "2024-01-05 10:20:30.",
        "2024-01-05 10:20:30.1234567890", "2024-01-05t10:20:30", "2024-01-05  10:20:30", "2024-02-30 10:20:30",
        "2024-01-05 1:20:30", "2024-01-05 10:20:30,5"})
    void malformedTimestampsAreText(String value) {
        assertThat(typeOf(value)).isEqualTo(TEXT);
    }

    @Test
    void datesMixedWithTimestampsAreTimestamp() {
        assertThat(typeOf("2024-01-05", "2024-01-06 08:00:00")).isEqualTo(TIMESTAMP);
        assertThat(typeOf("2024-01-06T08:00:00", "2024-01-05")).isEqualTo(TIMESTAMP);
    }

    @Test
    void datesMixedWithOtherTypesAreText() {
        assertThat(typeOf("2024-01-05", "5")).isEqualTo(TEXT);
        assertThat(typeOf("true", "2024-01-05")).isEqualTo(TEXT);
    }

    // ---- nulls and text ----

    @Test
    void allNullColumnIsText() {
        assertThat(typeOf(null, null, null)).isEqualTo(TEXT);
        assertThat(typeOf()).isEqualTo(TEXT);
    }

    @Test
    void nullsAreIgnored() {
        assertThat(typeOf(null, "1", null, "2")).isEqualTo(INTEGER);
        assertThat(typeOf(null, "true")).isEqualTo(BOOLEAN);
        assertThat(typeOf("2024-01-05", null)).isEqualTo(DATE);
    }

    @Test
    void quotedEmptyStringIsAValueAndMakesTheColumnText() {
        assertThat(typeOf("1", "", "2")).isEqualTo(TEXT);
    }

    @Test
    void wordsAreText() {
        assertThat(typeOf("alice", "bob")).isEqualTo(TEXT);
        assertThat(typeOf("1", "2", "three")).isEqualTo(TEXT);
    }

    @Test
    void infersEveryColumnOfAParsedSeed() throws Exception {
        CsvTable table = csv("id,big,amount,active,day,at,code,note,empty\n"
                + "1,3000000000,10.50,true,2024-01-05,2024-01-05 10:00:00,007,hello,\n"
                + "2,4,3,FALSE,2024-02-29,2024-01-05T10:00:00.25,042,,\n"
                + "3,,-1.25,,,,,\"a, b\",\n");

        List<SeedColumn> columns = SeedTypeInference.infer(table, null);

        assertThat(columns).containsExactly(
                new SeedColumn("id", INTEGER, null),
                new SeedColumn("big", BIGINT, null),
                new SeedColumn("amount", DECIMAL, null),
                new SeedColumn("active", BOOLEAN, null),
                new SeedColumn("day", DATE, null),
                new SeedColumn("at", TIMESTAMP, null),
                new SeedColumn("code", TEXT, null),
                new SeedColumn("note", TEXT, null),
                new SeedColumn("empty", TEXT, null));
        assertThat(columns.get(0).isDeclared()).isFalse();
    }

    @Test
    void columnsTurningTextInTheSameRowDoNotDisturbTheOthers() throws Exception {
        CsvTable table = csv("a,b,c,d,e\nx,y,1,z,true\n1,2,2.5,3,false\n");

        assertThat(SeedTypeInference.infer(table, Map.of())).extracting(SeedColumn::type)
                .containsExactly(TEXT, TEXT, DECIMAL, TEXT, BOOLEAN);
    }

    @Test
    void resultIsUnmodifiable() throws Exception {
        List<SeedColumn> columns = SeedTypeInference.infer(csv("a\n1\n"), Map.of());

        assertThatThrownBy(() -> columns.add(new SeedColumn("b", TEXT, null)))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void everyInferredValueConverts() throws Exception {
        CsvTable table = csv("i,b,d,bool,day,ts,t\n"
                + "+1,-9223372036854775808,99999999999999999999,True,2024-02-29,2024-01-05,007\n"
                + "-2147483648,1,-0.5,false,2024-03-01,2024-01-05 01:02:03.4,x\n");
        List<SeedColumn> columns = SeedTypeInference.infer(table, Map.of());
        assertThat(columns).extracting(SeedColumn::type)
                .containsExactly(INTEGER, BIGINT, DECIMAL, BOOLEAN, DATE, TIMESTAMP, TEXT);

        for (String[] row : table.rows()) {
            for (int c = 0; c < row.length; c++) {
                Object value = SeedTypeInference.convert(row[c], columns.get(c).type());
                assertThat(value).as("column %s value %s", c, row[c]).isNotNull();
            }
        }
    }

    // ---- overrides ----

    @Test
    void overrideSetsTypeAndKeepsTheDeclaredSqlType() throws Exception {
        CsvTable table = csv("id,zip,amount\n1,02134,5\n2,10001,6\n");

        List<SeedColumn> columns = SeedTypeInference.infer(table, Map.of("zip", "varchar(5)", "amount", "numeric(10,2)"));

        assertThat(columns).containsExactly(
                new SeedColumn("id", INTEGER, null),
                new SeedColumn("zip", TEXT, "varchar(5)"),
                new SeedColumn("amount", DECIMAL, "numeric(10,2)"));
        assertThat(columns.get(1).isDeclared()).isTrue();
    }

    @Test
    void overrideMatchesColumnIgnoringCase() throws Exception {
        CsvTable table = csv("Customer_ID,Name\n1,a\n");

        List<SeedColumn> columns = SeedTypeInference.infer(table, Map.of("customer_id", "BIGINT", "NAME", "text"));

        assertThat(columns).containsExactly(
                new SeedColumn("Customer_ID", BIGINT, "BIGINT"),
                new SeedColumn("Name", TEXT, "text"));
    }

    @Test
    void overrideWinsOverTheData() throws Exception {
        CsvTable table = csv("flag\nyes\n");

        assertThat(SeedTypeInference.infer(table, Map.of("flag", "boolean")))
                .containsExactly(new SeedColumn("flag", BOOLEAN, "boolean"));
    }

    @Test
    void overrideOfUnknownColumnListsTheColumns() throws Exception {
        CsvTable table = csv("id,name\n1,a\n");

        assertThatThrownBy(() -> SeedTypeInference.infer(table, Map.of("nmae", "text")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("column_types of seed orders names column 'nmae', which is not in the CSV header;"
                        + " its columns are: id, name");
    }

    @Test
    void overrideNamingOneColumnTwiceIsAnError() throws Exception {
        CsvTable table = csv("id,name\n1,a\n");
        Map<String, String> overrides = new LinkedHashMap<>();
        overrides.put("ID", "int");
        overrides.put("id", "bigint");

        assertThatThrownBy(() -> SeedTypeInference.infer(table, overrides))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("column_types of seed orders names column 'id' twice (as 'ID' and 'id')");
    }

    @Test
    void overrideWithBlankTypeIsAnError() throws Exception {
        CsvTable table = csv("id\n1\n");
        Map<String, String> overrides = new LinkedHashMap<>();
        overrides.put("id", " ");

        assertThatThrownBy(() -> SeedTypeInference.infer(table, overrides))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("gives column 'id' no type");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "int|INTEGER", "INTEGER|INTEGER", "int4|INTEGER", "smallint|INTEGER", "int2|INTEGER",
        "bigint|BIGINT", "INT8|BIGINT",
        "decimal|DECIMAL", "decimal(10,2)|DECIMAL", "numeric|DECIMAL", "NUMERIC ( 12, 4 )|DECIMAL",
        "double|DECIMAL", "double precision|DECIMAL", "float|DECIMAL", "float8|DECIMAL", "real|DECIMAL",
        "boolean|BOOLEAN", "bool|BOOLEAN",
        "date|DATE", "DATE|DATE",
        "timestamp|TIMESTAMP", "timestamptz|TIMESTAMP", "timestamp(3)|TIMESTAMP",
        "timestamp with time zone|TIMESTAMP", "TIMESTAMP_NS|TIMESTAMP", "datetime|TIMESTAMP",
        "varchar(32)|TEXT", "text|TEXT", "character varying|TEXT", "uuid|TEXT", "json|TEXT", "int[]|TEXT",
        "interval|TEXT", "time|TEXT", "integers|TEXT", "dates|TEXT"})
    void sqlTypesMapToColumnTypes(String sqlType, ColumnType expected) {
        assertThat(SeedTypeInference.fromSqlType(sqlType)).isEqualTo(expected);
        CsvTable table = new CsvTable("t", List.of("c"), List.of());
        assertThat(SeedTypeInference.infer(table, Map.of("C", sqlType)))
                .containsExactly(new SeedColumn("c", expected, sqlType));
    }
}
