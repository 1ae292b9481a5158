package org.sqlwarehouse.deps;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The packages a project (or an installed package) declares, and the entries as written, whose
 * hash package-lock.yml records so that a changed packages.yml is noticed.
 *
 * @param file    the file they came from, for messages ("packages.yml"), or null when none
 * @param specs   the entries read
 * @param entries the entries as written (maps of plain values), for the hash
 */
public record DeclaredPackages(String file, List<PackageSpec> specs, List<Map<String, Object>> entries) {
    public static final DeclaredPackages NONE = new DeclaredPackages(null, List.of(), List.of());

    public boolean isEmpty() {
        return specs.isEmpty();
    }

    /**
     * The sha1_hash of package-lock.yml, computed as dbt computes it: each entry as Python's
     * {@code json.dumps(entry, sort_keys=True)}, the lines sorted and joined by newlines.
     */
    public String sha1Hash() {
        List<String> lines = new ArrayList<>();
        for (Map<String, Object> entry : entries) {
            lines.add(PythonJson.dumps(entry));
        }
        lines.sort(null);
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            return HexFormat.of().formatHex(sha1.digest(String.join("\n", lines).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JDK has SHA-1", e);
        }
    }
}
