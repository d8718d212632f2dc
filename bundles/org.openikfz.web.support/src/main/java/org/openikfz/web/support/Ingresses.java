package org.openikfz.web.support;

import jakarta.servlet.DispatcherType;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import org.eclipse.jetty.ee11.servlet.FilterHolder;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.server.handler.DoSHandler;
import org.eclipse.jetty.server.handler.SizeLimitHandler;
import org.eclipse.jetty.session.DefaultSessionIdManager;
import org.eclipse.jetty.session.HouseKeeper;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * One ingress = one embedded Jetty server: its own connector (address, port; HTTP, or HTTPS per
 * {@link TlsSettings}), its own threads, a rate limit per client address, a body limit, and error
 * pages that say the status only. The portal, the back office and the machine API are each one, so a
 * slow external system that holds one ingress's threads leaves the others answering, and each can
 * live in its own bundle. Error pages say the status and a reference ({@link ErrorReferences}).
 */
public final class Ingresses {

    /** Client addresses whose rate is tracked at most (a flood of addresses cannot exhaust the memory). */
    static final int MAX_TRACKED_CLIENTS = 100_000;

    private Ingresses() {
    }

    /** Requests per second and client address, and how many more at once (a burst), that an ingress takes. */
    public record RateLimit(int perSecond, int burst) {
    }

    /** How an ingress's connector is made: trusted proxies, TLS (or none), HSTS. */
    public record Connectors(TrustedProxies proxies, TlsSettings tls, long hstsMaxAgeSeconds) {

        /** From the shared settings of the ingresses' configuration; {@code home} resolves a relative key store path. */
        public static Connectors of(String[] trustedProxies, String tlsKeyStore, String tlsKeyStorePassword, long hstsMaxAgeSeconds,
                String home) {
            return new Connectors(TrustedProxies.of(trustedProxies), TlsSettings.of(tlsKeyStore, tlsKeyStorePassword,
                    Path.of(home == null || home.isBlank() ? "." : home)), hstsMaxAgeSeconds);
        }

        /** {@code https} with TLS, else {@code http}. */
        public String scheme() {
            return tls.enabled() ? "https" : "http";
        }

        ServerConnector connector(Server jetty, String name, String host, int port) {
            // no server version in any answer (headers and error pages)
            HttpConfiguration http = new HttpConfiguration();
            http.setSendServerVersion(false);
            http.setSendXPoweredBy(false);
            // Forwarded / X-Forwarded-* only from the configured reverse proxies
            if (!proxies.isEmpty()) {
                http.addCustomizer(proxies);
            }
            ServerConnector connector;
            if (tls.enabled()) {
                http.setSecureScheme("https");
                SecureRequestCustomizer secure = new SecureRequestCustomizer();
                // HSTS on every answer over HTTPS; the certificate is the client's to check, not the Host header's
                secure.setStsMaxAge(hstsMaxAgeSeconds);
                secure.setSniHostCheck(false);
                http.addCustomizer(secure);
                connector = new ServerConnector(jetty, new SslConnectionFactory(tls.contextFactory(), "http/1.1"),
                        new HttpConnectionFactory(http));
            } else {
                connector = new ServerConnector(jetty, new HttpConnectionFactory(http));
            }
            connector.setName(name);
            connector.setHost(host);
            connector.setPort(port);
            return connector;
        }
    }

    /**
     * What an ingress is.
     *
     * @param label           how the log names it ("portal")
     * @param threads         its thread pool's size
     * @param operationsOnly  whether only POST, PUT and DELETE count for the rate limit (the machine API), else every request
     * @param json            whether refusals are the machine API's JSON errors
     * @param scavengeSeconds how often ended sessions are removed
     */
    public record Spec(String label, int threads, String host, int port, long maxRequestBytes, RateLimit limits,
            boolean operationsOnly, boolean json, long scavengeSeconds) {
    }

