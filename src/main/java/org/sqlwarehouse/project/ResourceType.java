package org.sqlwarehouse.project;

/** The kinds of node a project has, named as dbt names them. */
public enum ResourceType {
    MODEL("model"), SEED("seed"), TEST("test");

    private final String id;

    ResourceType(String id) {
        this.id = id;
    }

    /** "model", "seed" or "test", as in unique ids and run_results.json. */
    public String id() {
        return id;
    }
}
