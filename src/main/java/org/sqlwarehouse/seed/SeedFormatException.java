package org.sqlwarehouse.seed;

/**
 * Malformed CSV. The message names the file and the 1-based physical line, e.g.
 * {@code seeds/orders.csv line 7: unterminated quoted field}.
 */
public class SeedFormatException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String file;
    private final int line;
    private final String detail;

    /**
     * @param file the file as shown to the user
     * @param line 1-based physical line number
     * @param detail what is wrong, without the file and line
     */
    public SeedFormatException(String file, int line, String detail) {
        super(file + " line " + line + ": " + detail);
        this.file = file;
        this.line = line;
        this.detail = detail;
    }

    /** The 1-based physical line the problem is on (for a row, the line the row starts on). */
    public int getLine() {
        return line;
    }

    /** The file as shown to the user. */
    public String getFile() {
        return file;
    }

    /** The problem without the file and line prefix. */
    public String getDetail() {
        return detail;
    }
}
