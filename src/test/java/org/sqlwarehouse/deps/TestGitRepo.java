package org.sqlwarehouse.deps;

import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.sqlwarehouse.testing.ProjectFiles;

/** A git repository a test makes with JGit and points packages.yml at through a file:// URL. */
final class TestGitRepo implements AutoCloseable {
    private final Path dir;
    private final Git git;

    TestGitRepo(Path dir) throws Exception {
        this.dir = dir;
        this.git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call();
    }

    String url() {
        return dir.toUri().toString();
    }

    /** Writes the files and commits them on the current branch. */
    RevCommit commit(String message, String... pathsAndContents) throws Exception {
        for (int i = 0; i < pathsAndContents.length; i += 2) {
            ProjectFiles.write(dir, pathsAndContents[i], pathsAndContents[i + 1]);
        }
        git.add().addFilepattern(".").call();
        return git.commit().setMessage(message).setAuthor("test", "test@example.com")
                .setCommitter("test", "test@example.com").setSign(false).call();
    }

    void tag(String name) throws Exception {
        git.tag().setName(name).setAnnotated(true).setMessage(name).setSigned(false).call();
    }

    void branch(String name) throws Exception {
        git.checkout().setCreateBranch(true).setName(name).call();
    }

    void checkout(String name) throws Exception {
        git.checkout().setName(name).call();
    }

    @Override
    public void close() {
        git.close();
    }
}
