package org.sqlwarehouse.deps;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/** What messages may show of a URL, and whether it leaves this machine. */
final class Urls {
    private Urls() {
    }

    /** The text with any {@code user:password@} of a URL in it hidden: git URLs often carry a token. */
    static String masked(String text) {
        return text == null ? null : text.replaceAll("(?<=://)[^/@\\s]+@", "***@");
    }

    /** A file: URL or a folder on this machine: reading it needs no network. */
    static boolean isLocal(String url) {
        if (url.startsWith("file:")) {
            return true;
        }
        if (url.contains("://") || url.matches("[^/\\\\]+@[^:]+:.*")) {
            return false; // https://, ssh://, git@host:path
        }
        try {
            return Files.isDirectory(Path.of(url));
        } catch (InvalidPathException e) {
            return false;
        }
    }
}
