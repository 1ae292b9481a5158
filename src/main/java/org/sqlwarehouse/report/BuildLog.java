package org.sqlwarehouse.report;

/**
 * Where the core reports progress. The Maven layer adapts it to the Mojo log, so -q and -X work
 * as users expect; the core itself never writes to stdout.
 */
public interface BuildLog {
    void info(String message);

    void warn(String message);

    void error(String message);

    void debug(String message);

    boolean isDebugEnabled();

    /** A log that passes only the debug lines on to the given one: for work that repeats what was logged. */
    static BuildLog debugOnly(BuildLog log) {
        return new BuildLog() {
            @Override
            public void info(String message) {
            }

            @Override
            public void warn(String message) {
            }

            @Override
            public void error(String message) {
            }

            @Override
            public void debug(String message) {
                log.debug(message);
            }

            @Override
            public boolean isDebugEnabled() {
                return log.isDebugEnabled();
            }
        };
    }

    /** A log that drops everything, for callers that want none. */
    BuildLog SILENT = new BuildLog() {
        @Override
        public void info(String message) {
        }

        @Override
        public void warn(String message) {
        }

        @Override
        public void error(String message) {
        }

        @Override
        public void debug(String message) {
        }

        @Override
        public boolean isDebugEnabled() {
            return false;
        }
    };
}
