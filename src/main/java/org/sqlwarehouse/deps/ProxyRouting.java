package org.sqlwarehouse.deps;

import java.io.IOException;
import java.net.Authenticator;
import java.net.InetSocketAddress;
import java.net.PasswordAuthentication;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.util.List;

/**
 * Routes this goal's requests through settings.xml's proxies, for the JDK's HttpClient and JGit,
 * without touching the JVM-wide defaults that other plugins in the build share.
 */
final class ProxyRouting extends ProxySelector {
    private final List<HttpProxy> proxies;

    ProxyRouting(List<HttpProxy> proxies) {
        this.proxies = List.copyOf(proxies);
    }

    HttpProxy proxyFor(URI uri) {
        for (HttpProxy proxy : proxies) {
            if (proxy.carries(uri.getScheme(), uri.getHost())) {
                return proxy;
            }
        }
        return null;
    }

    @Override
    public List<Proxy> select(URI uri) {
        HttpProxy proxy = proxyFor(uri);
        return List.of(proxy == null ? Proxy.NO_PROXY
                : new Proxy(Proxy.Type.HTTP, InetSocketAddress.createUnresolved(proxy.host(), proxy.port())));
    }

    @Override
    public void connectFailed(URI uri, SocketAddress address, IOException failure) {
        // nothing to remember: each goal runs once
    }

    /** Answers a proxy's request for credentials (407) with the settings.xml user of that proxy. */
    Authenticator authenticator() {
        return new Authenticator() {
            @Override
            protected PasswordAuthentication getPasswordAuthentication() {
                if (getRequestorType() != RequestorType.PROXY) {
                    return null;
                }
                for (HttpProxy proxy : proxies) {
                    if (proxy.username() != null && proxy.host().equalsIgnoreCase(getRequestingHost())
                            && proxy.port() == getRequestingPort()) {
                        String password = proxy.password() == null ? "" : proxy.password();
                        return new PasswordAuthentication(proxy.username(), password.toCharArray());
                    }
                }
                return null;
            }
        };
    }
}
