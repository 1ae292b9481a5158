package org.sqlwarehouse.compile;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.Locale;
import org.sqlwarehouse.jinja.Arguments;
import org.sqlwarehouse.jinja.Py;
import org.sqlwarehouse.jinja.PyCallable;
import org.sqlwarehouse.jinja.PyObject;
import org.sqlwarehouse.jinja.TemplateException;

/**
 * A tzinfo as templates meet it: a pytz zone ({@code pytz.timezone('America/New_York')},
 * {@code pytz.utc}) or a fixed {@code datetime.timezone}. As in pytz, an aware datetime holds the
 * zone bound to one offset and abbreviation (EST or EDT), which arithmetic keeps until
 * {@code normalize()} or {@code astimezone()} picks the offset again.
 */
public final class TemplateTimezone implements PyObject {
    /** pytz.utc and datetime.timezone.utc, which behave alike in templates. */
    static final TemplateTimezone UTC = new TemplateTimezone(ZoneOffset.UTC, "UTC", ZoneOffset.UTC, "UTC");

    private final ZoneId rules;
    private final String name;
    /** The offset of a fixed zone or of a zone bound to a datetime; null for a pytz zone by itself. */
    private final ZoneOffset offset;
    private final String abbreviation;

    private TemplateTimezone(ZoneId rules, String name, ZoneOffset offset, String abbreviation) {
        this.rules = rules;
        this.name = name;
        this.offset = offset;
        this.abbreviation = abbreviation;
    }

    /** pytz.timezone(name): case-insensitive as pytz is; 'UTC' is pytz.utc. */
    static TemplateTimezone pytz(String zoneName) {
        if (zoneName.equalsIgnoreCase("UTC")) {
            return UTC;
        }
        for (String id : ZoneId.getAvailableZoneIds()) {
            if (id.equalsIgnoreCase(zoneName)) {
                return new TemplateTimezone(ZoneId.of(id), id, null, null);
            }
        }
        throw new TemplateException(TemplateException.Kind.VALUE, "UnknownTimeZoneError: " + Py.repr(zoneName));
    }

    /** datetime.timezone(offset): str() "UTC+05:30", and "UTC" for no offset. */
    static TemplateTimezone fixed(ZoneOffset offset) {
        if (offset.getTotalSeconds() == 0) {
            return UTC;
        }
        String name = "UTC" + TemplateDateTime.offsetText(offset, ":");
        return new TemplateTimezone(offset, name, offset, name);
    }

    /** The zone bound to the offset in force at that instant, as pytz's fromutc and normalize do. */
    TemplateTimezone at(Instant instant) {
        if (offset != null && rules instanceof ZoneOffset) {
            return this;
        }
        return bound(rules.getRules().getOffset(instant), instant);
    }

    /**
     * The zone bound to the offset of a wall-clock time, as pytz's localize(dt, is_dst) does: in a
     * gap or an overlap is_dst picks the daylight-saving offset or the standard one, and None refuses.
     */
    TemplateTimezone atLocal(LocalDateTime local, Object isDst) {
        if (offset != null && rules instanceof ZoneOffset) {
            return this;
        }
        ZoneRules zone = rules.getRules();
        ZoneOffsetTransition transition = zone.getTransition(local);
        if (transition == null) {
            return bound(zone.getValidOffsets(local).get(0), local.toInstant(zone.getValidOffsets(local).get(0)));
        }
        if (isDst == null) {
            String error = transition.isGap() ? "NonExistentTimeError" : "AmbiguousTimeError";
            throw new TemplateException(TemplateException.Kind.VALUE, error + ": " + local.toString().replace('T', ' '));
        }
        boolean daylight = Py.truthy(isDst);
        ZoneOffset before = transition.getOffsetBefore();
        ZoneOffset after = transition.getOffsetAfter();
        // the daylight-saving offset is the larger one, on either side of the transition
        ZoneOffset chosen = daylight == (before.compareTo(after) < 0) ? before : after;
        // the abbreviation is the one of an instant that really has that offset
        Instant probe = chosen.equals(before) ? transition.getInstant().minusSeconds(1) : transition.getInstant();
        return bound(chosen, probe);
    }

