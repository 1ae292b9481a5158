package org.sqlwarehouse.deps;

import java.util.Map;
import java.util.TreeMap;
import org.sqlwarehouse.WarehouseException;

/**
 * A package pinned to exactly what is installed: an entry of package-lock.yml, in dbt's shape
 * ({@code name} plus the source's keys), and the record kept beside each installed package.
 */
public sealed interface LockedPackage {
    /** The name it installs under: its dbt_project.yml {@code name:}. */
    String name();

    /** The source and its pin for messages, e.g. "dbt-labs/dbt_utils 1.1.1". */
    String describe();

    /** The entry as package-lock.yml writes it, keys sorted as dbt's YAML dump sorts them. */
    Map<String, Object> toEntry();

    record Hub(String name, String packageName, String version) implements LockedPackage {
        @Override
        public String describe() {
            return packageName + " " + version;
        }

        @Override
        public Map<String, Object> toEntry() {
            return entry(name, "package", packageName, "version", version);
        }
    }

    /** @param revision the commit, always a full SHA-1 */
    record Git(String name, String url, String revision, String subdirectory) implements LockedPackage {
        @Override
        public String describe() {
            return url + (subdirectory == null ? "" : "/" + subdirectory) + " at " + revision;
        }

        @Override
        public Map<String, Object> toEntry() {
            Map<String, Object> entry = entry(name, "git", url, "revision", revision);
            if (subdirectory != null) {
                entry.put("subdirectory", subdirectory);
            }
            return entry;
        }
    }

    record Tarball(String name, String url) implements LockedPackage {
        @Override
        public String describe() {
            return url;
        }

        @Override
        public Map<String, Object> toEntry() {
            return entry(name, "tarball", url, null, null);
        }
    }

    record Maven(String name, String coordinates) implements LockedPackage {
        @Override
        public String describe() {
            return "maven " + coordinates;
        }

        @Override
        public Map<String, Object> toEntry() {
            return entry(name, "maven", coordinates, null, null);
        }
    }

    record Local(String name, String path) implements LockedPackage {
        @Override
        public String describe() {
            return "local " + path;
        }

        @Override
        public Map<String, Object> toEntry() {
            return entry(name, "local", path, null, null);
        }
    }

    /** Reads one entry of package-lock.yml (or an install record). */
    static LockedPackage fromEntry(Map<?, ?> entry, String where) throws WarehouseException {
        String name = string(entry, "name");
        if (name == null) {
            throw new UnnamedEntryException(where + " has no name:.");
        }
        if (entry.get("package") != null && entry.get("version") != null) {
            return new Hub(name, string(entry, "package"), string(entry, "version"));
        }
        if (entry.get("git") != null && entry.get("revision") != null) {
            return new Git(name, string(entry, "git"), string(entry, "revision"), string(entry, "subdirectory"));
        }
        if (entry.get("tarball") != null) {
            return new Tarball(name, string(entry, "tarball"));
        }
        if (entry.get("maven") != null) {
            return new Maven(name, string(entry, "maven"));
        }
        if (entry.get("local") != null) {
            return new Local(name, string(entry, "local"));
        }
        throw new WarehouseException(where + " (" + name + ") is not a locked package: it needs package: and "
                + "version:, git: and revision:, tarball: or local:.",
                "Delete package-lock.yml and run mvn warehouse:deps to write it afresh.");
    }

    private static String string(Map<?, ?> entry, String key) {
        Object value = entry.get(key);
        return value == null ? null : String.valueOf(value);
    }

    private static Map<String, Object> entry(String name, String key, String value, String pinKey, String pin) {
        Map<String, Object> entry = new TreeMap<>();
        entry.put("name", name);
        entry.put(key, value);
        if (pinKey != null) {
            entry.put(pinKey, pin);
        }
        return entry;
    }

    /** An entry without name:, as dbt 1.7 wrote its locks (name: came with 1.8). */
    final class UnnamedEntryException extends WarehouseException {
        private static final long serialVersionUID = 1L;

        UnnamedEntryException(String message) {
            super(message, "package-lock.yml is written by mvn warehouse:deps (or dbt deps 1.8+): run mvn "
                    + "warehouse:deps -Dwarehouse.upgrade=true to resolve packages.yml and write it afresh.");
        }
    }
}
