package org.sqlwarehouse.environment;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.sqlwarehouse.WarehouseException;

/**
 * Finds profiles.yml as dbt does, first match wins: the {@code warehouse.profilesDir} property,
 * then {@code $DBT_PROFILES_DIR}, then the project directory, then {@code ~/.dbt/}. A directory
 * given explicitly (property or environment) must hold a profiles.yml; the project directory and
 * {@code ~/.dbt/} are only looked at.
 *
 * <p>An explicit directory may start with {@code ~} (the user's home) and, when relative, is taken
 * relative to the project directory.
 */
public final class ProfilesLocator {
    public static final String FILE_NAME = "profiles.yml";
    public static final String PROPERTY = "warehouse.profilesDir";
    public static final String ENVIRONMENT_VARIABLE = "DBT_PROFILES_DIR";

    private ProfilesLocator() {
    }

    /**
     * @param profilesDirProperty the warehouse.profilesDir property, or null/blank when not set
     * @param environment         the process environment (DBT_PROFILES_DIR is read from it); may be null
     * @param projectDirectory    the directory of dbt_project.yml; may be null
     * @param userHome            the user's home directory (~/.dbt/ is below it); may be null
     * @return the absolute path of the profiles.yml to use, or empty when there is none
     * @throws WarehouseException when an explicitly given directory has no profiles.yml
     */
    public static Optional<Path> locate(String profilesDirProperty, Map<String, String> environment,
            Path projectDirectory, Path userHome) throws WarehouseException {
        if (profilesDirProperty != null && !profilesDirProperty.isBlank()) {
            return Optional.of(explicit(profilesDirProperty.trim(), "the property " + PROPERTY,
                    "-D" + PROPERTY + "=<dir>", projectDirectory, userHome));
        }
        String fromEnvironment = environment == null ? null : environment.get(ENVIRONMENT_VARIABLE);
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return Optional.of(explicit(fromEnvironment.trim(), "the environment variable " + ENVIRONMENT_VARIABLE,
                    ENVIRONMENT_VARIABLE + "=<dir>", projectDirectory, userHome));
        }
        if (projectDirectory != null) {
            Path candidate = projectDirectory.resolve(FILE_NAME);
            if (Files.isRegularFile(candidate)) {
                return Optional.of(normalize(candidate));
            }
        }
        if (userHome != null) {
            Path candidate = userHome.resolve(".dbt").resolve(FILE_NAME);
            if (Files.isRegularFile(candidate)) {
                return Optional.of(normalize(candidate));
            }
        }
        return Optional.empty();
    }

    /**
     * @param source how the user gave it, for the message
     * @param name   how to set it, for the hint
     */
    private static Path explicit(String value, String source, String name, Path projectDirectory, Path userHome)
            throws WarehouseException {
        Path dir;
        try {
            dir = toPath(value, projectDirectory, userHome);
        } catch (InvalidPathException e) {
            throw new WarehouseException("The profiles directory '" + value + "' given by " + source
                    + " is not a valid path: " + e.getReason() + ".",
                    "Set " + name + " to the directory that contains " + FILE_NAME + ".");
        }
        if (!Files.exists(dir)) {
            throw new WarehouseException("The profiles directory " + dir + " given by " + source
                    + " does not exist.", "Create " + dir.resolve(FILE_NAME) + ", or set " + name
                    + " to the directory that contains " + FILE_NAME + ".");
        }
        if (Files.isRegularFile(dir)) {
            throw new WarehouseException("The profiles directory " + dir + " given by " + source
                    + " is a file, not a directory.", "Set " + name + " to the directory that contains " + FILE_NAME
                    + (dir.getParent() == null ? "" : ", here " + dir.getParent()) + ".");
        }
        Path file = dir.resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) {
            String yamlHint = Files.isRegularFile(dir.resolve("profiles.yaml"))
                    ? "It has a profiles.yaml: rename it to " + FILE_NAME + ", the only name dbt reads."
                    : "Create " + file + ", or set " + name + " to the directory that contains " + FILE_NAME + ".";
            throw new WarehouseException("The profiles directory " + dir + " given by " + source + " has no "
                    + FILE_NAME + ".", yamlHint);
        }
        return file;
    }

    /** ~ and ~/x are the user's home; a relative path is relative to the project directory. */
    private static Path toPath(String value, Path projectDirectory, Path userHome) {
        Path path;
        if (userHome != null && (value.equals("~") || value.startsWith("~/") || value.startsWith("~\\"))) {
            String rest = value.length() <= 2 ? "" : value.substring(2);
            path = rest.isEmpty() ? userHome : userHome.resolve(rest);
        } else {
            path = Path.of(value);
        }
        if (!path.isAbsolute() && projectDirectory != null) {
            path = projectDirectory.resolve(path);
        }
        return normalize(path);
    }

    private static Path normalize(Path path) {
        return path.toAbsolutePath().normalize();
    }
}
