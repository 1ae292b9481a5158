package org.sqlwarehouse.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.descriptor.MojoDescriptor;
import org.apache.maven.plugin.descriptor.Parameter;
import org.apache.maven.plugin.descriptor.PluginDescriptorBuilder;
import org.apache.maven.project.MavenProject;
import org.apache.maven.settings.Proxy;
import org.apache.maven.settings.Settings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlwarehouse.deps.HttpProxy;
import org.sqlwarehouse.testing.ProjectFiles;

/** warehouse:deps as Maven sees it: its descriptor, skip, offline and settings.xml's proxies. */
class DepsMojoTest {
    @TempDir
    Path dir;

    private DepsMojo mojo(boolean offline, Settings settings) {
        DepsMojo mojo = new DepsMojo();
        mojo.projectDirectory = dir.toFile();
        mojo.hubUrl = "http://127.0.0.1:9";
        mojo.project = new MavenProject();
        mojo.project.setArtifactId("shop");
        mojo.session = mock(MavenSession.class);
        when(mojo.session.isOffline()).thenReturn(offline);
        when(mojo.session.getSettings()).thenReturn(settings);
        return mojo;
    }

    @Test
    void theGoalHasNoPhaseIsThreadSafeAndReadsItsProperties() throws Exception {
        MojoDescriptor deps;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("META-INF/maven/plugin.xml")) {
            deps = new PluginDescriptorBuilder().build(new InputStreamReader(in, StandardCharsets.UTF_8))
                    .getMojo("deps");
        }
        assertThat(deps.getPhase()).isNullOrEmpty();
        assertThat(deps.isThreadSafe()).isTrue();
        Map<String, String> properties = deps.getParameters().stream().filter(p -> p.getExpression() != null)
                .collect(Collectors.toMap(Parameter::getName, Parameter::getExpression));
        assertThat(properties).containsEntry("hubUrl", "${warehouse.hubUrl}")
                .containsEntry("upgrade", "${warehouse.upgrade}")
                .containsEntry("skip", "${warehouse.skip}")
                .containsEntry("projectDirectory", "${warehouse.projectDirectory}");
        assertThat(deps.getParameters()).filteredOn(Parameter::isEditable)
                .allSatisfy(p -> assertThat(p.getDescription()).as(p.getName()).isNotBlank());
    }

    @Test
    void skipDoesNothing() throws Exception {
        ProjectFiles.write(dir, "packages.yml", "packages:\n  - local: ../nowhere\n");
        DepsMojo mojo = mojo(false, new Settings());
        mojo.skip = true;
        MojoTestSupport.RecordingLog log = new MojoTestSupport.RecordingLog();
        mojo.setLog(log);
        mojo.execute();
        assertThat(log.lines).containsExactly("[INFO] Skipping warehouse:deps (warehouse.skip=true)");
        assertThat(dir.resolve("package-lock.yml")).doesNotExist();
    }

    @Test
    void installsALocalPackageAndFailsOfflineNamingTheHubPackage() throws Exception {
        ProjectFiles.write(dir, "dbt_project.yml", "name: shop\n");
        ProjectFiles.write(dir, "libs/p/dbt_project.yml", "name: p\n");
        ProjectFiles.write(dir, "packages.yml", "packages:\n  - local: libs/p\n");
        DepsMojo mojo = mojo(true, new Settings());
        mojo.setLog(new MojoTestSupport.RecordingLog());
        mojo.execute();
        assertThat(dir.resolve("dbt_packages/p/dbt_project.yml")).exists();
        assertThat(Files.readString(dir.resolve("package-lock.yml"))).contains("name: p");

        ProjectFiles.write(dir, "packages.yml", "packages:\n  - package: dbt-labs/dbt_utils\n    version: 1.1.1\n");
        assertThatThrownBy(mojo::execute).isInstanceOf(MojoFailureException.class)
                .hasMessageContaining("Maven runs offline (-o), and hub package dbt-labs/dbt_utils needs the network")
                .hasMessageContaining("hint: Run mvn warehouse:deps once without -o");
    }

    @Test
    void activeHttpProxiesOfSettingsXmlArePassedOn() throws Exception {
        Settings settings = new Settings();
        settings.addProxy(proxy("corp", "http", true, "alice", "secret", "localhost|*.internal"));
        settings.addProxy(proxy("off", "https", false, null, null, null));
        settings.addProxy(proxy("socks", "socks5", true, null, null, null));
        assertThat(mojo(false, settings).proxies()).containsExactly(new HttpProxy("http", "corp.example", 3128,
                "alice", "secret", java.util.List.of("localhost", "*.internal")));
        HttpProxy corp = mojo(false, settings).proxies().get(0);
        assertThat(corp.carries("http", "hub.getdbt.com")).isTrue();
        assertThat(corp.carries("http", "git.internal")).isFalse();
        assertThat(corp.carries("https", "hub.getdbt.com")).isFalse();
        assertThat(corp.toString()).doesNotContain("secret");
    }

    private static Proxy proxy(String id, String protocol, boolean active, String user, String password,
            String nonProxyHosts) {
        Proxy proxy = new Proxy();
        proxy.setId(id);
        proxy.setProtocol(protocol);
        proxy.setActive(active);
        proxy.setHost("corp.example");
        proxy.setPort(3128);
        proxy.setUsername(user);
        proxy.setPassword(password);
        proxy.setNonProxyHosts(nonProxyHosts);
        return proxy;
    }
}
