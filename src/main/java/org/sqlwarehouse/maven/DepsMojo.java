package org.sqlwarehouse.maven;

import java.io.File;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.apache.maven.settings.Proxy;
import org.apache.maven.settings.building.SettingsProblem;
import org.apache.maven.settings.crypto.DefaultSettingsDecryptionRequest;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;
import org.sqlwarehouse.WarehouseException;
import org.sqlwarehouse.deps.DepsRequest;
import org.sqlwarehouse.deps.HttpProxy;
import org.sqlwarehouse.deps.PackageDeps;

/**
 * Installs the packages of packages.yml (or dependencies.yml) into dbt_packages/ (or
 * packages-install-path), as dbt deps: hub, git, tarball and local packages and the packages they
 * need, pinned in package-lock.yml. With a package-lock.yml written from the same packages.yml it
 * installs exactly what the lock says. Builds never install packages: they fail, saying to run
 * this goal, when what is installed differs from the lock.
 */
@Mojo(name = "deps", threadSafe = true)
public class DepsMojo extends AbstractMojo {

    /** The folder with dbt_project.yml and packages.yml. */
    @Parameter(property = "warehouse.projectDirectory", defaultValue = "${project.basedir}")
    protected File projectDirectory;

    /** The dbt package hub that {@code package:} entries are resolved against (its /api/v1/ index). */
    @Parameter(property = "warehouse.hubUrl", defaultValue = DepsRequest.DEFAULT_HUB_URL)
    protected String hubUrl;

    /**
     * Resolve packages.yml again and rewrite package-lock.yml, ignoring the versions and commits it
     * locked, as {@code dbt deps --upgrade}.
     */
    @Parameter(property = "warehouse.upgrade", defaultValue = "false")
    protected boolean upgrade;

    /** Skip this goal. */
    @Parameter(property = "warehouse.skip", defaultValue = "false")
    protected boolean skip;

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    protected MavenProject project;

    @Parameter(defaultValue = "${session}", readonly = true, required = true)
    protected MavenSession session;

    @Component
    protected SettingsDecrypter settingsDecrypter;

    /** Resolves packages published as Maven artifacts ({@code maven:} entries of packages.yml). */
    @Component
    protected org.eclipse.aether.RepositorySystem repositorySystem;

    @Override
    public void execute() throws MojoFailureException {
        if (skip) {
            getLog().info("Skipping warehouse:deps (warehouse.skip=true)");
            return;
        }
        try {
            new PackageDeps(DepsRequest.builder()
                    .projectDirectory(projectDirectory.toPath())
                    .fallbackName(project.getArtifactId())
                    .hubUrl(hubUrl)
                    .upgrade(upgrade)
                    .offline(session != null && session.isOffline())
                    .proxies(proxies())
                    .log(new MavenBuildLog(getLog()))
                    .artifacts(repositorySystem == null || session == null ? null
                            : new MavenArtifactPackages(repositorySystem, session, project.getRemoteProjectRepositories()))
                    .build()).run();
        } catch (WarehouseException e) {
            throw new MojoFailureException(e.describe(), e);
        }
    }

    /** settings.xml's active HTTP(S) proxies, passwords decrypted as Maven decrypts them. */
    List<HttpProxy> proxies() throws WarehouseException {
        List<HttpProxy> out = new ArrayList<>();
        if (session == null || session.getSettings() == null) {
            return out;
        }
        for (Proxy proxy : session.getSettings().getProxies()) {
            if (!proxy.isActive() || !List.of("http", "https").contains(String.valueOf(proxy.getProtocol()).toLowerCase(Locale.ROOT))) {
                continue;
            }
            Proxy decrypted = proxy;
            if (settingsDecrypter != null && proxy.getPassword() != null) {
                SettingsDecryptionResult result = settingsDecrypter.decrypt(new DefaultSettingsDecryptionRequest(proxy));
                for (SettingsProblem problem : result.getProblems()) {
                    if (problem.getSeverity() != SettingsProblem.Severity.WARNING) {
                        throw new WarehouseException("Cannot decrypt the password of settings.xml proxy '"
                                + proxy.getId() + "': " + problem.getMessage(),
                                "Check ~/.m2/settings-security.xml and the proxy's encrypted password.");
                    }
                }
                decrypted = result.getProxy();
            }
            List<String> nonProxyHosts = decrypted.getNonProxyHosts() == null ? List.of()
                    : Arrays.asList(decrypted.getNonProxyHosts().split("[|,]"));
            out.add(new HttpProxy(decrypted.getProtocol(), decrypted.getHost(), decrypted.getPort(),
                    decrypted.getUsername(), decrypted.getPassword(), nonProxyHosts));
        }
        return out;
    }
}
