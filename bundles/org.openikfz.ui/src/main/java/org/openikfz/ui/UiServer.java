package org.openikfz.ui;

import jakarta.servlet.DispatcherType;
import java.util.EnumSet;
import java.util.Map;
import java.util.ResourceBundle;
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
import org.openikfz.ui.web.BundleClassLoader;
import org.openikfz.ui.web.BackOfficeAccess;
import org.openikfz.ui.web.EngineAccess;
import org.openikfz.ui.web.PortalServlet;
import org.openikfz.ui.web.ProcedureCatalog;
import org.openikfz.ui.web.SecurityHeadersFilter;
import org.openikfz.ui.web.StaticResourcesFilter;
import org.openikfz.ui.web.UiTexts;
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
 * The portal's web server: an embedded Jetty 12.1 running the Vaadin Flow application, started when
 * the component activates and stopped when it deactivates (a new configuration restarts it).
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
    private Server server;

    @Activate
    void activate(UiConfig config) throws Exception {
        long start = System.nanoTime();
        Server jetty = BundleClassLoader.call(() -> start(config));
        this.server = jetty;
        int port = ((ServerConnector) jetty.getConnectors()[0]).getLocalPort();
        String url = "http://" + hostForUrl(config.host()) + ":" + port + "/";
        LOG.info("Open i-Kfz UI listening on {} (started in {} ms)", url, (System.nanoTime() - start) / 1_000_000);
    }

    private Server start(UiConfig config) throws Exception {
        QueuedThreadPool threads = new QueuedThreadPool(64, 2);
        threads.setName("openikfz-ui");
        Server jetty = new Server(threads);
        // no server version in any answer (headers and error pages)
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        ServerConnector connector = new ServerConnector(jetty, new HttpConnectionFactory(http));
        connector.setHost(config.host());
        connector.setPort(config.port());
        jetty.addConnector(connector);

        ServletContextHandler context = new ServletContextHandler(ServletContextHandler.SESSIONS);
        context.setContextPath("/");
        // sessions end after the idle time; the cookie is not for scripts and not sent along cross-site requests
        // (Lax: the return from the eID and payment pages is a top-level navigation and keeps it)
        context.getSessionHandler().setMaxInactiveInterval(config.sessionIdleSeconds());
        context.getSessionHandler().setHttpOnly(true);
        context.getSessionHandler().setSameSite(HttpCookie.SameSite.LAX);
        // error pages say the status only: no exception, message or stack
        ErrorPageErrorHandler errors = new ErrorPageErrorHandler();
        errors.setShowStacks(false);
        errors.setShowMessageInTitle(false);
        errors.setShowCauses(false);
        context.setErrorHandler(errors);
        context.addFilter(new FilterHolder(new SecurityHeadersFilter()), "/*", EnumSet.of(DispatcherType.REQUEST, DispatcherType.ERROR));
        // Jetty makes this the context class loader while it serves the context; Vaadin needs it
        context.setClassLoader(BundleClassLoader.get());
        context.setAttribute(ProcedureCatalog.class.getName(), catalog);
        context.setAttribute(EngineAccess.class.getName(), engine);
        context.setAttribute(BackOfficeAccess.class.getName(), backOffice);
        // the JSR 356 container Atmosphere finds for Vaadin's push over WebSocket
        JakartaWebSocketServletContainerInitializer.configure(context, null);
        context.addFilter(new FilterHolder(new StaticResourcesFilter(BundleClassLoader.get())), "/*",
                EnumSet.of(DispatcherType.REQUEST));
        ServletHolder vaadin = new ServletHolder("vaadin", new PortalServlet());
        vaadin.setAsyncSupported(true); // push may fall back to long polling
        vaadin.setInitOrder(1); // initialise at start, not on the first request
        vaadin.setInitParameter("i18n.provider", UiTexts.class.getName());
        context.addServlet(vaadin, "/*");
        // the machine API: same engine and rules, JSON under /api/v1, OpenAPI at /api/openapi.json
        context.addServlet(new ServletHolder("api", new ApiServlet(catalog, engine)), "/api/*");
        // for load balancers and monitoring: 200 while every background job is healthy, else 503
        context.addServlet(new ServletHolder("health", new HealthServlet(() -> health)), "/health");
        // a body larger than the limit is refused with 413 before it is read (Content-Length), or when it grows past it
        SizeLimitHandler limit = new SizeLimitHandler(config.maxRequestBytes(), -1);
        limit.setHandler(context);
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
            throw e;
        }
        return jetty;
    }

    @Deactivate
    void deactivate() {
        Server jetty = server;
        server = null;
        catalog.detach();
        if (jetty != null) {
            BundleClassLoader.run(() -> stop(jetty));
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
