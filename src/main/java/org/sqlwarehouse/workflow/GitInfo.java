package org.sqlwarehouse.workflow;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** The commit a deploy comes from, recorded in the state; null where there is no git. */
final class GitInfo {
    private GitInfo() {
    }

    private static void closeQuietly(InputStream stream) {
        try {
            stream.close();
        } catch (IOException ignored) {
            // the process is gone; nothing more to release
        }
    }

    static String headCommit(Path directory) {
        Process git = null;
        try {
            git = new ProcessBuilder("git", "rev-parse", "HEAD").directory(directory.toFile())
                    .redirectErrorStream(true).start();
            git.getOutputStream().close();
            if (!git.waitFor(5, TimeUnit.SECONDS)) {
                return null;
            }
            String out;
            try (InputStream stdout = git.getInputStream()) {
                out = new String(stdout.readAllBytes(), StandardCharsets.UTF_8).trim();
            }
            return git.exitValue() == 0 && out.matches("[0-9a-f]{40}") ? out : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } finally {
            // a git that hangs is killed; a finished one has nothing left to release but its streams
            if (git != null) {
                if (git.isAlive()) {
                    git.destroyForcibly();
                }
                closeQuietly(git.getInputStream());
            }
        }
    }
}
