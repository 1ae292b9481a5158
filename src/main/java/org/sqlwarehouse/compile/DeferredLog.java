package org.sqlwarehouse.compile;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import org.sqlwarehouse.report.BuildLog;

/**
 * Holds what one render logs until it can be written in model order: renders that run in parallel
 * finish in any order, but the log should read as if they ran one after the other.
 */
final class DeferredLog implements BuildLog {
    private final BuildLog target;
    private final List<Runnable> entries = new ArrayList<>();

    DeferredLog(BuildLog target) {
        this.target = target;
    }

    private void hold(BiConsumer<BuildLog, String> level, String message) {
        entries.add(() -> level.accept(target, message));
    }

    @Override
    public void info(String message) {
        hold(BuildLog::info, message);
    }

    @Override
    public void warn(String message) {
        hold(BuildLog::warn, message);
    }

    @Override
    public void error(String message) {
        hold(BuildLog::error, message);
    }

    @Override
    public void debug(String message) {
        hold(BuildLog::debug, message);
    }

    @Override
    public boolean isDebugEnabled() {
        return target.isDebugEnabled();
    }

    /** Writes what was held to the real log, in the order it was logged. */
    void flush() {
        entries.forEach(Runnable::run);
        entries.clear();
    }
}
