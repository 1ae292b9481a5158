package org.sqlwarehouse.state;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import org.sqlwarehouse.compile.CompiledNode;
import org.sqlwarehouse.compile.CompiledProject;
import org.sqlwarehouse.engine.AppliedProperties;

/**
 * What a relation is, as a hash: its compiled SQL (a seed's file content), its materialization and
 * config (with the descriptions and contract columns the build writes), and the fingerprints of
 * everything upstream. Equal fingerprints mean an equal relation.
 */
public final class Fingerprints {
    private static final ObjectMapper CANONICAL = new ObjectMapper()
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    /** The parts of a fingerprint, kept apart so that a plan can say what changed. */
    public record Fingerprint(String sqlHash, String configHash, String value) {
    }

    private Fingerprints() {
    }

    /** Fingerprints of every node, computed upstream first. */
    public static Map<String, Fingerprint> of(CompiledProject project) {
        Map<String, Fingerprint> out = new HashMap<>();
        for (String id : project.dag().topologicalOrder()) {
            CompiledNode node = project.nodes().get(id);
            String sqlHash = sha256(content(node));
            String applied = AppliedProperties.of(node);
            // what property files make the build write (comments, a contract's columns) is config too
            String configHash = sha256(node.materialized() + "\n" + canonical(node.config())
                    + (applied.isEmpty() ? "" : "\n" + applied));
            StringBuilder all = new StringBuilder(sqlHash).append('\n').append(configHash);
            TreeMap<String, String> upstream = new TreeMap<>();
            for (String up : node.dependsOn()) {
                Fingerprint f = out.get(up);
                if (f != null) {
                    upstream.put(up, f.value());
                }
            }
            upstream.forEach((k, v) -> all.append('\n').append(k).append('=').append(v));
            out.put(id, new Fingerprint(sqlHash, configHash, sha256(all.toString())));
        }
        return out;
    }

    private static String content(CompiledNode node) {
        if (node.seed() != null) {
            try {
                return sha256(Files.readAllBytes(node.seed().file()));
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read " + node.originalFilePath(), e);
            }
        }
        return String.valueOf(node.compiledSql()) + "\n" + String.valueOf(node.incrementalSql()) + "\n"
                + node.preHooks() + node.postHooks();
    }

    private static String canonical(Object value) {
        try {
            return CANONICAL.writeValueAsString(value == null ? Map.of() : new TreeMap<>((Map<?, ?>) value));
        } catch (IOException e) {
            return String.valueOf(value);
        }
    }

    /** The hash of a relation's column signature (see Dialect#columnSignatures); empty when unknown. */
    public static String columnsHash(String signature) {
        return signature == null ? "" : sha256(signature);
    }

    static String sha256(String text) {
        return sha256(text.getBytes(StandardCharsets.UTF_8));
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
