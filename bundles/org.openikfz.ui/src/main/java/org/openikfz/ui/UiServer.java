package org.openikfz.ui;

import com.vaadin.flow.router.RouteConfiguration;
import jakarta.servlet.DispatcherType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.function.Consumer;
import org.eclipse.jetty.ee11.servlet.ErrorPageErrorHandler;
import org.eclipse.jetty.ee11.servlet.FilterHolder;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.ee11.servlet.ServletHolder;
import org.eclipse.jetty.ee11.websocket.jakarta.server.config.JakartaWebSocketServletContainerInitializer;
import org.eclipse.jetty.http.HttpCookie;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.DoSHandler;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.server.handler.SizeLimitHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.openikfz.api.application.ApplicationService;
import org.openikfz.api.backoffice.ClerkWorkspace;
import org.openikfz.api.backoffice.DecisionReview;
import org.openikfz.api.backoffice.PlatformOverview;
import org.openikfz.api.backoffice.StaffDirectory;
import org.openikfz.api.health.PlatformHealth;
import org.openikfz.api.procedure.Procedure;
import org.openikfz.api.procedure.ProcedureDescription;
import org.openikfz.ui.api.ApiServlet;
import org.openikfz.ui.api.HealthServlet;
import org.openikfz.ui.backoffice.StaffViews;
import org.openikfz.ui.web.BundleClassLoader;
import org.openikfz.ui.web.BackOfficeAccess;
import org.openikfz.ui.web.EngineAccess;
import org.openikfz.ui.web.PortalServlet;
import org.openikfz.ui.web.ProcedureCatalog;
import org.openikfz.ui.web.PublicAddress;
import org.openikfz.ui.web.TrustedProxies;
import org.openikfz.ui.web.SecurityHeadersFilter;
import org.openikfz.ui.web.StaticResourcesFilter;
import org.openikfz.ui.web.TooManyRequests;
import org.openikfz.ui.web.UiTexts;
import org.openikfz.ui.web.UnknownPageFilter;
import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;

/**
 * The web servers: embedded Jetty 12.1, one server per ingress, each with its own connector (address,
 * port) and threads, started when the component activates and stopped when it deactivates (a new
 * configuration restarts them):
 * <ul>
 * <li>the citizens' portal (Vaadin): the home page and one page per procedure;
 * <li>the back office (Vaadin, its own route registry, session and cookie): the staff's pages, on
 * the loopback interface by default; it has no route on the portal, so neither a path nor a UIDL
 * navigation there reaches it;
 * <li>the machine API and the health check (JSON, no Vaadin, no session).
 * </ul>
 * A slow external system that holds the threads of one ingress leaves the others answering.
 *
 * <p>Procedures are tracked dynamically: each {@link Procedure} service gets a page at
 * {@code /<procedure id>} while it is registered. Only its {@link ProcedureDescription} (API data) is
 * kept; no class of a procedure bundle is ever loaded or held by the UI.
 */
@Component(immediate = true, configurationPid = UiServer.PID, service = {})
@Designate(ocd = UiConfig.class)
public class UiServer {

    /** The configuration PID. */
    public static final String PID = "org.openikfz.ui";

    private static final Logger LOG = BundleClassLoader.logger(UiServer.class);

    private final ProcedureCatalog catalog = new ProcedureCatalog();
    private final EngineAccess engine = new EngineAccess();
    // the back office's services, each optional and dynamic: its pages say "not available" while one is away
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile StaffDirectory staff;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile ClerkWorkspace workspace;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile DecisionReview review;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile PlatformOverview platform;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile PlatformHealth health;
    private final BackOfficeAccess backOffice = new BackOfficeAccess(() -> staff, () -> workspace, () -> review, () -> platform,
            () -> health);
    private volatile List<Server> servers = List.of();

