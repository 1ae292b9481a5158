package org.sqlwarehouse.report;

import java.util.Locale;

/**
 * Formats one line per finished node, e.g.
 * {@code [ 3/14] OK     view   dbt_alice.stg_orders ............ 0.04 s}. Lines are printed once and
 * never redrawn, so they read the same in a terminal, in -B batch mode and in a CI log.
 */
public final class ProgressLine {
    private static final int NAME_COLUMN_WIDTH = 48;

    private ProgressLine() {
    }

    public static String format(int index, int total, NodeResult result) {
        int width = String.valueOf(total).length();
        String counter = String.format(Locale.ROOT, "[%" + width + "d/%d]", index, total);
        String name = result.displayName() == null ? result.uniqueId() : result.displayName();
        StringBuilder dots = new StringBuilder(" ");
        for (int i = name.length() + 1; i < NAME_COLUMN_WIDTH; i++) {
            dots.append('.');
        }
        dots.append(' ');
        return String.format(Locale.ROOT, "%s %-6s %-6s %s%s%.2f s", counter, result.status().label(), result.kind(),
                name, dots, result.executionTime());
    }
}
