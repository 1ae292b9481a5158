package org.sqlwarehouse.workflow;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.sqlwarehouse.environment.CredentialResolver;
import org.sqlwarehouse.environment.TargetDefinition;
import org.sqlwarehouse.report.BuildLog;

/**
 * Collects a {@link WarehouseRequest}'s fields; unset ones keep the defaults a plain command line
 * would have. Made by {@link WarehouseRequest#builder()}.
 */
public final class WarehouseRequestBuilder {
    // package-private: WarehouseRequest's constructor reads them
    Path projectDirectory;
    String fallbackName = "project";
    Path outputDirectory;
    List<TargetDefinition> declaredTargets = List.of();
    Path implicitDevPath;
    String explicitTarget;
    List<String> activeProfileIds = List.of();
    String explicitUser;
    String devSchemaPrefix = org.sqlwarehouse.environment.DevSchemaNaming.DEFAULT_PREFIX;
    Integer threadsOverride;
    String vars;
    boolean failFast;
    Map<String, String> environment = Map.of();
    String systemUserName = System.getProperty("user.name");
    String profilesDir;
    String profileName;
    Path userHome;
    CredentialResolver credentials = CredentialResolver.NONE;
    boolean fullRefresh;
    String eventTimeStart;
    String eventTimeEnd;
    boolean skipTests;
    boolean mavenSkipTests;
    boolean allowUntestedDeploy;
    String select;
    String exclude;
    String defer;
    boolean favorState;
    String state;
    String indirectSelection;
    int lockTimeoutSeconds = 60;
    boolean pruneOrphans;
    boolean recreateOutsideViews;
    String projectVersion;
    String olderThan;
    boolean dryRun;
    BuildLog log = BuildLog.SILENT;

    WarehouseRequestBuilder() {
    }

    public WarehouseRequestBuilder projectDirectory(Path value) {
        projectDirectory = value;
        return this;
    }

    public WarehouseRequestBuilder fallbackName(String value) {
        fallbackName = value;
        return this;
    }

    public WarehouseRequestBuilder outputDirectory(Path value) {
        outputDirectory = value;
        return this;
    }

    public WarehouseRequestBuilder declaredTargets(List<TargetDefinition> value) {
        declaredTargets = value;
        return this;
    }

    public WarehouseRequestBuilder implicitDevPath(Path value) {
        implicitDevPath = value;
        return this;
    }

    public WarehouseRequestBuilder explicitTarget(String value) {
        explicitTarget = value;
        return this;
    }

    public WarehouseRequestBuilder activeProfileIds(List<String> value) {
        activeProfileIds = value;
        return this;
    }

    public WarehouseRequestBuilder explicitUser(String value) {
        explicitUser = value;
        return this;
    }

    public WarehouseRequestBuilder devSchemaPrefix(String value) {
        devSchemaPrefix = value;
        return this;
    }

    public WarehouseRequestBuilder threadsOverride(Integer value) {
        threadsOverride = value;
        return this;
    }

    public WarehouseRequestBuilder vars(String value) {
        vars = value;
        return this;
    }

    public WarehouseRequestBuilder failFast(boolean value) {
        failFast = value;
        return this;
    }

    public WarehouseRequestBuilder environment(Map<String, String> value) {
        environment = value;
        return this;
    }

    public WarehouseRequestBuilder systemUserName(String value) {
        systemUserName = value;
        return this;
    }

    public WarehouseRequestBuilder profilesDir(String value) {
        profilesDir = value;
        return this;
    }

    public WarehouseRequestBuilder profileName(String value) {
        profileName = value;
        return this;
    }

    public WarehouseRequestBuilder userHome(Path value) {
        userHome = value;
        return this;
    }

    public WarehouseRequestBuilder credentials(CredentialResolver value) {
        credentials = value;
        return this;
    }

    public WarehouseRequestBuilder fullRefresh(boolean value) {
        fullRefresh = value;
        return this;
    }

    /** warehouse.eventTimeStart: a date or date and time, UTC; null for none. */
    public WarehouseRequestBuilder eventTimeStart(String value) {
        eventTimeStart = value;
        return this;
    }

    /** warehouse.eventTimeEnd: a date or date and time, UTC; null for now. */
    public WarehouseRequestBuilder eventTimeEnd(String value) {
        eventTimeEnd = value;
        return this;
    }

    public WarehouseRequestBuilder skipTests(boolean value) {
        skipTests = value;
        return this;
    }

    public WarehouseRequestBuilder mavenSkipTests(boolean value) {
        mavenSkipTests = value;
        return this;
    }

    public WarehouseRequestBuilder allowUntestedDeploy(boolean value) {
        allowUntestedDeploy = value;
        return this;
    }

    public WarehouseRequestBuilder select(String value) {
        select = value;
        return this;
    }

    public WarehouseRequestBuilder exclude(String value) {
        exclude = value;
        return this;
    }

    public WarehouseRequestBuilder defer(String value) {
        defer = value;
        return this;
    }

    public WarehouseRequestBuilder favorState(boolean value) {
        favorState = value;
        return this;
    }

    public WarehouseRequestBuilder state(String value) {
        state = value;
        return this;
    }

    public WarehouseRequestBuilder indirectSelection(String value) {
        indirectSelection = value;
        return this;
    }

    public WarehouseRequestBuilder lockTimeoutSeconds(int value) {
        lockTimeoutSeconds = value;
        return this;
    }

    public WarehouseRequestBuilder pruneOrphans(boolean value) {
        pruneOrphans = value;
        return this;
    }

    public WarehouseRequestBuilder recreateOutsideViews(boolean value) {
        recreateOutsideViews = value;
        return this;
    }

    public WarehouseRequestBuilder projectVersion(String value) {
        projectVersion = value;
        return this;
    }

    public WarehouseRequestBuilder olderThan(String value) {
        olderThan = value;
        return this;
    }

    public WarehouseRequestBuilder dryRun(boolean value) {
        dryRun = value;
        return this;
    }

    public WarehouseRequestBuilder log(BuildLog value) {
        log = value;
        return this;
    }

    public WarehouseRequest build() {
        return new WarehouseRequest(this);
    }
}
