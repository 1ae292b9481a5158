package org.sqlwarehouse.compile;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.sqlwarehouse.jinja.Py;
import org.sqlwarehouse.jinja.PyCallable;
import org.sqlwarehouse.jinja.PyObject;

/** {@code modules.pytz}: timezone(name), utc, and the zone names the JDK knows. */
public final class PytzModule implements PyObject {
    @Override
    public Object getAttr(String name) {
        return switch (name) {
            case "timezone" -> (PyCallable) args -> TemplateTimezone.pytz(Py.str(args.get(0, "zone", null)));
            case "utc", "UTC" -> TemplateTimezone.UTC;
            // the JDK's names: close to pytz's list, not equal to it (the tz database versions differ)
            case "all_timezones", "common_timezones" -> allTimezones();
            default -> MISSING;
        };
    }

    private static List<Object> allTimezones() {
        List<Object> names = new ArrayList<>(ZoneId.getAvailableZoneIds());
        names.sort((a, b) -> ((String) a).compareTo((String) b));
        return names;
    }

    @Override
    public String toString() {
        return "<module 'pytz'>";
    }
}
