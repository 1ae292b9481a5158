package org.sqlwarehouse.deps;

import java.util.List;
import java.util.Locale;

/**
 * An HTTP(S) proxy, as Maven's settings.xml {@code <proxy>} declares it.
 *
 * @param protocol      "http" or "https": the scheme of the URLs it carries
 * @param nonProxyHosts hosts reached directly, with {@code *} wildcards ({@code *.example.com})
 * @param username      null without authentication
 */
public record HttpProxy(String protocol, String host, int port, String username, String password,
        List<String> nonProxyHosts) {
    public HttpProxy {
        protocol = protocol == null || protocol.isBlank() ? "http" : protocol.toLowerCase(Locale.ROOT);
        nonProxyHosts = nonProxyHosts == null ? List.of() : List.copyOf(nonProxyHosts);
    }

    /** Whether requests to this host go through the proxy. */
    public boolean carries(String scheme, String targetHost) {
        if (!protocol.equalsIgnoreCase(scheme)) {
            return false;
        }
        String h = targetHost == null ? "" : targetHost.toLowerCase(Locale.ROOT);
        for (String pattern : nonProxyHosts) {
            String regex = ("\\Q" + pattern.strip().toLowerCase(Locale.ROOT) + "\\E").replace("*", "\\E.*\\Q");
            if (!pattern.isBlank() && h.matches(regex)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        // never the password
        return protocol + " proxy " + host + ":" + port + (username == null ? "" : " as " + username);
    }
}
