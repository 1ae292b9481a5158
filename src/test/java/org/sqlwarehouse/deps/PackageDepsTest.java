package org.sqlwarehouse.deps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlwarehouse.WarehouseException;
import org.sqlwarehouse.project.ProjectLoader;
import org.sqlwarehouse.project.ProjectSettings;
import org.sqlwarehouse.testing.ProjectFiles;

/** warehouse:deps end to end, against local folders, git repositories and a hub on localhost. */
class PackageDepsTest {
    @TempDir
    Path root;
    Path project;
    final RecordingLog log = new RecordingLog();

    @BeforeEach
    void setUp() throws Exception {
        project = root.resolve("shop");
        ProjectFiles.write(project, "dbt_project.yml", "name: shop\n");
    }

    private void packagesYml(String content) throws Exception {
        ProjectFiles.write(project, "packages.yml", content);
    }

    /** A package published as a Maven artifact: packed as warehouse:package packs it, found by the resolver. */
    private List<LockedPackage> depsWithMaven(Map<String, Path> published) throws WarehouseException {
        return new PackageDeps(DepsRequest.builder().projectDirectory(project).fallbackName("shop")
                .hubUrl("http://127.0.0.1:9/never-asked").log(log).artifacts(coordinates -> {
                    Path archive = published.get(coordinates.toString());
                    if (archive == null) {
                        throw new WarehouseException("not in the repository: " + coordinates);
                    }
                    return archive;
                }).build()).run();
    }

    private List<LockedPackage> deps(String hubUrl, boolean upgrade, boolean offline) throws WarehouseException {
        return new PackageDeps(DepsRequest.builder().projectDirectory(project).fallbackName("shop").hubUrl(hubUrl)
                .upgrade(upgrade).offline(offline).log(log).build()).run();
    }

    private List<LockedPackage> deps() throws WarehouseException {
        return deps("http://127.0.0.1:9/never-asked", false, false);
    }

    private final List<String> checkWarnings = new java.util.ArrayList<>();

    private void check() throws WarehouseException {
        InstalledPackagesCheck.verify(project, ProjectSettings.load(project, "shop"), checkWarnings);
    }

    private String installed(String name, String file) throws Exception {
        return Files.readString(project.resolve("dbt_packages").resolve(name).resolve(file));
    }

    @Test
    void aLocalPackageIsLinkedUnderItsNameAndLocked() throws Exception {
        ProjectFiles.write(root, "shared/dbt_project.yml", "name: shared_macros\n");
        ProjectFiles.write(root, "shared/macros/cents.sql", "{% macro cents(x) %}{{ x }} / 100{% endmacro %}");
        packagesYml("packages:\n  - local: ../shared\n");

        assertThat(deps()).containsExactly(new LockedPackage.Local("shared_macros", "../shared"));

        assertThat(installed("shared_macros", "macros/cents.sql")).contains("macro cents");
        assertThat(Files.readString(project.resolve("package-lock.yml"))).isEqualTo("""
                packages:
                  - local: ../shared
                    name: shared_macros
                sha1_hash: %s
                """.formatted(PackagesFile.read(project, "packages.yml", new java.util.ArrayList<>()).sha1Hash()));
        check();
        assertThat(ProjectLoader.load(project, "shop").packages()).extracting(p -> p.name())
                .containsExactly("shared_macros");
        // a second run finds it installed, also offline
        deps("http://127.0.0.1:9/", false, true);
        assertThat(log.text()).contains("shared_macros: local ../shared (up to date)");
    }

    /** dbt 1.7 wrote locks without name: (jaffle-shop commits one): deps resolves afresh and writes names. */
    @Test
    void aLockWithoutNamesFromAnOlderDbtIsResolvedAfresh() throws Exception {
        ProjectFiles.write(root, "shared/dbt_project.yml", "name: shared_macros\n");
        packagesYml("packages:\n  - local: ../shared\n");
        ProjectFiles.write(project, "package-lock.yml", "packages:\n  - local: ../shared\nsha1_hash: 0123\n");

        assertThat(deps()).containsExactly(new LockedPackage.Local("shared_macros", "../shared"));
        assertThat(log.text()).contains("package-lock.yml was written by an older dbt (package-lock.yml, package 1"
                + " has no name:.); it is resolved afresh");
        assertThat(Files.readString(project.resolve("package-lock.yml"))).contains("name: shared_macros");
    }

