package org.sqlwarehouse.environment;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.sqlwarehouse.WarehouseException;

/**
 * Picks the target to use, first match wins: the warehouse.target property, the one active Maven
 * profile named {@code target-<name>}, the profiles.yml default, then "dev".
 */
public final class TargetSelection {
    public static final String PROFILE_PREFIX = "target-";
    public static final String DEFAULT_TARGET = "dev";

    private TargetSelection() {
    }

    /**
     * @param available        names of the targets that exist
     * @param explicitTarget   the warehouse.target property, or null
     * @param activeProfileIds ids of every active Maven profile
     * @param profilesDefault  the {@code target:} of profiles.yml, or null
     * @return the name of the selected target, one of {@code available}
     */
    public static String select(Collection<String> available, String explicitTarget, Collection<String> activeProfileIds,
            String profilesDefault) throws WarehouseException {
        String chosen;
        String because;
        List<String> fromProfiles = targetProfiles(activeProfileIds);
        if (explicitTarget != null && !explicitTarget.isBlank()) {
            chosen = explicitTarget.trim();
            because = "warehouse.target=" + chosen;
        } else if (fromProfiles.size() > 1) {
            throw new WarehouseException("More than one target profile is active: "
                    + String.join(", ", fromProfiles.stream().map(n -> PROFILE_PREFIX + n).toList()) + ".",
                    "Activate only one target-<name> profile, or choose with -Dwarehouse.target=<name>.");
        } else if (fromProfiles.size() == 1) {
            chosen = fromProfiles.get(0);
            because = "the active profile " + PROFILE_PREFIX + chosen;
        } else if (profilesDefault != null && !profilesDefault.isBlank()) {
            chosen = profilesDefault;
            because = "the profiles.yml default target";
        } else {
            chosen = DEFAULT_TARGET;
            because = "the default";
        }
        if (!available.contains(chosen)) {
            throw new WarehouseException("Unknown target '" + chosen + "' (selected by " + because
                    + "). Targets that exist: " + (available.isEmpty() ? "none" : String.join(", ", available)) + ".",
                    "Declare it under <targets> in the plugin configuration or in profiles.yml, or select one of those.");
        }
        return chosen;
    }

    /** Target names of the active profiles whose id is target-&lt;name&gt;, without duplicates. */
    static List<String> targetProfiles(Collection<String> activeProfileIds) {
        List<String> names = new ArrayList<>();
        for (String id : activeProfileIds) {
            if (id != null && id.startsWith(PROFILE_PREFIX) && id.length() > PROFILE_PREFIX.length()) {
                String name = id.substring(PROFILE_PREFIX.length());
                if (!names.contains(name)) {
                    names.add(name);
                }
            }
        }
        return names;
    }
}
