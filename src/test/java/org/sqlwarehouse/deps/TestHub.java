package org.sqlwarehouse.deps;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * A dbt package hub on localhost, as dbt's hub client reads it: /api/v1/index.json,
 * /api/v1/org/name.json and the tarballs they point at. Counts every request.
 */
final class TestHub implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpServer server;
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Object>> packages = new LinkedHashMap<>();
    final List<String> requests = java.util.Collections.synchronizedList(new ArrayList<>());

    TestHub() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            requests.add(path);
            byte[] body = files.get(path);
            exchange.sendResponseHeaders(body == null ? 404 : 200, body == null ? -1 : body.length);
            if (body != null) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
            exchange.close();
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Serves a file at a path, e.g. a tarball. */
    void serve(String path, byte[] body) {
        files.put(path, body);
    }

    /**
     * Publishes one version of a hub package whose project is named projectName.
     *
     * @param dependencies its packages.yml entries, as the hub lists them
     */
    void publish(String hubName, String version, String projectName, String macroSql,
            List<Map<String, Object>> dependencies) throws IOException {
        String tarPath = "/tarballs/" + hubName + "/" + version + ".tar.gz";
        serve(tarPath, tarGz(projectName.replace('_', '-') + "-" + version, Map.of(
                "dbt_project.yml", "name: " + projectName + "\nversion: '" + version + "'\n",
                "macros/m.sql", macroSql)));
        Map<String, Object> versionJson = new LinkedHashMap<>();
        versionJson.put("id", hubName + "/" + version);
        versionJson.put("name", projectName);
        versionJson.put("version", version);
        versionJson.put("packages", dependencies);
        versionJson.put("downloads", Map.of("tarball", url() + tarPath));
        @SuppressWarnings("unchecked")
        Map<String, Object> versions = (Map<String, Object>) packages
                .computeIfAbsent(hubName, n -> new LinkedHashMap<>(Map.of("name", projectName,
                        "namespace", n.substring(0, n.indexOf('/')), "versions", new LinkedHashMap<>())))
                .get("versions");
        versions.put(version, versionJson);
        files.put("/api/v1/" + hubName + ".json", JSON.writeValueAsBytes(packages.get(hubName)));
        files.put("/api/v1/index.json", JSON.writeValueAsBytes(new ArrayList<>(packages.keySet())));
    }

    /** A .tar.gz of one folder holding the given files, as GitHub's archives are. */
    static byte[] tarGz(String folder, Map<String, String> contents) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(bytes))) {
            tar.putArchiveEntry(new TarArchiveEntry(folder + "/"));
            tar.closeArchiveEntry();
            for (Map.Entry<String, String> file : contents.entrySet()) {
                byte[] data = file.getValue().getBytes(StandardCharsets.UTF_8);
                TarArchiveEntry entry = new TarArchiveEntry(folder + "/" + file.getKey());
                entry.setSize(data.length);
                tar.putArchiveEntry(entry);
                tar.write(data);
                tar.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