    @Test
    void aGitPackageAtATagWithASubdirectoryIsCheckedOutThroughJGit() throws Exception {
        try (TestGitRepo repo = new TestGitRepo(root.resolve("repo"))) {
            RevCommit first = repo.commit("v1", "README.md", "not the package",
                    "dbt/dbt_project.yml", "name: git_pkg\n", "dbt/macros/m.sql", "{% macro m() %}1{% endmacro %}");
            repo.tag("1.0.0");
            repo.commit("v2", "dbt/macros/m.sql", "{% macro m() %}2{% endmacro %}");
            packagesYml("packages:\n  - git: " + repo.url() + "\n    revision: 1.0.0\n    subdirectory: dbt\n");

            assertThat(deps()).containsExactly(new LockedPackage.Git("git_pkg", repo.url(), first.name(), "dbt"));

            assertThat(installed("git_pkg", "macros/m.sql")).contains("1{% endmacro");
            assertThat(project.resolve("dbt_packages/git_pkg/README.md")).doesNotExist();
            assertThat(project.resolve("dbt_packages/git_pkg/.git")).doesNotExist();
            assertThat(Files.readString(project.resolve("package-lock.yml")))
                    .contains("revision: " + first.name()).contains("subdirectory: dbt");
            check();
        }
    }

    /**
     * A git URL the user's ~/.gitconfig rewrites (url.&lt;base&gt;.insteadOf, a company's mirror of
     * github.com) is fetched from the mirror, as git does; packages.yml and the lock keep the URL as written.
     */
    @Test
    void gitHonoursInsteadOfOfTheUsersGitConfig() throws Exception {
        Path userConfig = root.resolve("home/.gitconfig");
        try (TestGitRepo repo = new TestGitRepo(root.resolve("mirror/audit.git"))) {
            RevCommit head = repo.commit("main", "dbt_project.yml", "name: audit_helper\n");
            ProjectFiles.write(root, "home/.gitconfig", "[url \"" + repo.url() + "\"]\n"
                    + "\tinsteadOf = https://git.invalid/dbt-labs/dbt-audit-helper.git\n");
            packagesYml("packages:\n  - git: https://git.invalid/dbt-labs/dbt-audit-helper.git\n    revision: main\n");
            org.eclipse.jgit.util.SystemReader original = org.eclipse.jgit.util.SystemReader.getInstance();
            org.eclipse.jgit.util.SystemReader.setInstance(new org.eclipse.jgit.util.SystemReader.Delegate(original) {
                @Override
                public org.eclipse.jgit.storage.file.FileBasedConfig openUserConfig(org.eclipse.jgit.lib.Config parent,
                        org.eclipse.jgit.util.FS fs) {
                    return new org.eclipse.jgit.storage.file.FileBasedConfig(parent, userConfig.toFile(), fs);
                }
            });
            try {
                assertThat(deps()).containsExactly(new LockedPackage.Git("audit_helper",
                        "https://git.invalid/dbt-labs/dbt-audit-helper.git", head.name(), null));
            } finally {
                org.eclipse.jgit.util.SystemReader.setInstance(original);
            }
        }
    }