    @Activate
    void activate(UiConfig config) throws Exception {
        long start = System.nanoTime();
        List<Server> started = new ArrayList<>();
        PublicAddress address = PublicAddress.of(config.publicBaseUrl());
        TrustedProxies proxies = TrustedProxies.of(config.trustedProxies());
        RateLimit pages = new RateLimit(config.pageRequestsPerSecond(), config.pageRequestBurst());
        try {
            // the portal first: the other two need its address (the back office for nothing else, the API for return addresses)
            Server portal = BundleClassLoader.call(() -> start(Ingress.PORTAL, config.host(), config.port(), proxies,
                    vaadinContext(Ingress.PORTAL, config.sessionIdleSeconds(), catalog::attach, address), config.maxRequestBytes(),
                    pages));
            started.add(portal);
            ServerConnector connector = (ServerConnector) portal.getConnectors()[0];
            address.listening(hostForUrl(connector.getHost()), connector.getLocalPort());
            started.add(BundleClassLoader.call(() -> start(Ingress.BACK_OFFICE, config.backOfficeHost(), config.backOfficePort(),
                    proxies, vaadinContext(Ingress.BACK_OFFICE, config.backOfficeSessionIdleSeconds(), StaffViews::registerAll, address),
                    config.maxRequestBytes(), pages)));
            // (the API answers a body over its own limit of 64 KiB with a JSON 413 itself, from the announced length)
            started.add(BundleClassLoader.call(() -> start(Ingress.API, config.apiHost(), config.apiPort(), proxies, apiContext(address),
                    config.maxRequestBytes(), new RateLimit(config.apiRequestsPerSecond(), config.apiRequestBurst()))));
        } catch (Exception e) {
            started.forEach(s -> BundleClassLoader.run(() -> stop(s)));
            throw e;
        }
        this.servers = List.copyOf(started);
        for (Server server : servers) {
            ServerConnector connector = (ServerConnector) server.getConnectors()[0];
            LOG.info("Open i-Kfz {} listening on http://{}:{}/", connector.getName(), hostForUrl(connector.getHost()),
                    connector.getLocalPort());
        }
        LOG.info("Open i-Kfz UI started in {} ms", (System.nanoTime() - start) / 1_000_000);
    }

    /** The three ingresses: each its own server, connector and threads, so one cannot take another's capacity. */
    enum Ingress {
        PORTAL("portal", 64), BACK_OFFICE("back office", 32), API("machine API", 32);

        final String label;
        final int threads;

        Ingress(String label, int threads) {
            this.label = label;
            this.threads = threads;
        }
    }

    /** Requests per second and client address, and how many more at once (a burst), that an ingress takes. */
    record RateLimit(int perSecond, int burst) {
    }

    /** Client addresses whose rate is tracked at most (a flood of addresses cannot exhaust the memory). */
    private static final int MAX_TRACKED_CLIENTS = 100_000;

    private Server start(Ingress ingress, String host, int port, TrustedProxies proxies, ServletContextHandler context,
            long maxRequestBytes, RateLimit limits) throws Exception {
        QueuedThreadPool threads = new QueuedThreadPool(ingress.threads, 2);
        threads.setName("openikfz-" + ingress.name().toLowerCase(Locale.ROOT).replace('_', '-'));
        Server jetty = new Server(threads);
        // no server version in any answer (headers and error pages)
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        // Forwarded / X-Forwarded-* only from the configured reverse proxies
        if (!proxies.isEmpty()) {
            http.addCustomizer(proxies);
        }
        ServerConnector connector = new ServerConnector(jetty, new HttpConnectionFactory(http));
        connector.setName(ingress.label);
        connector.setHost(host);
        connector.setPort(port);
        jetty.addConnector(connector);
        // per client address (the proxy's client with trusted proxies): over the rate, 429 before anything is handled;
        // on the API every POST and PUT counts (opening, answering, verifying, ...), on the pages every request
        DoSHandler rate = new DoSHandler(context, TrustedProxies::clientAddress,
                new DoSHandler.LeakingBucketTrackerFactory(limits.perSecond(), limits.burst(), Duration.ofMinutes(2)),
                new TooManyRequests(ingress == Ingress.API), MAX_TRACKED_CLIENTS);
        if (ingress == Ingress.API) {
            rate.includeMethod("POST", "PUT", "DELETE");
        }
        // a body larger than the limit is refused with 413 before it is read (Content-Length), or when it grows past it
        SizeLimitHandler limit = new SizeLimitHandler(maxRequestBytes, -1);
        limit.setHandler(rate);
        jetty.setHandler(limit);
        ErrorHandler serverErrors = new ErrorHandler();
        serverErrors.setShowStacks(false);
        serverErrors.setShowMessageInTitle(false);
        serverErrors.setShowCauses(false);
        jetty.setErrorHandler(serverErrors);
        // no graceful wait on stop: open push connections would hold it to the end
        jetty.setStopTimeout(0);
        try {
            jetty.start();
        } catch (Exception e) {
            stop(jetty);
            throw new IllegalStateException("The " + ingress.label + " cannot listen on " + host + ":" + port + ": " + e.getMessage(), e);
        }
        return jetty;
    }

    /** A servlet context whose first filter sets the protective headers, with error pages that say the status only. */
    private static ServletContextHandler context(int options) {
        ServletContextHandler context = new ServletContextHandler(options);
        context.setContextPath("/");
        // error pages say the status only: no exception, message or stack
        ErrorPageErrorHandler errors = new ErrorPageErrorHandler();
        errors.setShowStacks(false);
        errors.setShowMessageInTitle(false);
        errors.setShowCauses(false);
        context.setErrorHandler(errors);
        context.addFilter(new FilterHolder(new SecurityHeadersFilter()), "/*", EnumSet.of(DispatcherType.REQUEST, DispatcherType.ERROR));
        return context;
    }

