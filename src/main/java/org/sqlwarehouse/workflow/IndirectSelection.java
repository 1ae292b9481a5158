package org.sqlwarehouse.workflow;

import java.util.Locale;
import org.sqlwarehouse.WarehouseException;

/**
 * Which data tests a selection brings along besides those it selects itself (dbt's
 * --indirect-selection): EAGER every test touching a selected node; CAUTIOUS only tests whose every
 * parent is selected; BUILDABLE tests whose every parent is selected or upstream of the selection;
 * EMPTY none.
 */
enum IndirectSelection {
    EAGER, CAUTIOUS, BUILDABLE, EMPTY;

    static final String PROPERTY = "warehouse.indirectSelection";

    /** The mode a property's value names; blank is dbt's default, eager. */
    static IndirectSelection parse(String value) throws WarehouseException {
        if (value == null || value.isBlank()) {
            return EAGER;
        }
        try {
            return valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new WarehouseException(PROPERTY + "=" + value + " is not a mode of indirect selection.",
                    "Use eager (the default), cautious, buildable or empty.");
        }
    }
}