    @Test
    void aBranchIsLockedAtItsCommitUntilAnUpgrade() throws Exception {
        try (TestGitRepo repo = new TestGitRepo(root.resolve("repo"))) {
            repo.commit("main", "dbt_project.yml", "name: git_pkg\n", "macros/m.sql", "{% macro m() %}1{% endmacro %}");
            repo.branch("release");
            RevCommit locked = repo.commit("r1", "macros/m.sql", "{% macro m() %}r1{% endmacro %}");
            packagesYml("packages:\n  - git: " + repo.url() + "\n    revision: release\n");
            deps();
            assertThat(installed("git_pkg", "macros/m.sql")).contains("r1");

            // the branch moves on; a fresh checkout (dbt_packages/ deleted) still installs the locked commit
            RevCommit moved = repo.commit("r2", "macros/m.sql", "{% macro m() %}r2{% endmacro %}");
            org.sqlwarehouse.deps.FileTrees.delete(project.resolve("dbt_packages"));
            assertThat(deps()).containsExactly(new LockedPackage.Git("git_pkg", repo.url(), locked.name(), null));
            assertThat(installed("git_pkg", "macros/m.sql")).contains("r1");

            // upgrade resolves the branch again
            assertThat(deps("http://127.0.0.1:9/", true, false))
                    .containsExactly(new LockedPackage.Git("git_pkg", repo.url(), moved.name(), null));
            assertThat(installed("git_pkg", "macros/m.sql")).contains("r2");
            assertThat(Files.readString(project.resolve("package-lock.yml"))).contains(moved.name());
            check();
        }
    }

    @Test
    void aGitPackageWithoutRevisionIsTheDefaultBranchPinnedWithAWarning() throws Exception {
        try (TestGitRepo repo = new TestGitRepo(root.resolve("repo"))) {
            RevCommit head = repo.commit("main", "dbt_project.yml", "name: git_pkg\n");
            packagesYml("packages:\n  - git: " + repo.url() + "\n");
            assertThat(deps()).containsExactly(new LockedPackage.Git("git_pkg", repo.url(), head.name(), null));
            assertThat(log.text()).contains("is not pinned (its default branch)");
        }
    }

    @Test
    void aGitRevisionThatDoesNotExistSaysSo() throws Exception {
        try (TestGitRepo repo = new TestGitRepo(root.resolve("repo"))) {
            repo.commit("main", "dbt_project.yml", "name: git_pkg\n");
            packagesYml("packages:\n  - git: " + repo.url() + "\n    revision: 9.9.9\n");
            assertThatThrownBy(this::deps).hasMessageContaining("has no branch, tag or commit '9.9.9'");
        }
    }

    @Test
    void hubPackagesResolveTheHighestVersionInTheRangeAndTheirOwnPackages() throws Exception {
        try (TestHub hub = new TestHub()) {
            hub.publish("dbt-labs/dbt_utils", "1.0.0", "dbt_utils", "{% macro v() %}1.0.0{% endmacro %}", List.of());
            hub.publish("dbt-labs/dbt_utils", "1.1.1", "dbt_utils", "{% macro v() %}1.1.1{% endmacro %}", List.of());
            hub.publish("dbt-labs/dbt_utils", "1.2.0-b1", "dbt_utils", "{% macro v() %}b{% endmacro %}", List.of());
            hub.publish("dbt-labs/dbt_utils", "2.0.0", "dbt_utils", "{% macro v() %}2.0.0{% endmacro %}", List.of());
            hub.publish("acme/codegen", "0.3.0", "codegen", "{% macro c() %}{% endmacro %}",
                    List.of(Map.of("package", "dbt-labs/dbt_utils", "version", List.of(">=0.9.0", "<1.2.0"))));
            packagesYml("packages:\n  - package: acme/codegen\n    version: 0.3.0\n"
                    + "  - package: dbt-labs/dbt_utils\n    version: [\">=1.0.0\", \"<2.0.0\"]\n");

            assertThat(deps(hub.url(), false, false)).containsExactly(
                    new LockedPackage.Hub("codegen", "acme/codegen", "0.3.0"),
                    new LockedPackage.Hub("dbt_utils", "dbt-labs/dbt_utils", "1.1.1"));

            assertThat(installed("dbt_utils", "macros/m.sql")).contains("1.1.1");
            assertThat(installed("codegen", "dbt_project.yml")).contains("name: codegen");
            assertThat(Files.readString(project.resolve("package-lock.yml"))).contains("""
                    packages:
                      - name: codegen
                        package: acme/codegen
                        version: 0.3.0
                      - name: dbt_utils
                        package: dbt-labs/dbt_utils
                        version: 1.1.1
                    sha1_hash:""");
            check();

            // locked and installed: nothing is asked of the hub again
            hub.requests.clear();
            deps(hub.url(), false, false);
            assertThat(hub.requests).isEmpty();
            assertThat(log.text()).contains("dbt_utils: dbt-labs/dbt_utils 1.1.1 (up to date)");
        }
    }

