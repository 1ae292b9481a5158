package org.sqlwarehouse.workflow;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** The commit a deploy comes from, recorded in the state; null where there is no git. */
final class GitInfo {
    private GitInfo() {
    }

    static String headCommit(Path directory) {
        try {
            Process git = new ProcessBuilder("git", "rev-parse", "HEAD").directory(directory.toFile())
                    .redirectErrorStream(true).start();
            if (!git.waitFor(5, TimeUnit.SECONDS)) {
                git.destroyForcibly();
                return null;
            }
            String out = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return git.exitValue() == 0 && out.matches("[0-9a-f]{40}") ? out : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
