package org.sqlwarehouse.environment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlwarehouse.WarehouseException;

class ProfilesLocatorTest {
    @TempDir
    Path tmp;

    private Path propertyDir;
    private Path envDir;
    private Path project;
    private Path home;

    @BeforeEach
    void createPlaces() throws IOException {
        propertyDir = Files.createDirectories(tmp.resolve("from-property"));
        envDir = Files.createDirectories(tmp.resolve("from-env"));
        project = Files.createDirectories(tmp.resolve("project"));
        home = Files.createDirectories(tmp.resolve("home"));
    }

    private static Path profilesIn(Path dir) throws IOException {
        Files.createDirectories(dir);
        return Files.writeString(dir.resolve("profiles.yml"), "p:\n  outputs:\n    dev:\n      type: duckdb\n");
    }

    private Optional<Path> locate(String property, Map<String, String> env) throws WarehouseException {
        return ProfilesLocator.locate(property, env, project, home);
    }

    private static Path real(Path p) {
        return p.toAbsolutePath().normalize();
    }

    @Test
    void propertyBeatsEnvironmentProjectAndHome() throws Exception {
        Path expected = profilesIn(propertyDir);
        profilesIn(envDir);
        profilesIn(project);
        profilesIn(home.resolve(".dbt"));
        assertThat(locate(propertyDir.toString(), Map.of("DBT_PROFILES_DIR", envDir.toString())))
                .contains(real(expected));
    }

    @Test
    void environmentBeatsProjectAndHome() throws Exception {
        Path expected = profilesIn(envDir);
        profilesIn(project);
        profilesIn(home.resolve(".dbt"));
        assertThat(locate(null, Map.of("DBT_PROFILES_DIR", envDir.toString()))).contains(real(expected));
        assertThat(locate("  ", Map.of("DBT_PROFILES_DIR", envDir.toString()))).contains(real(expected));
    }

    @Test
    void projectDirectoryBeatsHome() throws Exception {
        Path expected = profilesIn(project);
        profilesIn(home.resolve(".dbt"));
        assertThat(locate(null, Map.of())).contains(real(expected));
    }

    @Test
    void homeDbtDirectoryIsTheLastPlace() throws Exception {
        Path expected = profilesIn(home.resolve(".dbt"));
        assertThat(locate(null, Map.of())).contains(real(expected));
        assertThat(locate("", Map.of("DBT_PROFILES_DIR", " "))).contains(real(expected));
    }

    @Test
    void nothingAnywhereIsEmpty() throws Exception {
        assertThat(locate(null, Map.of())).isEmpty();
        assertThat(ProfilesLocator.locate(null, null, null, null)).isEmpty();
        // a profiles.yml that is a directory does not count
        Files.createDirectories(project.resolve("profiles.yml"));
        assertThat(locate(null, Map.of())).isEmpty();
    }

    @Test
    void explicitPropertyDirectoryWithoutTheFileIsAnErrorNamingIt() throws Exception {
        profilesIn(envDir);
        profilesIn(project);
        profilesIn(home.resolve(".dbt"));
        assertThatThrownBy(() -> locate(propertyDir.toString(), Map.of("DBT_PROFILES_DIR", envDir.toString())))
                .isInstanceOf(WarehouseException.class)
                .hasMessageContaining(real(propertyDir).toString())
                .hasMessageContaining("warehouse.profilesDir")
                .hasMessageContaining("has no profiles.yml")
                .satisfies(e -> assertThat(((WarehouseException) e).getHint())
                        .contains(real(propertyDir).resolve("profiles.yml").toString()));
    }

    @Test
    void explicitEnvironmentDirectoryWithoutTheFileIsAnErrorNamingIt() throws Exception {
        profilesIn(project);
        assertThatThrownBy(() -> locate(null, Map.of("DBT_PROFILES_DIR", envDir.toString())))
                .isInstanceOf(WarehouseException.class)
                .hasMessageContaining(real(envDir).toString())
                .hasMessageContaining("DBT_PROFILES_DIR")
                .satisfies(e -> assertThat(((WarehouseException) e).getHint()).contains("DBT_PROFILES_DIR=<dir>"));
    }

    @Test
    void explicitDirectoryThatDoesNotExist() {
        Path missing = tmp.resolve("nope");
        assertThatThrownBy(() -> locate(missing.toString(), Map.of()))
                .isInstanceOf(WarehouseException.class)
                .hasMessageContaining(real(missing).toString())
                .hasMessageContaining("does not exist");
    }

    @Test
    void explicitPathToTheFileItselfIsExplained() throws Exception {
        Path file = profilesIn(propertyDir);
        assertThatThrownBy(() -> locate(file.toString(), Map.of()))
                .isInstanceOf(WarehouseException.class)
                .hasMessageContaining("is a file, not a directory")
                .satisfies(e -> assertThat(((WarehouseException) e).getHint()).contains(real(propertyDir).toString()));
    }

    @Test
    void profilesYamlSpelledDifferentlyGetsAHint() throws Exception {
        Files.writeString(propertyDir.resolve("profiles.yaml"), "p: {}\n");
        assertThatThrownBy(() -> locate(propertyDir.toString(), Map.of()))
                .isInstanceOf(WarehouseException.class)
                .satisfies(e -> assertThat(((WarehouseException) e).getHint()).contains("rename it to profiles.yml"));
    }

    @Test
    void relativeExplicitDirectoryIsRelativeToTheProject() throws Exception {
        Path expected = profilesIn(project.resolve("config"));
        assertThat(locate("config", Map.of())).contains(real(expected));
        assertThat(locate(null, Map.of("DBT_PROFILES_DIR", "./config"))).contains(real(expected));
    }

    @Test
    void tildeIsTheUsersHome() throws Exception {
        Path expected = profilesIn(home.resolve("profiles"));
        assertThat(locate("~/profiles", Map.of())).contains(real(expected));
        Path inHome = profilesIn(home);
        assertThat(locate(null, Map.of("DBT_PROFILES_DIR", "~"))).contains(real(inHome));
    }
}
