package org.sqlwarehouse.project;

/**
 * A node the project declares but the plugin does not build yet: a Python model or a snapshot.
 *
 * @param kind what it is, e.g. "Python model" or "snapshot"
 * @param name the name ref() would use
 * @param file its file, relative to the project directory
 */
public record UnbuiltNode(Kind kind, String name, String file) {
    public enum Kind {
        PYTHON_MODEL("a Python model", "Python models are not supported; write it as SQL or remove it"),
        SNAPSHOT("a snapshot", "snapshots are not run yet");

        private final String article;
        private final String why;

        Kind(String article, String why) {
            this.article = article;
            this.why = why;
        }

        /** "a Python model", "a snapshot". */
        public String described() {
            return article;
        }

        /** Why it is not built. */
        public String why() {
            return why;
        }
    }
}
