package org.sqlwarehouse.environment;

import org.sqlwarehouse.WarehouseException;

/**
 * Fills in a target's credentials from outside the project (Maven's settings.xml for a serverId).
 * Called for the selected target only, so that a developer's machine needs no credentials for
 * targets it does not use.
 */
@FunctionalInterface
public interface CredentialResolver {
    TargetDefinition resolve(TargetDefinition target) throws WarehouseException;

    /** Leaves targets as declared; a serverId is then an error, as nothing can resolve it. */
    CredentialResolver NONE = target -> {
        if (target.serverId() != null) {
            throw new WarehouseException("Target '" + target.name() + "' names serverId '" + target.serverId()
                    + "', but no settings.xml is available to resolve it.");
        }
        return target;
    };
}
