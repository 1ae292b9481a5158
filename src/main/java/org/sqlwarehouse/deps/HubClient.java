package org.sqlwarehouse.deps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.sqlwarehouse.WarehouseException;

/**
 * Reads the dbt package hub as dbt's hub client does: {@code <hub>/api/v1/index.json} lists the
 * packages, {@code <hub>/api/v1/<org>/<name>.json} a package's versions, each with its project
 * name, its own packages and {@code downloads.tarball}. Each document is fetched once per run.
 */
final class HubClient {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One version of a hub package. */
    record HubVersion(SemanticVersion version, String projectName, URI tarball, List<Map<String, Object>> packages) {
    }

    private final String hubUrl;
    private final HttpFetcher http;
    private Set<String> index;
    private final Map<String, TreeMap<SemanticVersion, HubVersion>> packages = new HashMap<>();

    HubClient(String hubUrl, HttpFetcher http) {
        this.hubUrl = hubUrl.endsWith("/") ? hubUrl.substring(0, hubUrl.length() - 1) : hubUrl;
        this.http = http;
    }

    String url() {
        return hubUrl;
    }

    /** Every version the hub lists for a package, lowest first. */
    TreeMap<SemanticVersion, HubVersion> versions(String name) throws WarehouseException {
        TreeMap<SemanticVersion, HubVersion> known = packages.get(name);
        if (known != null) {
            return known;
        }
        if (!index("hub package " + name).contains(name)) {
            throw new WarehouseException("The hub at " + hubUrl + " has no package '" + name + "'.",
                    "Check the name on the hub (e.g. dbt-labs/dbt_utils); for a package elsewhere use git: or "
                            + "tarball: in packages.yml.");
        }
        URI uri = URI.create(hubUrl + "/api/v1/" + name + ".json");
        JsonNode document = parse(http.get(uri, "hub package " + name), uri);
        TreeMap<SemanticVersion, HubVersion> versions = new TreeMap<>();
        JsonNode listed = document.path("versions");
        for (Map.Entry<String, JsonNode> e : listed.properties()) {
            SemanticVersion version = SemanticVersion.tryParse(e.getKey()).orElse(null);
            String tarball = e.getValue().path("downloads").path("tarball").asText(null);
            if (version == null || tarball == null) {
                continue; // the hub lists a few versions dbt cannot install either
            }
            String projectName = e.getValue().path("name").asText(document.path("name").asText(null));
            versions.put(version, new HubVersion(version, projectName, URI.create(tarball),
                    dependencies(e.getValue().path("packages"))));
        }
        packages.put(name, versions);
        return versions;
    }

    private Set<String> index(String forWhat) throws WarehouseException {
        if (index == null) {
            URI uri = URI.create(hubUrl + "/api/v1/index.json");
            JsonNode document = parse(http.get(uri, forWhat), uri);
            Set<String> names = new LinkedHashSet<>();
            document.forEach(n -> names.add(n.asText()));
            index = names;
        }
        return index;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> dependencies(JsonNode node) {
        List<Map<String, Object>> out = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(entry -> out.add(JSON.convertValue(entry, Map.class)));
        }
        return out;
    }

    private static String firstLine(String message) {
        return message == null ? "unreadable" : message.lines().findFirst().orElse("unreadable");
    }

    private static JsonNode parse(byte[] body, URI uri) throws WarehouseException {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new WarehouseException(uri + " is not the hub's JSON: " + firstLine(e.getMessage()) + ".",
                    "Check warehouse.hubUrl: it names the hub's root, e.g. https://hub.getdbt.com");
        }
    }
}