    @Test
    void hubRangesThatExcludeEachOtherNameBothRequirers() throws Exception {
        try (TestHub hub = new TestHub()) {
            hub.publish("dbt-labs/dbt_utils", "1.1.1", "dbt_utils", "", List.of());
            hub.publish("acme/codegen", "0.3.0", "codegen", "",
                    List.of(Map.of("package", "dbt-labs/dbt_utils", "version", ">=2.0.0")));
            packagesYml("packages:\n  - package: dbt-labs/dbt_utils\n    version: [\">=1.0.0\", \"<2.0.0\"]\n"
                    + "  - package: acme/codegen\n    version: 0.3.0\n");

            assertThatThrownBy(() -> deps(hub.url(), false, false))
                    .isInstanceOf(WarehouseException.class)
                    .hasMessage("No version of dbt-labs/dbt_utils satisfies both >=1.0.0, <2.0.0 (required by "
                            + "packages.yml) and >=2.0.0 (required by acme/codegen 0.3.0).");
            assertThat(project.resolve("package-lock.yml")).doesNotExist();
        }
    }

    @Test
    void aRangeTheHubCannotMeetListsWhatItHas() throws Exception {
        try (TestHub hub = new TestHub()) {
            hub.publish("dbt-labs/dbt_utils", "1.1.1", "dbt_utils", "", List.of());
            packagesYml("packages:\n  - package: dbt-labs/dbt_utils\n    version: \">=3.0.0\"\n");
            assertThatThrownBy(() -> deps(hub.url(), false, false)).hasMessageContaining(
                    "No version of dbt-labs/dbt_utils on the hub satisfies >=3.0.0 (required by packages.yml); "
                            + "it has 1.1.1.");
            packagesYml("packages:\n  - package: dbt-labs/nope\n    version: 1.0.0\n");
            assertThatThrownBy(() -> deps(hub.url(), false, false))
                    .hasMessageContaining("has no package 'dbt-labs/nope'");
        }
    }

    @Test
    void aTarballPackageInstallsUnderItsName() throws Exception {
        try (TestHub server = new TestHub()) {
            server.serve("/p.tar.gz", TestHub.tarGz("whatever-main", Map.of(
                    "dbt_project.yml", "name: tarred\n", "macros/t.sql", "{% macro t() %}{% endmacro %}")));
            packagesYml("packages:\n  - tarball: " + server.url() + "/p.tar.gz\n    name: tarred\n");

            assertThat(deps()).containsExactly(new LockedPackage.Tarball("tarred", server.url() + "/p.tar.gz"));
            assertThat(installed("tarred", "macros/t.sql")).contains("macro t");
            check();
        }
    }

    @Test
    void offlineDepsWorksFromWhatIsInstalledOrNamesThePackageThatNeedsTheNetwork() throws Exception {
        try (TestHub hub = new TestHub()) {
            hub.publish("dbt-labs/dbt_utils", "1.1.1", "dbt_utils", "", List.of());
            packagesYml("packages:\n  - package: dbt-labs/dbt_utils\n    version: 1.1.1\n");
            assertThatThrownBy(() -> deps(hub.url(), false, true))
                    .isInstanceOf(WarehouseException.class)
                    .hasMessageContaining("Maven runs offline (-o), and hub package dbt-labs/dbt_utils needs the network")
                    .extracting(e -> ((WarehouseException) e).getHint()).asString()
                    .contains("without -o");

            deps(hub.url(), false, false);
            deps(hub.url(), false, true); // installed as locked: fine offline

            FileTrees.delete(project.resolve("dbt_packages/dbt_utils"));
            assertThatThrownBy(() -> deps(hub.url(), false, true))
                    .hasMessageContaining("hub package dbt-labs/dbt_utils needs the network");
        }
    }

