package org.sqlwarehouse.report;

/** How a node ended; {@link #id()} is the run_results.json status. */
public enum NodeStatus {
    SUCCESS("success", "OK"),
    ERROR("error", "ERROR"),
    SKIPPED("skipped", "SKIP"),
    PASS("pass", "PASS"),
    FAIL("fail", "FAIL"),
    WARN("warn", "WARN"),
    UNCHANGED("unchanged", "SAME");

    private final String id;
    private final String label;

    NodeStatus(String id, String label) {
        this.id = id;
        this.label = label;
    }

    public String id() {
        return id;
    }

    /** The word shown in the progress line. */
    public String label() {
        return label;
    }

    public boolean isFailure() {
        return this == ERROR || this == FAIL;
    }
}
