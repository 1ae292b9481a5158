package org.sqlwarehouse.deps;

import org.sqlwarehouse.WarehouseException;

/**
 * A package published as a Maven artifact: {@code groupId:artifactId:version}, with the classifier
 * {@code dbt} and the type {@code tar.gz} that {@code warehouse:package} attaches, unless given as
 * {@code groupId:artifactId:version:classifier}.
 */
public record MavenCoordinates(String groupId, String artifactId, String version, String classifier) {
    /** What warehouse:package attaches its archive as. */
    public static final String CLASSIFIER = "dbt";
    public static final String TYPE = "tar.gz";

    static MavenCoordinates parse(String text, String where) throws WarehouseException {
        String[] parts = text.strip().split(":");
        if (parts.length < 3 || parts.length > 4) {
            throw new WarehouseException(where + ": '" + text + "' is not groupId:artifactId:version.",
                    "Name the artifact as Maven does, e.g. maven: org.acme.analytics:finance-dbt:1.2.0");
        }
        for (String part : parts) {
            if (part.isBlank()) {
                throw new WarehouseException(where + ": '" + text + "' has an empty part.",
                        "Name the artifact as Maven does, e.g. maven: org.acme.analytics:finance-dbt:1.2.0");
            }
        }
        return new MavenCoordinates(parts[0], parts[1], parts[2], parts.length == 4 ? parts[3] : CLASSIFIER);
    }

    @Override
    public String toString() {
        return groupId + ":" + artifactId + ":" + version + (CLASSIFIER.equals(classifier) ? "" : ":" + classifier);
    }
}
