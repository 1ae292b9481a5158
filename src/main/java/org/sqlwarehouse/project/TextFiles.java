package org.sqlwarehouse.project;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.sqlwarehouse.WarehouseException;

/** Reads project files as UTF-8, the encoding dbt reads them in, naming the file and line of a bad byte. */
public final class TextFiles {
    private TextFiles() {
    }

    /**
     * The file's text.
     *
     * @param displayName how messages name the file, e.g. models/orders.sql
     */
    public static String readUtf8(Path file, String displayName) throws WarehouseException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new WarehouseException("Cannot read " + displayName + ": " + e.getMessage());
        }
        return decodeUtf8(bytes, displayName);
    }

    /** The bytes as UTF-8 text; a byte that is not UTF-8 fails naming its line, instead of "Input length = 1". */
    public static String decodeUtf8(byte[] bytes, String displayName) throws WarehouseException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder(); // reports malformed input by default
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            int offset = in.position();
            int line = 1;
            for (int i = 0; i < offset; i++) {
                if (bytes[i] == '\n') {
                    line++;
                }
            }
            throw new WarehouseException(displayName + " line " + line + ": the byte 0x"
                    + String.format(Locale.ROOT, "%02X", bytes[offset] & 0xFF) + " (offset " + offset
                    + ") is not UTF-8; project files are read as UTF-8, as dbt reads them.",
                    "Save " + displayName + " as UTF-8, e.g. iconv -f latin1 -t utf-8 (or your editor's"
                            + " 'save with encoding').");
        }
        decoder.flush(out);
        return out.flip().toString();
    }
}
