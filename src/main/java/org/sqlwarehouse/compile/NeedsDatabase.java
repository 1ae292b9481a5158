package org.sqlwarehouse.compile;

import org.sqlwarehouse.jinja.HostInterrupt;

/**
 * A template asked the database while it was rendered without one: its node is rendered again when
 * it is built, with a connection, as dbt renders every node just before it runs.
 */
final class NeedsDatabase extends HostInterrupt {
    private static final long serialVersionUID = 1L;

    /** @param what what was asked, e.g. {@code adapter.get_columns_in_relation} */
    NeedsDatabase(String what) {
        super(what);
    }
}