    /** Starts an ingress serving {@code context}. */
    public static Server start(Spec spec, Connectors connectors, ServletContextHandler context) throws Exception {
        QueuedThreadPool threads = new QueuedThreadPool(spec.threads(), 2);
        threads.setName("openikfz-" + spec.label().replace(' ', '-'));
        Server jetty = new Server(threads);
        jetty.addConnector(connectors.connector(jetty, spec.label(), spec.host(), spec.port()));
        // ended sessions are removed (and counted off their address) within a minute, or sooner for short idle times
        DefaultSessionIdManager ids = new DefaultSessionIdManager(jetty);
        HouseKeeper housekeeper = new HouseKeeper();
        housekeeper.setSessionIdManager(ids);
        housekeeper.setIntervalSec(spec.scavengeSeconds());
        ids.setSessionHouseKeeper(housekeeper);
        jetty.addBean(ids, true);
        // per client address (the proxy's client with trusted proxies): over the rate, 429 before anything is handled
        DoSHandler rate = new DoSHandler(context, TrustedProxies::clientAddress,
                new DoSHandler.LeakingBucketTrackerFactory(spec.limits().perSecond(), spec.limits().burst(), Duration.ofMinutes(2)),
                new TooManyRequests(spec.json()), MAX_TRACKED_CLIENTS);
        if (spec.operationsOnly()) {
            rate.includeMethod("POST", "PUT", "DELETE");
        }
        // a body larger than the limit is refused with 413 before it is read (Content-Length), or when it grows past it
        SizeLimitHandler limit = new SizeLimitHandler(spec.maxRequestBytes(), -1);
        limit.setHandler(rate);
        jetty.setHandler(new ClosingNotice(limit));
        // the machine API's port answers every error as the API does, as an RFC 9457 problem; the others with a page
        jetty.setErrorHandler(ErrorReferences.forServers(spec.json()));
        if (spec.json()) {
            context.setErrorHandler(ErrorReferences.forContexts(true));
        }
        // no graceful wait on stop: open push connections would hold it to the end
        jetty.setStopTimeout(0);
        try {
            jetty.start();
        } catch (Exception e) {
            stop(jetty);
            throw new IllegalStateException("The " + spec.label() + " cannot listen on " + spec.host() + ":" + spec.port() + ": "
                    + e.getMessage(), e);
        }
        return jetty;
    }

    /** A servlet context whose first filter sets the protective headers, with error pages that say the status only. */
    public static ServletContextHandler context(int options) {
        ServletContextHandler context = new ServletContextHandler(options);
        context.setContextPath("/");
        context.setErrorHandler(ErrorReferences.forContexts());
        context.addFilter(new FilterHolder(new SecurityHeadersFilter()), "/*", EnumSet.of(DispatcherType.REQUEST, DispatcherType.ERROR));
        // Jetty makes this the context class loader while it serves the context (Vaadin, Jackson, SLF4J look there)
        context.setClassLoader(BundleClassLoader.get());
        return context;
    }

    /** Plain HTTP on {@code host:port}: every request is sent to the same path at the portal's public address (301). */
    public static Server redirect(String host, int port, PublicAddress address) throws Exception {
        QueuedThreadPool threads = new QueuedThreadPool(8, 1);
        threads.setName("openikfz-redirect");
        Server jetty = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        ServerConnector connector = new ServerConnector(jetty, new HttpConnectionFactory(http));
        connector.setName("HTTP to HTTPS redirect");
        connector.setHost(host);
        connector.setPort(port);
        jetty.addConnector(connector);
        jetty.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                // the portal's public address, never the Host header
                String query = request.getHttpURI().getQuery();
                response.setStatus(301);
                response.getHeaders().put("Location", address.base() + request.getHttpURI().getPath() + (query == null ? "" : "?" + query));
                response.getHeaders().put("Cache-Control", "no-store");
                callback.succeeded();
                return true;
            }
        });
        jetty.setStopTimeout(0);
        jetty.start();
        return jetty;
    }

    /** Where an ingress listens, for the log: {@code https://127.0.0.1:8443/}. */
    public static String describe(Server jetty) {
        ServerConnector connector = (ServerConnector) jetty.getConnectors()[0];
        return (connector.getDefaultConnectionFactory() instanceof SslConnectionFactory ? "https" : "http") + "://"
                + hostForUrl(connector.getHost()) + ":" + connector.getLocalPort() + "/";
    }

    /** The port an ingress listens on (the one chosen when configured 0). */
    public static int port(Server jetty) {
        return ((ServerConnector) jetty.getConnectors()[0]).getLocalPort();
    }

    /** A host for a URL: the loopback address for a wildcard, brackets around IPv6. */
    public static String hostForUrl(String host) {
        if (host == null || host.isBlank() || host.equals("0.0.0.0")) {
            return "127.0.0.1";
        }
        return host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    /** Stops and destroys a server, logging (not throwing) a failure. */
    public static void stop(Server jetty) {
        try {
            jetty.stop();
        } catch (Exception e) {
            BundleClassLoader.logger(Ingresses.class).warn("Stopping Jetty failed", e);
        } finally {
            jetty.destroy();
        }
    }
}
