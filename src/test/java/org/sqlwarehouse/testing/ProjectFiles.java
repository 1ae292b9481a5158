package org.sqlwarehouse.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes the files of a dbt project a test builds, creating folders as needed. */
public final class ProjectFiles {
    private ProjectFiles() {
    }

    /** Writes content (UTF-8) to dir/relative, replacing the file if it is there. */
    public static void write(Path dir, String relative, String content) throws IOException {
        Path file = dir.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
    }
}
