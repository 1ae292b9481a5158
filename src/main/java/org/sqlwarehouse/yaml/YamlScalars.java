package org.sqlwarehouse.yaml;

import java.math.BigInteger;
import java.util.Locale;
import org.sqlwarehouse.yaml.YamlNode.ScalarKind;
import org.yaml.snakeyaml.nodes.Tag;

/** Gives a scalar its value from its resolved tag, as PyYAML's SafeLoader does; nothing else is ever built. */
final class YamlScalars {
    private YamlScalars() {
    }

    static YamlNode.Scalar scalar(int line, Tag tag, String text) {
        if (Tag.NULL.equals(tag)) {
            return new YamlNode.Scalar(line, ScalarKind.NULL, text, null);
        }
        if (Tag.BOOL.equals(tag)) {
            String t = text.toLowerCase(Locale.ROOT);
            Boolean value = switch (t) {
                case "true", "yes", "on", "y" -> Boolean.TRUE;
                case "false", "no", "off", "n" -> Boolean.FALSE;
                default -> null;
            };
            if (value != null) {
                return new YamlNode.Scalar(line, ScalarKind.BOOLEAN, text, value);
            }
        }
        if (Tag.INT.equals(tag)) {
            Number n = integer(text);
            if (n != null) {
                return new YamlNode.Scalar(line, ScalarKind.INTEGER, text, n);
            }
        }
        if (Tag.FLOAT.equals(tag)) {
            Double d = floating(text);
            if (d != null) {
                return new YamlNode.Scalar(line, ScalarKind.FLOAT, text, d);
            }
        }
        // str, timestamp (kept as written), binary and any tag this reader does not know: text
        return new YamlNode.Scalar(line, ScalarKind.STRING, text, text);
    }

    /** YAML 1.1 integers: 1_000, 0x1F, 0b101, 017 (octal); sexagesimal ones stay text. */
    private static Number integer(String text) {
        String t = text.replace("_", "");
        boolean negative = t.startsWith("-");
        if (t.startsWith("-") || t.startsWith("+")) {
            t = t.substring(1);
        }
        int radix = 10;
        if (t.startsWith("0x")) {
            radix = 16;
            t = t.substring(2);
        } else if (t.startsWith("0b")) {
            radix = 2;
            t = t.substring(2);
        } else if (t.length() > 1 && t.startsWith("0")) {
            radix = 8;
            t = t.substring(1);
        }
        try {
            BigInteger n = new BigInteger(t, radix);
            if (negative) {
                n = n.negate();
            }
            // the smallest type that holds it, as Jackson gives: code reading config expects an Integer
            if (n.bitLength() < 32) {
                return n.intValue();
            }
            return n.bitLength() < 64 ? (Number) n.longValue() : n;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Double floating(String text) {
        String t = text.replace("_", "").toLowerCase(Locale.ROOT);
        switch (t) {
            case ".inf", "+.inf" -> {
                return Double.POSITIVE_INFINITY;
            }
            case "-.inf" -> {
                return Double.NEGATIVE_INFINITY;
            }
            case ".nan" -> {
                return Double.NaN;
            }
            default -> {
                try {
                    return Double.valueOf(t);
                } catch (NumberFormatException e) {
                    return null;
                }
            }
        }
    }
}
