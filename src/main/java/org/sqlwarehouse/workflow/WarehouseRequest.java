package org.sqlwarehouse.workflow;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.sqlwarehouse.report.BuildLog;
import org.sqlwarehouse.target.CredentialResolver;
import org.sqlwarehouse.target.TargetDefinition;

/**
 * Everything a goal is given, free of Maven types.
 *
 * @param projectDirectory   where dbt_project.yml and models/ are
 * @param fallbackName       the project name without dbt_project.yml (the artifactId)
 * @param outputDirectory    target/warehouse
 * @param declaredTargets    targets from the POM
 * @param implicitDevPath    the DuckDB file of the implicit dev target
 * @param explicitTarget     warehouse.target, or null
 * @param activeProfileIds   ids of the active Maven profiles
 * @param explicitUser       warehouse.user, or null
 * @param devSchemaPrefix    dbt_ unless configured
 * @param threadsOverride    warehouse.threads, or null
 * @param vars               warehouse.vars as YAML, or null
 * @param environment        the process environment (env_var, WAREHOUSE_USER)
 * @param systemUserName     the system property user.name
 * @param profilesDir        warehouse.profilesDir, or null
 * @param profileName        warehouse.profile, or null (then dbt_project.yml's profile)
 * @param userHome           where ~/.dbt/profiles.yml is looked for
 * @param credentials        resolves the selected target's serverId
 * @param fullRefresh        warehouse.fullRefresh: rebuild incremental models whole
 * @param skipTests          skipTests / warehouse.skipTests: build without data tests
 * @param select             warehouse.select, dbt's selection syntax, or null for all
 * @param exclude            warehouse.exclude, or null
 * @param lockTimeoutSeconds how long a deploy waits for another one to finish
 * @param pruneOrphans       whether a deploy drops relations the project no longer has
 * @param recreateOutsideViews whether a deploy defines views outside the project again over the
 *                           relations it replaces, rather than failing
 * @param projectVersion     the Maven project's version, recorded with each deploy
 */
public record WarehouseRequest(Path projectDirectory, String fallbackName, Path outputDirectory,
        List<TargetDefinition> declaredTargets, Path implicitDevPath, String explicitTarget,
        List<String> activeProfileIds, String explicitUser, String devSchemaPrefix, Integer threadsOverride,
        String vars, boolean failFast, Map<String, String> environment, String systemUserName, String profilesDir,
        String profileName, Path userHome, CredentialResolver credentials, boolean fullRefresh, boolean skipTests,
        String select, String exclude, int lockTimeoutSeconds, boolean pruneOrphans,
        boolean recreateOutsideViews, String projectVersion,
        BuildLog log) {
}
