package org.sqlwarehouse.project;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** How an incremental model applies its new rows, named as dbt's incremental_strategy config. */
public enum IncrementalStrategy {
    APPEND("append"), DELETE_INSERT("delete+insert"), MERGE("merge"), MICROBATCH("microbatch");

    private final String id;

    IncrementalStrategy(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    /** The strategy a config names, if the plugin has it. */
    public static Optional<IncrementalStrategy> of(String configured) {
        String wanted = configured == null ? "" : configured.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(s -> s.id.equals(wanted)).findFirst();
    }

    /** "append, delete+insert, merge or microbatch", for messages. */
    public static String choices() {
        return "append, delete+insert, merge or microbatch";
    }
}
