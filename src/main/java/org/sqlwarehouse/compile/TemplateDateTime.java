package org.sqlwarehouse.compile;

import com.hubspot.jinjava.objects.date.PyishDate;
import com.hubspot.jinjava.objects.serialization.PyishSerializable;
import java.io.IOException;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * A Python datetime or date as templates see it: prints as Python's str() does
 * ({@code 2024-05-01 10:00:00.123456+00:00}), with strftime(), isoformat() and the date parts.
 */
public final class TemplateDateTime implements PyishSerializable {
    private static final DateTimeFormatter AWARE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSSxxx");
    private static final DateTimeFormatter NAIVE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd");

    /** What kind of Python object this stands for. */
    enum Kind { AWARE_DATETIME, NAIVE_DATETIME, DATE }

    private final ZonedDateTime value;
    private final Kind kind;

    TemplateDateTime(ZonedDateTime value, Kind kind) {
        this.value = value;
        this.kind = kind;
    }

    public String strftime(String format) {
        return new PyishDate(value).strftime(format);
    }

    public String isoformat() {
        return switch (kind) {
            case AWARE_DATETIME -> value.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
            case NAIVE_DATETIME -> value.toLocalDateTime().format(DateTimeFormatter.ISO_LOCAL_DATE_TIME);
            case DATE -> value.format(DATE);
        };
    }

    public int getYear() {
        return value.getYear();
    }

    public int getMonth() {
        return value.getMonthValue();
    }

    public int getDay() {
        return value.getDayOfMonth();
    }

    @Override
    public String toString() {
        return switch (kind) {
            case AWARE_DATETIME -> value.format(AWARE);
            case NAIVE_DATETIME -> value.format(NAIVE);
            case DATE -> value.format(DATE);
        };
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T extends Appendable & CharSequence> T appendPyishString(T appendable) throws IOException {
        return (T) appendable.append(toString());
    }
}
