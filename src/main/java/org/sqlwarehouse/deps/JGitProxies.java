package org.sqlwarehouse.deps;

import java.io.IOException;
import java.net.Proxy;
import java.net.URISyntaxException;
import java.net.URL;
import java.util.List;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.transport.HttpTransport;
import org.eclipse.jgit.transport.http.HttpConnection;
import org.eclipse.jgit.transport.http.JDKHttpConnectionFactory;

/**
 * Sends JGit's HTTP through settings.xml's proxies. JGit asks the JVM-wide ProxySelector, which
 * Maven does not set from settings.xml; so while this goal fetches, its connection factory (in the
 * plugin's own class realm, no other plugin's) takes the proxy from the goal's routing instead.
 */
final class JGitProxies {
    /** A fetch, or any other JGit call that may reach the network. */
    interface GitCall<T> {
        T call() throws GitAPIException, IOException;
    }

    private static final ThreadLocal<ProxyRouting> ROUTING = new ThreadLocal<>();

    private JGitProxies() {
    }

    static <T> T routed(ProxyRouting routing, GitCall<T> call) throws GitAPIException, IOException {
        install();
        ROUTING.set(routing);
        try {
            return call.call();
        } finally {
            ROUTING.remove();
        }
    }

    private static synchronized void install() {
        if (!(HttpTransport.getConnectionFactory() instanceof RoutedFactory)) {
            HttpTransport.setConnectionFactory(new RoutedFactory());
        }
    }

    private static final class RoutedFactory extends JDKHttpConnectionFactory {
        @Override
        public HttpConnection create(URL url, Proxy proxy) throws IOException {
            ProxyRouting routing = ROUTING.get();
            if (routing != null) {
                try {
                    List<Proxy> chosen = routing.select(url.toURI());
                    proxy = chosen.get(0);
                } catch (URISyntaxException e) {
                    // JGit's own choice stands
                }
            }
            return super.create(url, proxy);
        }
    }
}