    @Test
    void theBuildCheckFailsOnAMissingPackageOrALockMismatchWithTheHint() throws Exception {
        try (TestHub hub = new TestHub()) {
            hub.publish("dbt-labs/dbt_utils", "1.0.0", "dbt_utils", "", List.of());
            hub.publish("dbt-labs/dbt_utils", "1.1.1", "dbt_utils", "", List.of());
            packagesYml("packages:\n  - package: dbt-labs/dbt_utils\n    version: [\">=1.0.0\"]\n");

            assertThatThrownBy(this::check)
                    .hasMessage("packages.yml lists 1 package(s) that are not installed (there is no "
                            + "package-lock.yml): dbt-labs/dbt_utils.")
                    .extracting(e -> ((WarehouseException) e).getHint()).asString()
                    .startsWith("Run mvn warehouse:deps");

            deps(hub.url(), false, false);
            check();

            // the lock now says 1.0.0 (as after a git pull), dbt_packages/ still holds 1.1.1
            Path lock = project.resolve("package-lock.yml");
            Files.writeString(lock, Files.readString(lock).replace("version: 1.1.1", "version: 1.0.0"));
            assertThatThrownBy(this::check).hasMessageContaining(
                    "dbt_packages/dbt_utils holds dbt-labs/dbt_utils 1.1.1, but package-lock.yml locks "
                            + "dbt-labs/dbt_utils 1.0.0");
            deps(hub.url(), false, false);
            assertThat(installed("dbt_utils", "dbt_project.yml")).contains("1.0.0");
            check();

            FileTrees.delete(project.resolve("dbt_packages/dbt_utils"));
            assertThatThrownBy(this::check).hasMessageContaining(
                    "dbt_utils (dbt-labs/dbt_utils 1.0.0) is not installed in dbt_packages/");

            deps(hub.url(), false, false);
            // dbt hashes its entries with defaults filled in: a changed hash is said, not refused
            packagesYml("packages:\n  - package: dbt-labs/dbt_utils\n    version: [\">=1.0.0\", \"<2.0.0\"]\n");
            check();
            assertThat(checkWarnings).anyMatch(w -> w.contains("packages.yml changed since package-lock.yml was "
                    + "written") && w.contains("mvn warehouse:deps"));
        }
    }

    /** A project brought from dbt: dbt deps installed the packages, with or without a lock. */
    @Test
    void packagesInstalledByDbtDepsAreTakenAsTheyAreAndCheckedAgainstTheLock() throws Exception {
        packagesYml("packages:\n  - package: dbt-labs/dbt_utils\n    version: [\">=1.0.0\"]\n");
        ProjectFiles.write(project, "dbt_packages/dbt_utils/dbt_project.yml", "name: dbt_utils\nversion: 1.1.1\n");

        check();
        assertThat(checkWarnings).anyMatch(w -> w.contains("packages.yml is not locked")
                && w.contains("using the packages dbt_packages/ holds"));

        // dbt 1.7 wrote its lock without names: read as no lock, with the installed packages
        ProjectFiles.write(project, "package-lock.yml", "packages:\n  - package: dbt-labs/dbt_utils\n    version: "
                + "1.1.1\nsha1_hash: 0000\n");
        checkWarnings.clear();
        check();
        assertThat(checkWarnings).anyMatch(w -> w.contains("package-lock.yml cannot be read here"));

        ProjectFiles.write(project, "package-lock.yml", "packages:\n  - name: dbt_utils\n    package: "
                + "dbt-labs/dbt_utils\n    version: 1.1.1\nsha1_hash: 0000\n");
        check();

        ProjectFiles.write(project, "dbt_packages/dbt_utils/dbt_project.yml", "name: dbt_utils\nversion: 1.0.0\n");
        assertThatThrownBy(this::check).hasMessageContaining(
                "dbt_packages/dbt_utils is version 1.0.0, but package-lock.yml locks dbt-labs/dbt_utils 1.1.1");
    }

