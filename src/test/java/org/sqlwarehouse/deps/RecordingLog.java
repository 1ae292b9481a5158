package org.sqlwarehouse.deps;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.sqlwarehouse.report.BuildLog;

/** A log that keeps every line, prefixed with its level. */
final class RecordingLog implements BuildLog {
    final List<String> lines = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void info(String message) {
        lines.add("INFO " + message);
    }

    @Override
    public void warn(String message) {
        lines.add("WARN " + message);
    }

    @Override
    public void error(String message) {
        lines.add("ERROR " + message);
    }

    @Override
    public void debug(String message) {
        lines.add("DEBUG " + message);
    }

    @Override
    public boolean isDebugEnabled() {
        return true;
    }

    String text() {
        return String.join("\n", lines);
    }
}
