package org.sqlwarehouse.maven;

import org.apache.maven.plugin.logging.Log;
import org.sqlwarehouse.report.BuildLog;

/** The core's log, written to the Mojo's, so -q, -X and -B behave as in any Maven build. */
final class MavenBuildLog implements BuildLog {
    private final Log log;

    MavenBuildLog(Log log) {
        this.log = log;
    }

    @Override
    public void info(String message) {
        log.info(message);
    }

    @Override
    public void warn(String message) {
        log.warn(message);
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
