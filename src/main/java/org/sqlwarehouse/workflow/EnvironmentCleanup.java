package org.sqlwarehouse.workflow;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What drop-schema with warehouse.olderThan did, one entry per environment of the project it
 * considered, in schema order.
 */
public record EnvironmentCleanup(boolean dryRun, List<Environment> environments) {
    /** What happened to an environment. */
    public enum Outcome {
        DROPPED("Dropped"), WOULD_DROP("Would drop"), KEPT("Kept");

        private final String words;

        Outcome(String words) {
            this.words = words;
        }

        /** For the log line: "Dropped", "Would drop", "Kept". */
        public String words() {
            return words;
        }
    }

    /**
     * One environment: its base schema (where its state lives), when, by whom and from which commit
     * it was last built (null when its state does not say), its sibling schemas (dropped with it, or
     * that would be; for a kept one those its state records) and why it was kept (null unless kept).
     */
    public record Environment(String schema, Outcome outcome, Instant lastBuilt, String builtBy, String gitCommit,
            List<String> siblings, String reason) {
        public Environment {
            siblings = List.copyOf(siblings);
        }
    }

    public EnvironmentCleanup {
        environments = List.copyOf(environments);
    }

    /** The base schemas of the environments dropped (or, in a dry run, that would be). */
    public List<String> droppedSchemas() {
        List<String> out = new ArrayList<>();
        for (Environment e : environments) {
            if (e.outcome() != Outcome.KEPT) {
                out.add(e.schema());
            }
        }
        return out;
    }

    /** The base schemas of the environments kept. */
    public List<String> keptSchemas() {
        List<String> out = new ArrayList<>();
        for (Environment e : environments) {
            if (e.outcome() == Outcome.KEPT) {
                out.add(e.schema());
            }
        }
        return out;
    }

    /** The environment whose state lives in schema, if it was considered. */
    public java.util.Optional<Environment> environment(String schema) {
        return environments.stream().filter(e -> e.schema().equals(schema)).findFirst();
    }
}
