package org.sqlwarehouse.report;

/** How a node ended; {@link #runResultsStatus()} is what run_results.json says. */
public enum NodeStatus {
    SUCCESS("success", "OK"),
    ERROR("error", "ERROR"),
    SKIPPED("skipped", "SKIP"),
    PASS("pass", "PASS"),
    FAIL("fail", "FAIL"),
    WARN("warn", "WARN"),
    /** Left alone because nothing changed; dbt has no such status, so the artifact says success. */
    UNCHANGED("success", "SAME");

    private final String runResultsStatus;
    private final String label;

    NodeStatus(String runResultsStatus, String label) {
        this.runResultsStatus = runResultsStatus;
        this.label = label;
    }

    /** One of dbt's statuses (success, error, skipped, pass, fail, warn), as run_results.json writes it. */
    public String runResultsStatus() {
        return runResultsStatus;
    }

    /** The word shown in the progress line. */
    public String label() {
        return label;
    }

    public boolean isFailure() {
        return this == ERROR || this == FAIL;
    }
}
