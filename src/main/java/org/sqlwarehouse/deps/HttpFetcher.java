package org.sqlwarehouse.deps;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.sqlwarehouse.WarehouseException;

/**
 * Downloads over HTTP(S) with the JDK's HttpClient, through settings.xml's proxies, retrying a
 * dropped connection as dbt does. Refuses to reach the network when Maven runs offline.
 */
final class HttpFetcher {
    private static final int ATTEMPTS = 3;
    private final HttpClient client;
    private final Offline offline;

    HttpFetcher(ProxyRouting proxies, Offline offline) {
        this.offline = offline;
        this.client = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(30))
                .proxy(proxies)
                .authenticator(proxies.authenticator())
                .build();
    }

    /**
     * The body of a GET.
     *
     * @param forWhat what needs it, for messages: "hub package dbt-labs/dbt_utils"
     */
    byte[] get(URI uri, String forWhat) throws WarehouseException {
        return send(uri, forWhat, HttpResponse.BodyHandlers.ofByteArray());
    }

    /** Downloads to a file, which is replaced. */
    void download(URI uri, Path file, String forWhat) throws WarehouseException {
        send(uri, forWhat, HttpResponse.BodyHandlers.ofFile(file));
        if (!Files.isRegularFile(file)) {
            throw new WarehouseException("Downloading " + uri + " for " + forWhat + " wrote nothing.");
        }
    }

    private <T> T send(URI uri, String forWhat, HttpResponse.BodyHandler<T> handler) throws WarehouseException {
        offline.check(forWhat, uri.toString());
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(5))
                .header("User-Agent", "warehouse-maven-plugin").GET().build();
        IOException last = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                HttpResponse<T> response = client.send(request, handler);
                int status = response.statusCode();
                if (status / 100 == 2) {
                    return response.body();
                }
                throw new WarehouseException("GET " + uri + " for " + forWhat + " answered HTTP " + status + ".",
                        status == 404 ? "Check the name and the URL in packages.yml (and warehouse.hubUrl)."
                                : status == 407 ? "The proxy wants credentials: give <username>/<password> in the "
                                        + "settings.xml <proxy>." : "Try again later, or check the server.");
            } catch (IOException e) {
                last = e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new WarehouseException("Interrupted while downloading " + uri + ".");
            }
        }
        throw new WarehouseException("Cannot download " + uri + " for " + forWhat + ": " + describe(last) + ".",
                "Check the network, or settings.xml's <proxies> if a proxy is needed.", last);
    }

    private static String describe(IOException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
