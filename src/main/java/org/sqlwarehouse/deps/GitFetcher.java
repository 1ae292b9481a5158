package org.sqlwarehouse.deps;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.api.ResetCommand;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.transport.FetchResult;
import org.sqlwarehouse.WarehouseException;

/**
 * Checks a git package out through JGit (no git executable needed): clones the repository and
 * resolves the revision as dbt does, a branch, a tag or a commit, to the commit it names.
 */
final class GitFetcher {
    /** A checkout: the commit and the folder holding the package (the subdirectory, if any). */
    record Checkout(String commit, Path packageDirectory) {
    }

    private final Offline offline;
    private final ProxyRouting proxies;

    GitFetcher(Offline offline, ProxyRouting proxies) {
        this.offline = offline;
        this.proxies = proxies;
    }

    /**
     * @param revision a branch, tag or commit; null for the repository's default branch
     * @param into     an empty folder to clone into
     */
    Checkout checkout(String url, String revision, String subdirectory, Path into) throws WarehouseException {
        String shown = Urls.masked(url);
        if (!Urls.isLocal(url)) {
            offline.check("git package " + shown, shown);
        }
        // init and fetch rather than clone: gc must be off before anything is written, or JGit's automatic
        // gc may still hold files when the checkout is deleted
        try (Git git = Git.init().setDirectory(into.toFile()).setInitialBranch("warehouse-deps").call()) {
            StoredConfig config = git.getRepository().getConfig();
            config.setInt("gc", null, "auto", 0);
            config.setBoolean("gc", null, "autoDetach", false);
            // fetched as a configured remote, as git clone does, so that url.<base>.insteadOf of the user's
            // ~/.gitconfig applies: a company's mirror of github.com, for one
            config.setString("remote", "origin", "url", url);
            config.save();
            FetchResult fetched = JGitProxies.routed(proxies, () -> git.fetch().setRemote("origin").setTimeout(300)
                    .setRefSpecs("+refs/heads/*:refs/remotes/origin/*", "+refs/tags/*:refs/tags/*").call());
            ObjectId commit = resolve(git.getRepository(), fetched, revision);
            if (commit == null) {
                throw new WarehouseException("Git package " + shown + " has no branch, tag or commit '" + revision + "'.",
                        "Check revision: in packages.yml: a branch, a tag or a commit of that repository.");
            }
            git.reset().setMode(ResetCommand.ResetType.HARD).setRef(commit.name()).call();
            Path packageDirectory = subdirectory == null ? into : into.resolve(subdirectory).normalize();
            if (!packageDirectory.startsWith(into) || !Files.isDirectory(packageDirectory)) {
                throw new WarehouseException("Git package " + shown + " has no folder '" + subdirectory + "' at "
                        + (revision == null ? "its default branch" : revision) + ".",
                        "Check subdirectory: in packages.yml: a folder of the repository, relative to its root.");
            }
            return new Checkout(commit.name(), packageDirectory);
        } catch (GitAPIException | IOException | RuntimeException e) {
            throw new WarehouseException("Cannot check out git package " + shown
                    + (revision == null ? "" : " at " + revision) + ": " + Urls.masked(String.valueOf(e.getMessage()))
                    + ".", "Check the URL and that you may read the repository (credentials in the URL, or "
                            + "an SSH agent for ssh URLs), and settings.xml's <proxies> if a proxy is needed.", e);
        }
    }

    /** dbt's order: the repository's default branch for none, then a branch, a tag, a commit. */
    private static ObjectId resolve(Repository repository, FetchResult fetched, String revision) throws IOException {
        if (revision == null || revision.equals("HEAD")) {
            Ref head = fetched.getAdvertisedRef(Constants.HEAD);
            return head == null ? null : repository.resolve(head.getObjectId().name() + "^{commit}");
        }
        for (String candidate : new String[] {"refs/remotes/origin/" + revision, "refs/tags/" + revision}) {
            ObjectId id = repository.resolve(candidate + "^{commit}");
            if (id != null) {
                return id;
            }
        }
        if (revision.matches("[0-9a-fA-F]{4,40}")) {
            try {
                return repository.resolve(revision + "^{commit}");
            } catch (org.eclipse.jgit.errors.AmbiguousObjectException e) {
                return null;
            }
        }
        return null;
    }
}
