package org.sqlwarehouse.seed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class SeedConvertTest {

    private static Object convert(String raw, ColumnType type) {
        return SeedTypeInference.convert(raw, type);
    }

    @ParameterizedTest
    @EnumSource(ColumnType.class)
    void nullStaysNull(ColumnType type) {
        assertThat(convert(null, type)).isNull();
    }

    @Test
    void integer() {
        assertThat(convert("42", ColumnType.INTEGER)).isEqualTo(42);
        assertThat(convert("-2147483648", ColumnType.INTEGER)).isEqualTo(Integer.MIN_VALUE);
        assertThat(convert("2147483647", ColumnType.INTEGER)).isEqualTo(Integer.MAX_VALUE);
        assertThat(convert("+7", ColumnType.INTEGER)).isEqualTo(7);
        // Overrides may force int on zero-padded data.
        assertThat(convert("007", ColumnType.INTEGER)).isEqualTo(7);
    }

    @Test
    void bigint() {
        assertThat(convert("9223372036854775807", ColumnType.BIGINT)).isEqualTo(Long.MAX_VALUE);
        assertThat(convert("-9223372036854775808", ColumnType.BIGINT)).isEqualTo(Long.MIN_VALUE);
        assertThat(convert("5", ColumnType.BIGINT)).isEqualTo(5L);
    }

    @Test
    void decimalKeepsScale() {
        assertThat(convert("-12.50", ColumnType.DECIMAL)).isEqualTo(new BigDecimal("-12.50"));
        assertThat(convert("3", ColumnType.DECIMAL)).isEqualTo(new BigDecimal("3"));
        assertThat(convert("9223372036854775808", ColumnType.DECIMAL))
                .isEqualTo(new BigDecimal("9223372036854775808"));
        // Wider than inference, for overrides.
        assertThat(convert("1.5e3", ColumnType.DECIMAL)).isEqualTo(new BigDecimal("1.5E+3"));
        assertThat(convert(".5", ColumnType.DECIMAL)).isEqualTo(new BigDecimal("0.5"));
    }

    @Test
    void booleanInAnyCase() {
        assertThat(convert("true", ColumnType.BOOLEAN)).isEqualTo(Boolean.TRUE);
        assertThat(convert("TRUE", ColumnType.BOOLEAN)).isEqualTo(Boolean.TRUE);
        assertThat(convert("False", ColumnType.BOOLEAN)).isEqualTo(Boolean.FALSE);
    }

    @Test
    void date() {
        assertThat(convert("2024-02-29", ColumnType.DATE)).isEqualTo(LocalDate.of(2024, 2, 29));
        assertThat(convert("0001-01-01", ColumnType.DATE)).isEqualTo(LocalDate.of(1, 1, 1));
    }

    @Test
    void timestamp() {
        assertThat(convert("2024-01-05 10:20:30", ColumnType.TIMESTAMP))
                .isEqualTo(LocalDateTime.of(2024, 1, 5, 10, 20, 30));
        assertThat(convert("2024-01-05T23:59:59.5", ColumnType.TIMESTAMP))
                .isEqualTo(LocalDateTime.of(2024, 1, 5, 23, 59, 59, 500_000_000));
        assertThat(convert("2024-01-05 00:00:00.000000001", ColumnType.TIMESTAMP))
                .isEqualTo(LocalDateTime.of(2024, 1, 5, 0, 0, 0, 1));
        assertThat(convert("2024-01-05 00:00:00.123", ColumnType.TIMESTAMP))
                .isEqualTo(LocalDateTime.of(2024, 1, 5, 0, 0, 0, 123_000_000));
        // A date in a timestamp column is midnight.
        assertThat(convert("2024-01-05", ColumnType.TIMESTAMP)).isEqualTo(LocalDateTime.of(2024, 1, 5, 0, 0));
    }

    @Test
    void textIsTheRawString() {
        assertThat(convert("007", ColumnType.TEXT)).isEqualTo("007");
        assertThat(convert("", ColumnType.TEXT)).isEqualTo("");
        assertThat(convert(" a ", ColumnType.TEXT)).isEqualTo(" a ");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "abc|INTEGER|expected a whole number",
        "1.5|INTEGER|expected a whole number",
        "2147483648|INTEGER|out of range for a 32-bit integer",
        "\u0661\u0662|INTEGER|expected a whole number",
        "-|INTEGER|expected a whole number",
        "9223372036854775808|BIGINT|out of range for a 64-bit integer",
        "12x|BIGINT|expected a whole number",
        "1,000|DECIMAL|expected a number like -12.50",
        "NaN|DECIMAL|expected a number like -12.50",
        "1.2.3|DECIMAL|expected a number like -12.50",
        "yes|BOOLEAN|expected true or false",
        "1|BOOLEAN|expected true or false",
        "2023-02-29|DATE|expected yyyy-MM-dd",
        "2024-01-05 10:00:00|DATE|expected yyyy-MM-dd",
        "01/05/2024|DATE|expected yyyy-MM-dd",
        "2024-01-05 25:00:00|TIMESTAMP|expected yyyy-MM-dd HH:mm:ss[.fraction]",
        "2024-01-05T10:00:00Z|TIMESTAMP|expected yyyy-MM-dd HH:mm:ss[.fraction]"})
    void failureNamesValueAndType(String raw, ColumnType type, String expected) {
        assertThatThrownBy(() -> convert(raw, type))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cannot convert \"" + raw + "\" to " + type + ": " + expected);
    }

    @Test
    void emptyStringDoesNotConvertToANumber() {
        assertThatThrownBy(() -> convert("", ColumnType.INTEGER))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cannot convert \"\" to INTEGER: expected a whole number");
        assertThatThrownBy(() -> convert("", ColumnType.DECIMAL)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void longValuesAreShortenedInTheMessage() {
        String raw = "x".repeat(500);

        assertThatThrownBy(() -> convert(raw, ColumnType.DATE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cannot convert \"" + "x".repeat(100) + "...\" to DATE: expected yyyy-MM-dd");
    }
}
