package org.sqlwarehouse.seed;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Infers seed column types from the data and converts raw cells to Java values.
 *
 * <p>Inference looks at every non-null value of a column (values are not trimmed):
 *
 * <ul>
 *   <li>INTEGER: optional sign and ASCII digits, fits a 32-bit int;
 *   <li>BIGINT: the same but only fits 64 bits;
 *   <li>DECIMAL: digits, a point and digits ({@code -12.50}); also a column mixing these with
 *       integers, and integers too large for a long. No exponents, thousands separators, {@code .5}
 *       or {@code 5.};
 *   <li>BOOLEAN: {@code true}/{@code false} in any case, nothing else;
 *   <li>DATE: {@code yyyy-MM-dd}, a real calendar date;
 *   <li>TIMESTAMP: {@code yyyy-MM-dd HH:mm:ss[.f]} or with {@code T}, up to 9 fraction digits; a
 *       column mixing these with dates is TIMESTAMP (dates at midnight);
 *   <li>TEXT: anything else, a column with no non-null values, and numbers with a leading zero
 *       such as {@code 007} or {@code 00.5}, which are codes whose zeros must be kept.
 * </ul>
 *
 * All checks are hand-written character scans: this runs on every cell of every seed.
 */
public final class SeedTypeInference {
    private SeedTypeInference() {}

    private static final String LONG_MAX_DIGITS = "9223372036854775807";
    private static final String LONG_MIN_DIGITS = "9223372036854775808";

    /**
     * Resolves the type of each column, in header order.
     *
     * @param table the parsed seed
     * @param columnTypes {@code column_types} overrides: column name (matched ignoring case) to SQL
     *     type; null or empty for none
     * @throws IllegalArgumentException if an override names a column that is not in the header,
     *     names one column twice, or has a blank type
     */
    public static List<SeedColumn> infer(CsvTable table, Map<String, String> columnTypes) {
        List<String> header = table.header();
        String[] declared = resolveOverrides(table, columnTypes);
        ColumnType[] types = inferColumns(table.rows(), declared);
        List<SeedColumn> columns = new ArrayList<>(header.size());
        for (int col = 0; col < header.size(); col++) {
            String sqlType = declared[col];
            ColumnType type = sqlType != null ? fromSqlType(sqlType) : types[col];
            columns.add(new SeedColumn(header.get(col), type, sqlType));
        }
        return Collections.unmodifiableList(columns);
    }

    /**
     * Maps a SQL type name to the column type its values convert to: int/integer/int4 (and
     * smallint/int2/tinyint) to INTEGER, bigint/int8 to BIGINT, decimal/numeric/double/float/real
     * (and float4/float8/double precision) to DECIMAL, boolean/bool to BOOLEAN, date to DATE,
     * anything starting with timestamp (and datetime) to TIMESTAMP, anything else to TEXT.
     * Parameters such as {@code (10,2)} and case are ignored.
     */
    public static ColumnType fromSqlType(String sqlType) {
        String t = sqlType.trim().toLowerCase(Locale.ROOT);
        if (t.startsWith("timestamp")) {
            return ColumnType.TIMESTAMP;
        }
        int paren = t.indexOf('(');
        String base = (paren < 0 ? t : t.substring(0, paren)).trim().replaceAll("\\s+", " ");
        switch (base) {
            case "int":
            case "integer":
            case "int4":
            case "smallint":
            case "int2":
            case "tinyint":
                return ColumnType.INTEGER;
            case "bigint":
            case "int8":
                return ColumnType.BIGINT;
            case "decimal":
            case "numeric":
            case "double":
            case "double precision":
            case "float":
            case "float4":
            case "float8":
            case "real":
                return ColumnType.DECIMAL;
            case "boolean":
            case "bool":
                return ColumnType.BOOLEAN;
            case "date":
                return ColumnType.DATE;
            case "datetime":
                return ColumnType.TIMESTAMP;
            default:
                return ColumnType.TEXT;
        }
    }

