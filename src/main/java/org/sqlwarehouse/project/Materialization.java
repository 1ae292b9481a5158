package org.sqlwarehouse.project;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** How a node is built, named as dbt names it; seeds and tests have one of their own. */
public enum Materialization {
    VIEW("view"), TABLE("table"), INCREMENTAL("incremental"), EPHEMERAL("ephemeral"), SEED("seed"), TEST("test"),
    /** dbt's type-2 history of a select: never rebuilt, only added to. */
    SNAPSHOT("snapshot");

    private final String id;

    Materialization(String id) {
        this.id = id;
    }

    /** The name in dbt's config ({@code materialized='table'}), manifest.json and progress lines. */
    public String id() {
        return id;
    }

    /** The materialization a model's config names, if the plugin builds it. */
    public static Optional<Materialization> ofModelConfig(String configured) {
        String wanted = configured == null ? "" : configured.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(m -> m.isModel() && m.id.equals(wanted)).findFirst();
    }

    /** Whether a model may be configured with it. */
    public boolean isModel() {
        return this != SEED && this != TEST && this != SNAPSHOT;
    }

    /** Whether it leaves a relation in the database (ephemeral models and tests do not). */
    public boolean buildsRelation() {
        return this != EPHEMERAL && this != TEST;
    }

    @Override
    public String toString() {
        return id;
    }
}
