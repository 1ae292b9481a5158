package org.sqlwarehouse.environment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds unprotected targets that log in to a protected target's database as the same user.
 *
 * <p>Protection keeps {@code mvn verify} from replacing live relations, but a dev build that runs as
 * prod's user still holds prod's privileges: a model that names a prod relation, a hook, or a
 * mistyped schema can change it. dbt's advice is that each user builds with their own credentials;
 * this says when a project does not.
 */
public final class SharedLogins {
    /**
     * One unprotected target and the protected targets whose login it shares.
     *
     * @param unprotectedTarget the target that is built in place
     * @param protectedTargets  the protected targets with the same database and login, in catalog order
     * @param login             where and as whom, without secrets
     */
    public record Shared(String unprotectedTarget, List<String> protectedTargets, TargetLogin login) {
        /** The warning, naming both sides, with dbt's advice and how to follow it. */
        public String warning() {
            String others = protectedTargets.size() == 1 ? "protected target '" + protectedTargets.get(0) + "'"
                    : "protected targets '" + String.join("', '", protectedTargets) + "'";
            return "Target '" + unprotectedTarget + "' connects to the database of " + others + " ("
                    + login.database() + ") as the same login, " + login.login() + ": a build of '"
                    + unprotectedTarget + "' holds the privileges of " + others + " and can change "
                    + (protectedTargets.size() == 1 ? "its" : "their") + " live relations. dbt's advice is that each user builds with their own credentials: give '"
                    + unprotectedTarget + "' a user of its own without write access to protected schemas"
                    + " (e.g. <user>{{ env_var('USER') }}</user>, or its own <serverId>), or another database.";
        }
    }

    private SharedLogins() {
    }

    /**
     * The unprotected targets among {@code candidates} that share a login with a protected target.
     *
     * @param logins     every target whose login is known, with it, in catalog order; a target whose
     *                   login cannot be told (an output that does not render here) is left out
     * @param candidates the unprotected targets to check: the selected one at build, all at debug
     * @return one entry per unprotected target, so that each is warned of once
     */
    public static List<Shared> find(Map<TargetDefinition, TargetLogin> logins, Set<String> candidates) {
        Map<String, Shared> found = new LinkedHashMap<>();
        for (Map.Entry<TargetDefinition, TargetLogin> unprotected : logins.entrySet()) {
            TargetDefinition target = unprotected.getKey();
            if (target.isProtected() || !candidates.contains(target.name())) {
                continue;
            }
            List<String> shared = new ArrayList<>();
            for (Map.Entry<TargetDefinition, TargetLogin> other : logins.entrySet()) {
                if (other.getKey().isProtected() && other.getValue().equals(unprotected.getValue())) {
                    shared.add(other.getKey().name());
                }
            }
            if (!shared.isEmpty()) {
                found.put(target.name(), new Shared(target.name(), List.copyOf(shared), unprotected.getValue()));
            }
        }
        return List.copyOf(found.values());
    }
}
