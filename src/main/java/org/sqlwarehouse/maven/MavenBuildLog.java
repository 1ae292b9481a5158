package org.sqlwarehouse.maven;

import java.util.HashSet;
import java.util.Set;
import org.apache.maven.plugin.logging.Log;
import org.apache.maven.project.MavenProject;
import org.sqlwarehouse.report.BuildLog;

/**
 * The core's log, written to the Mojo's, so -q, -X and -B behave as in any Maven build. A warning
 * another goal of the same project already gave in this Maven run (mvn verify runs compile,
 * unit-test and build, and each loads the project) is not given again.
 */
final class MavenBuildLog implements BuildLog {
    private final Log log;
    /** The warnings given so far in this run, shared by the project's goals; empty set for none. */
    private final Set<String> warned;

    MavenBuildLog(Log log) {
        this(log, new HashSet<>());
    }

    /** @param warned the warnings the project's goals gave so far in this run (added to) */
    MavenBuildLog(Log log, Set<String> warned) {
        this.log = log;
        this.warned = warned;
    }

    /** The warnings a project's goals share in one Maven run, kept in the project's context. */
    @SuppressWarnings("unchecked")
    static Set<String> warnedIn(MavenProject project) {
        if (project == null) {
            return new HashSet<>();
        }
        synchronized (project) {
            Object set = project.getContextValue(WARNED_KEY);
            if (set == null) {
                set = java.util.Collections.synchronizedSet(new HashSet<String>());
                project.setContextValue(WARNED_KEY, set);
            }
            return (Set<String>) set;
        }
    }

    private static final String WARNED_KEY = MavenBuildLog.class.getName() + ".warned";

    @Override
    public void info(String message) {
        log.info(message);
    }

    @Override
    public void warn(String message) {
        if (warned.add(message)) {
            log.warn(message);
        }
    }

    @Override
    public void error(String message) {
        log.error(message);
    }

    @Override
    public void debug(String message) {
        log.debug(message);
    }

    @Override
    public boolean isDebugEnabled() {
        return log.isDebugEnabled();
    }
}
