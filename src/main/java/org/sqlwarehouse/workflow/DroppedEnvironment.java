package org.sqlwarehouse.workflow;

import java.util.ArrayList;
import java.util.List;

/**
 * What drop-schema did: the schemas it dropped, in order, and those it found but left alone, each
 * with the reason.
 */
public record DroppedEnvironment(List<String> dropped, List<KeptSchema> kept) {
    /** A schema drop-schema considered and did not drop, and why. */
    public record KeptSchema(String schema, String reason) {
    }

    public DroppedEnvironment {
        dropped = List.copyOf(dropped);
        kept = List.copyOf(kept);
    }

    static Builder builder() {
        return new Builder();
    }

    /** Collects the outcome as drop-schema goes. */
    static final class Builder {
        private final List<String> dropped = new ArrayList<>();
        private final List<KeptSchema> kept = new ArrayList<>();

        Builder dropped(String schema) {
            dropped.add(schema);
            return this;
        }

        Builder kept(String schema, String reason) {
            kept.add(new KeptSchema(schema, reason));
            return this;
        }

        DroppedEnvironment build() {
            return new DroppedEnvironment(dropped, kept);
        }
    }
}
