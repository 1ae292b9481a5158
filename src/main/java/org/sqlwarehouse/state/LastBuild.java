package org.sqlwarehouse.state;

import java.time.Instant;
import java.util.Set;

/**
 * What an environment's state says of whom it belongs to and when it was last built: the projects
 * its rows name (a row without project, written by an early version, as {@code null}), and the
 * newest build or deploy recorded, with who made it from which commit.
 *
 * @param builtAt the newest deployed_at of its relations or finished_at of its deploys; null when
 *                no row has one
 */
public record LastBuild(Set<String> projects, Instant builtAt, String builtBy, String gitCommit) {
    public LastBuild {
        projects = java.util.Collections.unmodifiableSet(new java.util.HashSet<>(projects));
    }

    /** Whether every row names the given project: the environment is that project's alone. */
    public boolean onlyOf(String project) {
        return projects.size() == 1 && projects.contains(project);
    }
}
