package org.sqlwarehouse.compile;

import java.util.Map;
import org.sqlwarehouse.dialect.Dialect;
import org.sqlwarehouse.report.BuildLog;
import org.sqlwarehouse.target.ResolvedTarget;

/**
 * What a compile needs besides the project: the target (for {@code target}, schemas and quoting),
 * vars from the command line, the environment for env_var(), and where log() writes.
 */
public record CompileSettings(ResolvedTarget target, Dialect dialect, Map<String, Object> cliVars,
        Map<String, String> environment, BuildLog log) {

    public CompileSettings(ResolvedTarget target, Dialect dialect, Map<String, Object> cliVars,
            Map<String, String> environment) {
        this(target, dialect, cliVars, environment, BuildLog.SILENT);
    }
}
