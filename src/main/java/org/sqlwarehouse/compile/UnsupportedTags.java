package org.sqlwarehouse.compile;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * dbt's own block tags that the plugin does not run, with what to do about them: Jinja2 alone would
 * only say "Encountered unknown tag".
 */
final class UnsupportedTags {
    private static final Pattern UNKNOWN_TAG = Pattern.compile("^Encountered unknown tag '(\\w+)'");
    private static final Map<String, String> HINTS = Map.of(
            "snapshot", "snapshot blocks belong in a .sql file under snapshots/ (snapshot-paths)",
            "materialization", "custom materializations are not supported yet; use view, table, incremental "
                    + "or ephemeral",
            "docs", "docs blocks belong in .md files, which change nothing that is built");

    private UnsupportedTags() {
    }

    /** The reason, with what to do when it is one of dbt's tags the plugin does not run. */
    static String explain(String reason) {
        Matcher m = reason == null ? null : UNKNOWN_TAG.matcher(reason);
        if (m == null || !m.find() || !HINTS.containsKey(m.group(1))) {
            return reason;
        }
        return reason + " (" + HINTS.get(m.group(1)) + ")";
    }
}
