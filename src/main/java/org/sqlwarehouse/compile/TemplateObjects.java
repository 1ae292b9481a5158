package org.sqlwarehouse.compile;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import org.sqlwarehouse.dialect.Dialect;

/** The objects dbt puts in every template's context besides functions. */
final class TemplateObjects {
    private TemplateObjects() {
    }

    /** {@code adapter}: quoting through the target's dialect, the one quoting function. */
    public static final class Adapter {
        private final Dialect dialect;

        Adapter(Dialect dialect) {
            this.dialect = dialect;
        }

        public String quote(Object identifier) {
            return dialect.quote(String.valueOf(identifier));
        }

        public String type() {
            return dialect.type();
        }
    }

    /** {@code modules}: the parts of Python's modules dbt projects use most. */
    public static final class Modules {
        private final DatetimeModule datetime = new DatetimeModule();

        public DatetimeModule getDatetime() {
            return datetime;
        }
    }

    /** {@code modules.datetime}: datetime.now(), datetime.utcnow(), date.today(). */
    public static final class DatetimeModule {
        public DatetimeClass getDatetime() {
            return new DatetimeClass();
        }

        public DateClass getDate() {
            return new DateClass();
        }
    }

    public static final class DatetimeClass {
        public TemplateDateTime now() {
            return new TemplateDateTime(ZonedDateTime.now(ZoneId.systemDefault()), TemplateDateTime.Kind.NAIVE_DATETIME);
        }

        public TemplateDateTime utcnow() {
            return new TemplateDateTime(ZonedDateTime.now(ZoneOffset.UTC), TemplateDateTime.Kind.NAIVE_DATETIME);
        }
    }

    public static final class DateClass {
        public TemplateDateTime today() {
            return new TemplateDateTime(LocalDate.now().atStartOfDay(ZoneId.systemDefault()), TemplateDateTime.Kind.DATE);
        }
    }
}
