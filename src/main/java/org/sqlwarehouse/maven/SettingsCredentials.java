package org.sqlwarehouse.maven;

import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.building.SettingsProblem;
import org.apache.maven.settings.crypto.DefaultSettingsDecryptionRequest;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;
import org.sqlwarehouse.WarehouseException;
import org.sqlwarehouse.environment.CredentialResolver;
import org.sqlwarehouse.environment.TargetDefinition;

/**
 * Takes a target's user and password from the {@code <server>} of ~/.m2/settings.xml named by its
 * serverId, decrypted as Maven decrypts them (settings-security.xml), as flyway-maven-plugin does.
 */
final class SettingsCredentials implements CredentialResolver {
    private final Settings settings;
    private final SettingsDecrypter decrypter;

    SettingsCredentials(Settings settings, SettingsDecrypter decrypter) {
        this.settings = settings;
        this.decrypter = decrypter;
    }

    @Override
    public TargetDefinition resolve(TargetDefinition target) throws WarehouseException {
        String id = target.serverId();
        if (id == null || id.isBlank()) {
            return target;
        }
        if (target.user() != null || target.password() != null) {
            throw new WarehouseException("Target '" + target.name() + "' has credentials both in " + target.origin()
                    + " and through serverId '" + id + "'.",
                    "Keep them in one place: remove <user>/<password> from the target, or remove <serverId>.");
        }
        Server server = settings == null ? null : settings.getServer(id);
        if (server == null) {
            throw new WarehouseException("Target '" + target.name() + "' names serverId '" + id
                    + "', but settings.xml has no <server> with that id.",
                    "Add <servers><server><id>" + id + "</id><username>...</username><password>...</password>"
                            + "</server></servers> to ~/.m2/settings.xml (encrypt the password with mvn --encrypt-password).");
        }
        SettingsDecryptionResult result = decrypter.decrypt(new DefaultSettingsDecryptionRequest(server));
        for (SettingsProblem problem : result.getProblems()) {
            if (problem.getSeverity() != SettingsProblem.Severity.WARNING) {
                // the problem's message names the server, never the secret
                throw new WarehouseException("Cannot decrypt the password of settings.xml server '" + id + "': "
                        + problem.getMessage(),
                        "Check ~/.m2/settings-security.xml (or -Dsettings.security) and the encrypted password.");
            }
        }
        Server decrypted = result.getServer();
        return target.toBuilder()
                .user(decrypted.getUsername())
                .password(decrypted.getPassword())
                .origin(target.origin() + ", credentials from settings.xml server '" + id + "'")
                .build();
    }
}