    /**
     * Converts a raw cell to the Java value for its column: null stays null; INTEGER to Integer,
     * BIGINT to Long, DECIMAL to BigDecimal, BOOLEAN to Boolean, DATE to LocalDate, TIMESTAMP to
     * LocalDateTime, TEXT to the string itself.
     *
     * <p>Slightly wider than inference, since a {@code column_types} override may force a type on
     * data inference would not pick: integers may have leading zeros, DECIMAL accepts anything
     * {@link BigDecimal#BigDecimal(String)} does with ASCII digits (exponents included), and
     * TIMESTAMP accepts a bare date as midnight.
     *
     * @throws IllegalArgumentException naming the value and the type when it does not convert
     */
    public static Object convert(String raw, ColumnType type) {
        Objects.requireNonNull(type, "type");
        if (raw == null) {
            return null;
        }
        switch (type) {
            case TEXT:
                return raw;
            case INTEGER:
                if (isSignedAsciiDigits(raw)) {
                    try {
                        return Integer.parseInt(raw);
                    } catch (NumberFormatException e) {
                        throw cannotConvert(raw, type, "out of range for a 32-bit integer");
                    }
                }
                throw cannotConvert(raw, type, "expected a whole number");
            case BIGINT:
                if (isSignedAsciiDigits(raw)) {
                    try {
                        return Long.parseLong(raw);
                    } catch (NumberFormatException e) {
                        throw cannotConvert(raw, type, "out of range for a 64-bit integer");
                    }
                }
                throw cannotConvert(raw, type, "expected a whole number");
            case DECIMAL:
                if (isAsciiNumberChars(raw)) {
                    try {
                        return new BigDecimal(raw);
                    } catch (NumberFormatException e) {
                        // fall through to the error below
                    }
                }
                throw cannotConvert(raw, type, "expected a number like -12.50");
            case BOOLEAN:
                if (asciiEqualsIgnoreCase(raw, "true")) {
                    return Boolean.TRUE;
                }
                if (asciiEqualsIgnoreCase(raw, "false")) {
                    return Boolean.FALSE;
                }
                throw cannotConvert(raw, type, "expected true or false");
            case DATE:
                if (isDate(raw)) {
                    return toDate(raw);
                }
                throw cannotConvert(raw, type, "expected yyyy-MM-dd");
            case TIMESTAMP:
                if (isTimestamp(raw)) {
                    return toTimestamp(raw);
                }
                if (isDate(raw)) {
                    return toDate(raw).atStartOfDay();
                }
                throw cannotConvert(raw, type, "expected yyyy-MM-dd HH:mm:ss[.fraction]");
            default:
                throw new AssertionError(type);
        }
    }

    // ---- overrides ----