    /**
     * The zone given as tzinfo= to the datetime constructor: pytz's zone then holds its first
     * offset, usually the local mean time rounded to the minute, the well-known pytz surprise.
     */
    TemplateTimezone attached() {
        if (offset != null) {
            return this;
        }
        ZoneRules zone = rules.getRules();
        ZoneOffset first = zone.getTransitions().isEmpty() ? zone.getOffset(Instant.EPOCH)
                : zone.getTransitions().get(0).getOffsetBefore();
        int minutes = Math.round(first.getTotalSeconds() / 60f);
        return new TemplateTimezone(rules, name, ZoneOffset.ofTotalSeconds(minutes * 60),
                zone.getTransitions().isEmpty() ? abbreviationAt(Instant.EPOCH) : "LMT");
    }

    private TemplateTimezone bound(ZoneOffset zoneOffset, Instant instant) {
        return new TemplateTimezone(rules, name, zoneOffset, abbreviationAt(instant));
    }

    private String abbreviationAt(Instant instant) {
        String text = java.time.format.DateTimeFormatter.ofPattern("zzz", Locale.US)
                .format(instant.atZone(rules));
        return text.startsWith("GMT") && text.length() > 3 ? text.substring(3) : text;
    }

    boolean isBound() {
        return offset != null;
    }

    ZoneOffset offset() {
        return offset;
    }

    ZoneId rules() {
        return rules;
    }

    /** tzname(): EST, CEST, UTC, LMT, or UTC+05:00 for a fixed datetime.timezone. */
    String abbreviation() {
        return abbreviation;
    }

    @Override
    public Object getAttr(String attr) {
        return switch (attr) {
            case "zone" -> name;
            case "localize" -> (PyCallable) this::localize;
            case "normalize" -> (PyCallable) args -> normalize(args.get(0, "dt", null));
            case "utcoffset" -> (PyCallable) args -> offsetOf(args.get(0, "dt", null));
            case "tzname" -> (PyCallable) args -> nameOf(args.get(0, "dt", null));
            default -> MISSING;
        };
    }

    private Object localize(Arguments args) {
        if (!(args.get(0, "dt", null) instanceof TemplateDateTime dt) || dt.isDate()) {
            throw Arguments.typeError("localize() takes a datetime");
        }
        if (dt.tzinfo() != null) {
            throw new TemplateException(TemplateException.Kind.VALUE, "Not naive datetime (tzinfo is already set)");
        }
        return dt.withZone(atLocal(dt.local(), args.get(1, "is_dst", false)));
    }

    private Object normalize(Object value) {
        if (!(value instanceof TemplateDateTime dt) || dt.tzinfo() == null) {
            throw new TemplateException(TemplateException.Kind.VALUE, "Naive time - no tzinfo set");
        }
        return dt.astimezone(this);
    }

    private Object offsetOf(Object value) {
        TemplateTimezone zone = value instanceof TemplateDateTime dt && offset == null ? atLocal(dt.local(), false) : this;
        return zone.offset == null ? null : new TemplateTimedelta(zone.offset.getTotalSeconds()
                * TemplateTimedelta.MICROS_PER_SECOND);
    }

    private Object nameOf(Object value) {
        TemplateTimezone zone = value instanceof TemplateDateTime dt && offset == null ? atLocal(dt.local(), false) : this;
        return zone.abbreviation;
    }

    /** The same zone and offset: what Python's tzinfo equality amounts to for pytz and fixed zones. */
    @Override
    public boolean equals(Object o) {
        return o instanceof TemplateTimezone z && z.name.equals(name) && java.util.Objects.equals(z.offset, offset);
    }

    @Override
    public int hashCode() {
        return name.hashCode();
    }

    @Override
    public String toString() {
        return name;
    }
}