    /** The machine API and the health check: JSON only, no Vaadin, no session. */
    private ServletContextHandler apiContext(PublicAddress address) {
        ServletContextHandler context = context(ServletContextHandler.NO_SESSIONS);
        context.setClassLoader(BundleClassLoader.get());
        // the machine API: same engine and rules, JSON under /api/v1, OpenAPI at /api/openapi.json
        context.addServlet(new ServletHolder("api", new ApiServlet(catalog, engine, address)), "/api/*");
        // for load balancers and monitoring: 200 while every background job is healthy, else 503
        context.addServlet(new ServletHolder("health", new HealthServlet(() -> health)), "/health");
        return context;
    }

    /**
     * A Vaadin application with only the routes {@code routes} registers: the portal's (home and
     * procedures) or the back office's. Each has its own route registry, session and cookie, so no
     * path and no UIDL request on one reaches a view of the other.
     */
    private ServletContextHandler vaadinContext(Ingress ingress, int sessionIdleSeconds, Consumer<RouteConfiguration> routes,
            PublicAddress address) {
        ServletContextHandler context = context(ServletContextHandler.SESSIONS);
        // sessions end after the idle time; the cookie is not for scripts and not sent along cross-site requests
        // (Lax: the return from the eID and payment pages is a top-level navigation and keeps it). Browsers send
        // cookies to every port of a host: each ingress has its own cookie name
        context.getSessionHandler().setMaxInactiveInterval(sessionIdleSeconds);
        context.getSessionHandler().setHttpOnly(true);
        context.getSessionHandler().setSameSite(HttpCookie.SameSite.LAX);
        context.getSessionHandler().setSessionCookie(ingress == Ingress.PORTAL ? "JSESSIONID" : "OPENIKFZ_STAFF");
        // Jetty makes this the context class loader while it serves the context; Vaadin needs it
        context.setClassLoader(BundleClassLoader.get());
        context.setAttribute(ProcedureCatalog.class.getName(), catalog);
        context.setAttribute(EngineAccess.class.getName(), engine);
        context.setAttribute(BackOfficeAccess.class.getName(), backOffice);
        context.setAttribute(PublicAddress.class.getName(), address);
        // the JSR 356 container Atmosphere finds for Vaadin's push over WebSocket
        JakartaWebSocketServletContainerInitializer.configure(context, null);
        context.addFilter(new FilterHolder(new StaticResourcesFilter(BundleClassLoader.get())), "/*",
                EnumSet.of(DispatcherType.REQUEST));
        context.addFilter(new FilterHolder(new UnknownPageFilter()), "/*", EnumSet.of(DispatcherType.REQUEST));
        ServletHolder vaadin = new ServletHolder("vaadin", new PortalServlet(routes));
        vaadin.setAsyncSupported(true); // push may fall back to long polling
        vaadin.setInitOrder(1); // initialise at start, not on the first request
        vaadin.setInitParameter("i18n.provider", UiTexts.class.getName());
        context.addServlet(vaadin, "/*");
        return context;
    }

    @Deactivate
    void deactivate() {
        List<Server> running = servers;
        servers = List.of();
        catalog.detach();
        if (!running.isEmpty()) {
            running.forEach(jetty -> BundleClassLoader.run(() -> stop(jetty)));
            LOG.info("Open i-Kfz UI stopped");
        }
        // the JDK caches resource bundles per class loader (softly): let this bundle's go at once
        ResourceBundle.clearCache(BundleClassLoader.get());
    }

    private static void stop(Server jetty) {
        try {
            jetty.stop();
        } catch (Exception e) {
            LOG.warn("Stopping Jetty failed", e);
        } finally {
            jetty.destroy();
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "removeProcedure")
    void addProcedure(Procedure procedure, Map<String, Object> properties) {
        ProcedureDescription description;
        try {
            description = procedure.description();
        } catch (RuntimeException e) {
            LOG.warn("Procedure service {} has no usable description; ignored", properties.get(Constants.SERVICE_ID), e);
            return;
        }
        BundleClassLoader.run(() -> catalog.add(serviceId(properties), ranking(properties), description));
    }

    void removeProcedure(Procedure procedure, Map<String, Object> properties) {
        BundleClassLoader.run(() -> catalog.remove(serviceId(properties)));
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "unsetEngine")
    void setEngine(ApplicationService service) {
        engine.set(service);
    }

    void unsetEngine(ApplicationService service) {
        engine.unset(service);
    }

    private static long serviceId(Map<String, Object> properties) {
        return ((Number) properties.get(Constants.SERVICE_ID)).longValue();
    }

    private static int ranking(Map<String, Object> properties) {
        return properties.get(Constants.SERVICE_RANKING) instanceof Integer i ? i : 0;
    }

    private static String hostForUrl(String host) {
        if (host == null || host.isBlank() || host.equals("0.0.0.0")) {
            return "127.0.0.1";
        }
        return host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
    }
}
