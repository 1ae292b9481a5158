package org.sqlwarehouse.compile;

import java.util.Map;
import org.sqlwarehouse.dialect.Dialect;
import org.sqlwarehouse.dialect.RelationName;
import org.sqlwarehouse.report.BuildLog;
import org.sqlwarehouse.environment.ResolvedTarget;

/**
 * What a compile needs besides the project: the target (for {@code target}, schemas and quoting),
 * vars from the command line, the environment for env_var(), where log() writes, and whether the
 * build is a full refresh (flags.FULL_REFRESH).
 */
public record CompileSettings(ResolvedTarget target, Dialect dialect, Map<String, Object> cliVars,
        Map<String, String> environment, BuildLog log, Map<String, String> identifierOverrides, boolean fullRefresh,
        Map<String, RelationName> relationOverrides) {

    public CompileSettings(ResolvedTarget target, Dialect dialect, Map<String, Object> cliVars,
            Map<String, String> environment, BuildLog log, Map<String, String> identifierOverrides,
            boolean fullRefresh) {
        this(target, dialect, cliVars, environment, log, identifierOverrides, fullRefresh, Map.of());
    }

    public CompileSettings(ResolvedTarget target, Dialect dialect, Map<String, Object> cliVars,
            Map<String, String> environment, BuildLog log, Map<String, String> identifierOverrides) {
        this(target, dialect, cliVars, environment, log, identifierOverrides, false);
    }

    public CompileSettings(ResolvedTarget target, Dialect dialect, Map<String, Object> cliVars,
            Map<String, String> environment) {
        this(target, dialect, cliVars, environment, BuildLog.SILENT, Map.of());
    }

    public CompileSettings(ResolvedTarget target, Dialect dialect, Map<String, Object> cliVars,
            Map<String, String> environment, BuildLog log) {
        this(target, dialect, cliVars, environment, log, Map.of());
    }

    /**
     * The same settings, with some nodes' relations renamed: a staged candidate is built under
     * other names, and every ref to those nodes must read the candidate.
     *
     * @param overrides node name to the identifier its relation gets
     */
    public CompileSettings withIdentifierOverrides(Map<String, String> overrides) {
        return new CompileSettings(target, dialect, cliVars, environment, log, overrides, fullRefresh, relationOverrides);
    }

    /**
     * The same settings with some nodes' relations elsewhere, schema and identifier: with
     * warehouse.defer, a ref to a node left out of the selection reads another environment's relation.
     *
     * @param overrides node unique id to the relation every ref to it reads
     */
    public CompileSettings withRelationOverrides(Map<String, RelationName> overrides) {
        return new CompileSettings(target, dialect, cliVars, environment, log, identifierOverrides, fullRefresh,
                Map.copyOf(overrides));
    }

    /** The same settings reporting to another log. */
    public CompileSettings withLog(BuildLog otherLog) {
        return new CompileSettings(target, dialect, cliVars, environment, otherLog, identifierOverrides, fullRefresh, relationOverrides);
    }

    /** The same settings for a build with warehouse.fullRefresh: what flags.FULL_REFRESH says. */
    public CompileSettings withFullRefresh(boolean fullRefresh) {
        return new CompileSettings(target, dialect, cliVars, environment, log, identifierOverrides, fullRefresh, relationOverrides);
    }
}
