package org.sqlwarehouse.project;

/**
 * A node the project declares but the plugin does not build: a Python model.
 *
 * @param kind what it is
 * @param name the name ref() would use
 * @param file its file, relative to the project directory
 */
public record UnbuiltNode(Kind kind, String name, String file) {
    public enum Kind {
        PYTHON_MODEL("a Python model", "Python models are not supported; write it as SQL or remove it");

        private final String article;
        private final String why;

        Kind(String article, String why) {
            this.article = article;
            this.why = why;
        }

        /** "a Python model". */
        public String described() {
            return article;
        }

        /** Why it is not built. */
        public String why() {
            return why;
        }
    }
}
