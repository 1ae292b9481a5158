package org.sqlwarehouse.environment;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Makes derived names fit the identifier limit without ever making two names one. A name that fits
 * is kept as it is; a longer one keeps a readable head and ends in {@code _} plus the first 8 hex
 * digits of the SHA-256 of the whole name, so that it is stable (the same name always gives the same
 * short one) and two long names sharing their head still differ. SHA-256 rather than
 * {@code String.hashCode}, whose collisions are easy to hit ("Aa" and "BB" hash alike) and made two
 * long model names share one temporary relation.
 */
public final class ShortNames {
    /** Hex digits of the SHA-256 kept in a shortened name: 32 bits, a collision once in 4 billion pairs. */
    static final int HASH_HEX_DIGITS = 8;

    private ShortNames() {
    }

    /** The name itself if it fits maxBytes of UTF-8, else its head, '_' and the hash of the whole name. */
    public static String fit(String name, int maxBytes) {
        return withSuffix(name, "", maxBytes);
    }

    /**
     * {@code name + suffix} if it fits maxBytes of UTF-8; else the head of name, '_', the hash of name
     * and the suffix, which is kept whole so that a reader still sees what the relation is for.
     */
    public static String withSuffix(String name, String suffix, int maxBytes) {
        String whole = name + suffix;
        if (utf8Length(whole) <= maxBytes) {
            return whole;
        }
        String hash = sha256Hex(name).substring(0, HASH_HEX_DIGITS);
        int headBytes = maxBytes - utf8Length(suffix) - 1 - HASH_HEX_DIGITS;
        if (headBytes < 1) {
            throw new IllegalArgumentException("The suffix '" + suffix + "' leaves no room for a name within "
                    + maxBytes + " bytes");
        }
        return DevSchemaNaming.cutToBytes(name, headBytes) + "_" + hash + suffix;
    }

    private static int utf8Length(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    private static String sha256Hex(String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            // every Java platform must provide SHA-256
            throw new IllegalStateException(e);
        }
    }
}