    private static String[] resolveOverrides(CsvTable table, Map<String, String> columnTypes) {
        List<String> header = table.header();
        String[] declared = new String[header.size()];
        if (columnTypes == null || columnTypes.isEmpty()) {
            return declared;
        }
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            index.putIfAbsent(header.get(i).toLowerCase(Locale.ROOT), i);
        }
        String[] claimedBy = new String[header.size()];
        for (Map.Entry<String, String> override : columnTypes.entrySet()) {
            String column = override.getKey();
            Integer col = column == null ? null : index.get(column.toLowerCase(Locale.ROOT));
            if (col == null) {
                throw new IllegalArgumentException("column_types of seed " + table.name() + " names column '"
                        + column + "', which is not in the CSV header; its columns are: "
                        + String.join(", ", header));
            }
            if (claimedBy[col] != null) {
                throw new IllegalArgumentException("column_types of seed " + table.name() + " names column '"
                        + header.get(col) + "' twice (as '" + claimedBy[col] + "' and '" + column + "')");
            }
            String sqlType = override.getValue();
            if (sqlType == null || sqlType.isBlank()) {
                throw new IllegalArgumentException("column_types of seed " + table.name() + " gives column '"
                        + column + "' no type");
            }
            claimedBy[col] = column;
            declared[col] = sqlType;
        }
        return declared;
    }

    // ---- inference ----

    /** Types of the columns without an override; row by row, so each row array is visited once. */
    private static ColumnType[] inferColumns(List<String[]> rows, String[] declared) {
        int width = declared.length;
        ColumnType[] acc = new ColumnType[width];
        int[] open = new int[width]; // columns that are not yet TEXT
        int openCount = 0;
        for (int col = 0; col < width; col++) {
            if (declared[col] == null) {
                open[openCount++] = col;
            }
        }
        for (int r = 0, n = rows.size(); r < n && openCount > 0; r++) {
            String[] row = rows.get(r);
            for (int k = 0; k < openCount; k++) {
                int col = open[k];
                String value = row[col];
                if (value == null) {
                    continue;
                }
                ColumnType t = widen(acc[col], classify(value));
                acc[col] = t;
                if (t == ColumnType.TEXT) {
                    // Nothing narrows TEXT again: stop looking at this column.
                    open[k--] = open[--openCount];
                }
            }
        }
        for (int col = 0; col < width; col++) {
            if (acc[col] == null) {
                acc[col] = ColumnType.TEXT;
            }
        }
        return acc;
    }

    /** The narrowest type holding values of both types. */
    private static ColumnType widen(ColumnType acc, ColumnType value) {
        if (acc == null || acc == value) {
            return value;
        }
        if (isNumeric(acc) && isNumeric(value)) {
            return acc.ordinal() > value.ordinal() ? acc : value;
        }
        if (isTemporal(acc) && isTemporal(value)) {
            return ColumnType.TIMESTAMP;
        }
        return ColumnType.TEXT;
    }

    private static boolean isNumeric(ColumnType t) {
        return t == ColumnType.INTEGER || t == ColumnType.BIGINT || t == ColumnType.DECIMAL;
    }

    private static boolean isTemporal(ColumnType t) {
        return t == ColumnType.DATE || t == ColumnType.TIMESTAMP;
    }

    /** The narrowest type of one non-null value. */
    static ColumnType classify(String s) {
        int n = s.length();
        if (n == 0) {
            return ColumnType.TEXT;
        }
        char c = s.charAt(0);
        if (isDigit(c)) {
            if (n >= 10 && s.charAt(4) == '-') {
                return isDate(s) ? ColumnType.DATE : isTimestamp(s) ? ColumnType.TIMESTAMP : ColumnType.TEXT;
            }
            return classifyNumber(s);
        }
        if (c == '-' || c == '+') {
            return classifyNumber(s);
        }
        if (c == 't' || c == 'T') {
            return asciiEqualsIgnoreCase(s, "true") ? ColumnType.BOOLEAN : ColumnType.TEXT;
        }
        if (c == 'f' || c == 'F') {
            return asciiEqualsIgnoreCase(s, "false") ? ColumnType.BOOLEAN : ColumnType.TEXT;
        }
        return ColumnType.TEXT;
    }

    private static ColumnType classifyNumber(String s) {
        int n = s.length();
        int i = 0;
        boolean negative = false;
        char first = s.charAt(0);
        if (first == '-' || first == '+') {
            negative = first == '-';
            i = 1;
        }
        int intStart = i;
        while (i < n && isDigit(s.charAt(i))) {
            i++;
        }
        int intDigits = i - intStart;
        if (intDigits == 0 || (intDigits > 1 && s.charAt(intStart) == '0')) {
            return ColumnType.TEXT; // no digits, or a leading-zero code such as 007
        }
        if (i == n) {
            return classifyInteger(s, intStart, intDigits, negative);
        }
        if (s.charAt(i) != '.') {
            return ColumnType.TEXT;
        }
        int fracStart = ++i;
        while (i < n && isDigit(s.charAt(i))) {
            i++;
        }
        return i > fracStart && i == n ? ColumnType.DECIMAL : ColumnType.TEXT;
    }

    private static ColumnType classifyInteger(String s, int start, int digits, boolean negative) {
        if (digits <= 9) {
            return ColumnType.INTEGER;
        }
        if (digits <= 18) {
            long v = 0;
            for (int i = start; i < start + digits; i++) {
                v = v * 10 + (s.charAt(i) - '0');
            }
            long limit = negative ? 2147483648L : 2147483647L;
            return v <= limit ? ColumnType.INTEGER : ColumnType.BIGINT;
        }
        if (digits == 19) {
            // Same length, so string order is numeric order.
            String limit = negative ? LONG_MIN_DIGITS : LONG_MAX_DIGITS;
            return s.substring(start).compareTo(limit) <= 0 ? ColumnType.BIGINT : ColumnType.DECIMAL;
        }
        return ColumnType.DECIMAL;
    }

    // ---- dates and timestamps: fixed-width ISO, validated by hand ----

    /** {@code yyyy-MM-dd} and a real calendar date. */
    private static boolean isDate(String s) {
        return s.length() == 10 && isDatePrefix(s);
    }

    private static boolean isDatePrefix(String s) {
        if (!(digits(s, 0, 4) && s.charAt(4) == '-' && digits(s, 5, 2) && s.charAt(7) == '-' && digits(s, 8, 2))) {
            return false;
        }
        int year = num(s, 0, 4);
        int month = num(s, 5, 2);
        int day = num(s, 8, 2);
        return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
    }

    /** {@code yyyy-MM-dd HH:mm:ss} or with {@code T}, optionally {@code .} and 1 to 9 digits. */
    private static boolean isTimestamp(String s) {
        int n = s.length();
        if (n < 19 || !isDatePrefix(s)) {
            return false;
        }
        char sep = s.charAt(10);
        if ((sep != ' ' && sep != 'T')
                || !(digits(s, 11, 2) && s.charAt(13) == ':' && digits(s, 14, 2) && s.charAt(16) == ':'
                        && digits(s, 17, 2))) {
            return false;
        }
        if (num(s, 11, 2) > 23 || num(s, 14, 2) > 59 || num(s, 17, 2) > 59) {
            return false;
        }
        if (n == 19) {
            return true;
        }
        int fraction = n - 20;
        return s.charAt(19) == '.' && fraction >= 1 && fraction <= 9 && digits(s, 20, fraction);
    }

    private static LocalDate toDate(String s) {
        return LocalDate.of(num(s, 0, 4), num(s, 5, 2), num(s, 8, 2));
    }

    private static LocalDateTime toTimestamp(String s) {
        int nanos = 0;
        if (s.length() > 19) {
            int fraction = s.length() - 20;
            nanos = num(s, 20, fraction);
            for (int i = fraction; i < 9; i++) {
                nanos *= 10;
            }
        }
        return LocalDateTime.of(num(s, 0, 4), num(s, 5, 2), num(s, 8, 2),
                num(s, 11, 2), num(s, 14, 2), num(s, 17, 2), nanos);
    }

    private static int daysInMonth(int year, int month) {
        switch (month) {
            case 2:
                boolean leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
                return leap ? 29 : 28;
            case 4:
            case 6:
            case 9:
            case 11:
                return 30;
            default:
                return 31;
        }
    }

    // ---- character helpers ----

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean digits(String s, int from, int count) {
        for (int i = from; i < from + count; i++) {
            if (!isDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** Value of {@code count} ASCII digits already checked with {@link #digits}. */
    private static int num(String s, int from, int count) {
        int v = 0;
        for (int i = from; i < from + count; i++) {
            v = v * 10 + (s.charAt(i) - '0');
        }
        return v;
    }

    /** Optional sign then at least one ASCII digit; Integer.parseInt alone would accept non-ASCII digits. */
    private static boolean isSignedAsciiDigits(String s) {
        int n = s.length();
        int i = n > 0 && (s.charAt(0) == '-' || s.charAt(0) == '+') ? 1 : 0;
        if (i == n) {
            return false;
        }
        for (; i < n; i++) {
            if (!isDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** Only characters BigDecimal needs for ASCII input, so non-ASCII digits are refused. */
    private static boolean isAsciiNumberChars(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(isDigit(c) || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E')) {
                return false;
            }
        }
        return true;
    }

    /** ASCII-only: String.equalsIgnoreCase would accept e.g. "falſe" (long s). */
    private static boolean asciiEqualsIgnoreCase(String s, String lowerAscii) {
        int n = lowerAscii.length();
        if (s.length() != n) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                c = (char) (c + ('a' - 'A'));
            }
            if (c != lowerAscii.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static IllegalArgumentException cannotConvert(String raw, ColumnType type, String expected) {
        String shown = raw.length() > 100 ? raw.substring(0, 100) + "..." : raw;
        return new IllegalArgumentException("cannot convert \"" + shown + "\" to " + type + ": " + expected);
    }
}