    @Test
    void aPackagePublishedAsAMavenArtifactIsInstalledAndLocked() throws Exception {
        ProjectFiles.write(root, "finance/dbt_project.yml", "name: finance_macros\nmacro-paths: [macros]\n");
        ProjectFiles.write(root, "finance/macros/cents.sql", "{% macro cents(x) %}{{ x }} / 100{% endmacro %}");
        ProjectFiles.write(root, "finance/target/junk.txt", "not part of the package");
        Path archive = root.resolve("repo/finance-1.0.0-dbt.tar.gz");
        assertThat(PackageArchive.write(root.resolve("finance"), "finance", archive)).isEqualTo(2);
        packagesYml("packages:\n  - maven: org.acme:finance:1.0.0\n");

        assertThat(depsWithMaven(Map.of("org.acme:finance:1.0.0", archive)))
                .containsExactly(new LockedPackage.Maven("finance_macros", "org.acme:finance:1.0.0"));
        assertThat(installed("finance_macros", "macros/cents.sql")).contains("macro cents");
        assertThat(project.resolve("dbt_packages/finance_macros/target")).doesNotExist();
        assertThat(Files.readString(project.resolve("package-lock.yml"))).contains("maven: org.acme:finance:1.0.0");
        check();

        // the lock is honoured: the same artifact again, without asking for anything new
        FileTrees.delete(project.resolve("dbt_packages/finance_macros"));
        depsWithMaven(Map.of("org.acme:finance:1.0.0", archive));
        check();
        assertThat(installed("finance_macros", "macros/cents.sql")).contains("macro cents");

        packagesYml("packages:\n  - maven: org.acme:finance\n");
        assertThatThrownBy(() -> depsWithMaven(Map.of())).hasMessageContaining(
                "'org.acme:finance' is not groupId:artifactId:version");
    }

    @Test
    void packagesNoLongerLockedAreRemovedAndTheInstallPathIsHonoured() throws Exception {
        ProjectFiles.write(project, "dbt_project.yml", "name: shop\npackages-install-path: vendor\n");
        ProjectFiles.write(root, "a/dbt_project.yml", "name: pkg_a\n");
        ProjectFiles.write(root, "b/dbt_project.yml", "name: pkg_b\n");
        packagesYml("packages:\n  - local: ../a\n  - local: ../b\n");
        deps();
        assertThat(project.resolve("vendor/pkg_a/dbt_project.yml")).exists();
        ProjectFiles.write(project, "vendor/notes.txt", "kept");

        packagesYml("packages:\n  - local: ../a\n");
        deps();
        assertThat(project.resolve("vendor/pkg_b")).doesNotExist();
        assertThat(root.resolve("b/dbt_project.yml")).exists(); // the link went, not the folder
        assertThat(project.resolve("vendor/notes.txt")).exists();
        assertThat(log.text()).contains("pkg_b: removed");
        check();
    }

    @Test
    void aTransitiveLocalPackageAndDuplicateNames() throws Exception {
        ProjectFiles.write(root, "a/dbt_project.yml", "name: pkg_a\n");
        ProjectFiles.write(root, "a/packages.yml", "packages:\n  - local: ../b\n");
        ProjectFiles.write(root, "b/dbt_project.yml", "name: pkg_b\n");
        packagesYml("packages:\n  - local: ../a\n");
        assertThat(deps()).extracting(LockedPackage::name).containsExactly("pkg_a", "pkg_b");

        ProjectFiles.write(root, "c/dbt_project.yml", "name: pkg_b\n");
        packagesYml("packages:\n  - local: ../a\n  - local: ../c\n");
        assertThatThrownBy(this::deps).hasMessageContaining("Two packages are named 'pkg_b'");

        ProjectFiles.write(root, "d/dbt_project.yml", "name: shop\n");
        packagesYml("packages:\n  - local: ../d\n");
        assertThatThrownBy(this::deps).hasMessageContaining("is named 'shop', as this project is");
    }
}
