package org.sqlwarehouse.engine;

import java.util.Map;

/**
 * The names of a snapshot's meta columns: dbt's (dbt_scd_id, dbt_updated_at, dbt_valid_from,
 * dbt_valid_to, dbt_is_deleted), each of which the snapshot_meta_column_names config (dbt 1.9) may rename.
 *
 * @param isDeleted only in the history with hard_deletes new_record
 */
record SnapshotColumns(String scdId, String updatedAt, String validFrom, String validTo, String isDeleted) {
    static final SnapshotColumns DBT = new SnapshotColumns("dbt_scd_id", "dbt_updated_at", "dbt_valid_from",
            "dbt_valid_to", "dbt_is_deleted");

    /** dbt's names, but those the config renames; a key it leaves out keeps dbt's name. */
    static SnapshotColumns of(Object config) {
        if (!(config instanceof Map<?, ?> renamed)) {
            return DBT;
        }
        return new SnapshotColumns(name(renamed, "dbt_scd_id", DBT.scdId), name(renamed, "dbt_updated_at", DBT.updatedAt),
                name(renamed, "dbt_valid_from", DBT.validFrom), name(renamed, "dbt_valid_to", DBT.validTo),
                name(renamed, "dbt_is_deleted", DBT.isDeleted));
    }

    private static String name(Map<?, ?> renamed, String key, String dbtName) {
        Object name = renamed.get(key);
        return name == null || String.valueOf(name).isBlank() ? dbtName : String.valueOf(name).strip();
    }
}
