package org.sqlwarehouse.project;

import java.nio.file.Path;
import java.util.List;

/** A loaded project: its settings and every node source found on disk. */
public record DbtProject(Path directory, ProjectSettings settings, List<ModelSource> models, List<SeedSource> seeds) {
    public String name() {
        return settings.name();
    }
}
