package org.sqlwarehouse.project;

/** The kinds of node a project has, named as dbt names them. */
public enum ResourceType {
    MODEL("model"), SEED("seed"), TEST("test"), SNAPSHOT("snapshot");

    private final String id;

    ResourceType(String id) {
        this.id = id;
    }

    /** "model", "seed", "test" or "snapshot", as in unique ids and run_results.json. */
    public String id() {
        return id;
    }
}
