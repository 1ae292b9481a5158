package org.sqlwarehouse.state;

import java.util.Locale;

/** What became of a deploy recorded in _warehouse_deployments; stored as its lower-case name. */
public enum DeployStatus {
    /** Promoted; live unless a later deploy replaced its relations. */
    DEPLOYED,
    /** Undone by warehouse:rollback: its previous versions were put back. */
    ROLLED_BACK;

    /** The value stored in the status column. */
    public String column() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The status a stored value stands for; an unknown value fails rather than being guessed. */
    public static DeployStatus fromColumn(String value) {
        for (DeployStatus s : values()) {
            if (s.column().equals(value)) {
                return s;
            }
        }
        throw new IllegalArgumentException("Unknown deploy status '" + value + "' in " + StateStore.DEPLOYMENTS);
    }
}
