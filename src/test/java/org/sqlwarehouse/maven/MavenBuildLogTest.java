package org.sqlwarehouse.maven;

import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import org.apache.maven.plugin.logging.Log;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.Test;

/** mvn verify runs three goals that load the project: a project warning is given once per run, not three times. */
class MavenBuildLogTest {
    @Test
    void aWarningAnotherGoalOfTheProjectGaveIsNotRepeated() {
        MavenProject project = new MavenProject();
        Log compile = mock(Log.class);
        Log build = mock(Log.class);
        new MavenBuildLog(compile, MavenBuildLog.warnedIn(project)).warn("models/x.yml: 'metrics:' is left out");
        MavenBuildLog buildLog = new MavenBuildLog(build, MavenBuildLog.warnedIn(project));
        buildLog.warn("models/x.yml: 'metrics:' is left out");
        buildLog.warn("another warning");
        buildLog.info("info lines are never held back");
        buildLog.info("info lines are never held back");

        verify(compile).warn("models/x.yml: 'metrics:' is left out");
        verify(build, times(0)).warn("models/x.yml: 'metrics:' is left out");
        verify(build).warn("another warning");
        verify(build, times(2)).info("info lines are never held back");

        // another project of the reactor warns for itself
        Log other = mock(Log.class);
        new MavenBuildLog(other, MavenBuildLog.warnedIn(new MavenProject())).warn("models/x.yml: 'metrics:' is left out");
        verify(other).warn("models/x.yml: 'metrics:' is left out");
    }
}
