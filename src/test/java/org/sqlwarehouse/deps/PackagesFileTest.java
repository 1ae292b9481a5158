package org.sqlwarehouse.deps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlwarehouse.testing.ProjectFiles;

/** packages.yml and dependencies.yml, read as dbt reads them. */
class PackagesFileTest {
    @TempDir
    Path dir;

    private DeclaredPackages read(String packagesYml) throws Exception {
        ProjectFiles.write(dir, "packages.yml", packagesYml);
        return PackagesFile.read(dir, "packages.yml", new ArrayList<>());
    }

    @Test
    void readsEveryKindOfPackage() throws Exception {
        DeclaredPackages declared = read("""
                packages:
                  - local: ../shared
                  - git: https://github.com/acme/pkg.git
                    revision: v1.2.0
                    subdirectory: dbt
                  - tarball: https://example.com/p.tar.gz
                    name: tarred
                  - package: dbt-labs/dbt_utils
                    version: [">=1.0.0", "<2.0.0"]
                    install-prerelease: true
                """);
        assertThat(declared.file()).isEqualTo("packages.yml");
        assertThat(declared.specs()).hasSize(4);
        assertThat(declared.specs().get(0)).isEqualTo(new PackageSpec.Local("../shared", "packages.yml"));
        assertThat(declared.specs().get(1)).isEqualTo(
                new PackageSpec.Git("https://github.com/acme/pkg.git", "v1.2.0", "dbt", "packages.yml"));
        assertThat(declared.specs().get(1).key()).isEqualTo("git:https://github.com/acme/pkg/dbt");
        assertThat(declared.specs().get(2)).isEqualTo(
                new PackageSpec.Tarball("https://example.com/p.tar.gz", "tarred", "packages.yml"));
        PackageSpec.Hub hub = (PackageSpec.Hub) declared.specs().get(3);
        assertThat(hub.name()).isEqualTo("dbt-labs/dbt_utils");
        assertThat(hub.range()).hasToString(">=1.0.0, <2.0.0");
        assertThat(hub.installPrerelease()).isTrue();
    }

    @Test
    void dependenciesYmlPackagesCountButNotBothFiles() throws Exception {
        ProjectFiles.write(dir, "dependencies.yml", "projects: [{name: other}]\npackages:\n  - local: ../p\n");
        DeclaredPackages declared = PackagesFile.read(dir, "packages.yml", new ArrayList<>());
        assertThat(declared.file()).isEqualTo("dependencies.yml");
        assertThat(declared.specs()).containsExactly(new PackageSpec.Local("../p", "dependencies.yml"));

        assertThatThrownBy(() -> read("packages:\n  - local: ../q\n"))
                .hasMessageContaining("Both packages.yml and dependencies.yml list packages");
    }

    @Test
    void mistakesNameTheEntryAndSayHowToFixThem() {
        assertThatThrownBy(() -> read("packages:\n  - package: dbt-labs/dbt_utils\n"))
                .hasMessageContaining("packages.yml, package 1: hub package dbt-labs/dbt_utils has no version");
        assertThatThrownBy(() -> read("packages:\n  - package: dbt_utils\n    version: 1.0.0\n"))
                .hasMessageContaining("'dbt_utils' is not a hub package name");
        assertThatThrownBy(() -> read("packages:\n  - local: a\n    git: b\n"))
                .hasMessageContaining("says both git and local");
        assertThatThrownBy(() -> read("packages:\n  - git: https://x/y.git\n    revison: main\n"))
                .hasMessageContaining("a git package has no key 'revison'");
        assertThatThrownBy(() -> read("packages:\n  - tarball: https://x/y.tar.gz\n"))
                .hasMessageContaining("'name:' needs a value");
        assertThatThrownBy(() -> read("packages:\n  - private: acme/pkg\n"))
                .hasMessageContaining("'private:' packages");
    }

    @Test
    void theHashIsDbtsSha1OfTheSortedJsonEntries() throws Exception {
        DeclaredPackages declared = read("packages:\n  - package: dbt-labs/dbt_utils\n    version: 1.1.1\n"
                + "  - local: ../x\n");
        // hashlib.sha1("\n".join(sorted(json.dumps(p, sort_keys=True) for p in entries)).encode()).hexdigest()
        assertThat(declared.sha1Hash()).isEqualTo("93ca2bed2d503b847a6455ba9204ff227d532fa4");
    }

    @Test
    void noFileNoPackages() throws Exception {
        assertThat(PackagesFile.read(dir, "packages.yml", new ArrayList<>()).isEmpty()).isTrue();
        assertThat(PythonJson.dumps(List.of("é", true, 3))).isEqualTo("[\"\\u00e9\", true, 3]");
    }
}
