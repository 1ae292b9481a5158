package org.sqlwarehouse.engine;

import org.sqlwarehouse.environment.ShortNames;

/**
 * The plugin's own relations beside a model's relation, each named after the model with a suffix:
 * while it is built, replaced, staged or kept for rollback. One list, so that what the plugin may
 * leave beside a relation (a killed run's temporary one) is recognised as its own.
 */
public enum Sidecar {
    /** The new relation of an in-place replacement, before it is renamed into place. */
    TEMPORARY("__wh_tmp"),
    /** The old relation during an in-place replacement, dropped in the same transaction. */
    BACKUP("__wh_bak"),
    /** The new rows of an incremental model, before they are merged. */
    INCREMENT("__wh_inc"),
    /** What a snapshot's select returns this run, before it is compared with the history. */
    SNAPSHOT_SOURCE("__wh_snap"),
    /** A staged candidate on a protected target, built and tested before a deploy promotes it. */
    CANDIDATE("__wh_cand"),
    /** The version a deploy replaced, kept for rollback. */
    PREVIOUS("__wh_prev"),
    /** The live relation for a moment while a rollback swaps it with the previous one. */
    SWAP("__wh_swap"),
    /** DuckDB's all-text table a seed is read into before it is typed (named by DuckDbDialect). */
    SEED_LOAD("__wh_load");

    private final String suffix;

    Sidecar(String suffix) {
        this.suffix = suffix;
    }

    public String suffix() {
        return suffix;
    }

    /** This sidecar's name for the relation, within maxBytes by the rule of {@link ShortNames#withSuffix}. */
    public String nameFor(String relation, int maxBytes) {
        return ShortNames.withSuffix(relation, suffix, maxBytes);
    }
}
