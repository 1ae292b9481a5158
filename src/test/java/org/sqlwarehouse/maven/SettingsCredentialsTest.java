package org.sqlwarehouse.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.List;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.building.DefaultSettingsProblem;
import org.apache.maven.settings.building.SettingsProblem;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecryptionRequest;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;
import org.junit.jupiter.api.Test;
import org.sqlwarehouse.WarehouseException;
import org.sqlwarehouse.environment.TargetDefinition;

/** serverId credentials: the decrypter is Maven's and mocked; what the plugin does with it is real. */
class SettingsCredentialsTest {
    private static final String SECRET = "decrypted-S3cret";

    private static Settings settingsWith(String id, String user, String password) {
        Server server = new Server();
        server.setId(id);
        server.setUsername(user);
        server.setPassword(password);
        Settings settings = new Settings();
        settings.addServer(server);
        return settings;
    }

    private static SettingsDecrypter decrypterGiving(String password, List<SettingsProblem> problems) {
        SettingsDecrypter decrypter = mock(SettingsDecrypter.class);
        when(decrypter.decrypt(any(SettingsDecryptionRequest.class))).thenAnswer(call -> {
            Server in = ((SettingsDecryptionRequest) call.getArgument(0)).getServers().get(0);
            Server out = in.clone();
            out.setPassword(password);
            SettingsDecryptionResult result = mock(SettingsDecryptionResult.class);
            when(result.getServer()).thenReturn(out);
            when(result.getProblems()).thenReturn(problems);
            return result;
        });
        return decrypter;
    }

    private static TargetDefinition prod(String serverId) {
        return TargetDefinition.builder("prod").type("postgres").serverId(serverId).origin("pom.xml").build();
    }

    @Test
    void takesUserAndDecryptedPasswordFromTheServer() throws Exception {
        SettingsCredentials credentials = new SettingsCredentials(settingsWith("wh-prod", "deployer",
                "{encrypted}"), decrypterGiving(SECRET, List.of()));
        TargetDefinition resolved = credentials.resolve(prod("wh-prod"));
        assertThat(resolved.user()).isEqualTo("deployer");
        assertThat(resolved.password()).isEqualTo(SECRET);
        assertThat(resolved.origin()).isEqualTo("pom.xml, credentials from settings.xml server 'wh-prod'");
        assertThat(resolved.toString()).doesNotContain(SECRET);
    }

    @Test
    void aTargetWithoutServerIdIsLeftAlone() throws Exception {
        TargetDefinition dev = TargetDefinition.builder("dev").type("duckdb").path("x.duckdb").build();
        assertThat(new SettingsCredentials(new Settings(), decrypterGiving(SECRET, List.of())).resolve(dev))
                .isSameAs(dev);
    }

    @Test
    void credentialsInBothPlacesAreAnError() {
        TargetDefinition both = prod("wh-prod").toBuilder().user("someone").build();
        assertThatThrownBy(() -> new SettingsCredentials(settingsWith("wh-prod", "u", "p"),
                decrypterGiving(SECRET, List.of())).resolve(both))
                .isInstanceOf(WarehouseException.class)
                .hasMessageContaining("credentials both in pom.xml and through serverId 'wh-prod'");
    }

    @Test
    void aMissingServerSaysHowToAddIt() {
        assertThatThrownBy(() -> new SettingsCredentials(new Settings(), decrypterGiving(SECRET, List.of()))
                .resolve(prod("wh-prod")))
                .isInstanceOf(WarehouseException.class)
                .hasMessageContaining("settings.xml has no <server> with that id")
                .satisfies(e -> assertThat(((WarehouseException) e).getHint()).contains("<id>wh-prod</id>"));
    }

    @Test
    void aDecryptionFailureIsReportedWithoutTheSecret() {
        SettingsProblem problem = new DefaultSettingsProblem("Failed to decrypt password for server wh-prod",
                SettingsProblem.Severity.ERROR, "server: wh-prod", -1, -1, null);
        assertThatThrownBy(() -> new SettingsCredentials(settingsWith("wh-prod", "u", "{enc}"),
                decrypterGiving(SECRET, List.of(problem))).resolve(prod("wh-prod")))
                .isInstanceOf(WarehouseException.class)
                .hasMessageContaining("Cannot decrypt the password of settings.xml server 'wh-prod'")
                .hasMessageNotContaining(SECRET);
    }
}
