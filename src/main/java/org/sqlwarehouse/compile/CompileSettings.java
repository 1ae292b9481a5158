package org.sqlwarehouse.compile;

import java.util.Map;
import org.sqlwarehouse.dialect.Dialect;
import org.sqlwarehouse.target.ResolvedTarget;

/**
 * What a compile needs besides the project: the target (for {@code target}, schemas and quoting),
 * vars from the command line, and the environment for env_var().
 */
public record CompileSettings(ResolvedTarget target, Dialect dialect, Map<String, Object> cliVars,
        Map<String, String> environment) {
}
