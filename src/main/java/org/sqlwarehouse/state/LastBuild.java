package org.sqlwarehouse.state;

import java.time.Instant;
import java.util.Collections;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;

/**
 * What an environment's state says of whom it belongs to, what it consists of and when it was last
 * built: the projects its rows name (a row without project, written by an early version, as
 * {@code null}), the schemas its relations are in, and the newest build or deploy recorded, with
 * who made it from which commit.
 *
 * @param builtAt the newest deployed_at of its relations or finished_at of its deploys; null when
 *                no row has one
 */
public record LastBuild(Set<String> projects, Set<String> relationSchemas, Instant builtAt, String builtBy,
        String gitCommit) {
    public LastBuild {
        projects = Collections.unmodifiableSet(new HashSet<>(projects));
        relationSchemas = Collections.unmodifiableSet(new TreeSet<>(relationSchemas));
    }
}
