package org.openikfz.ui;

import com.vaadin.flow.router.RouteConfiguration;
import jakarta.servlet.DispatcherType;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.function.Consumer;
import org.eclipse.jetty.ee11.servlet.FilterHolder;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.ee11.servlet.ServletHolder;
import org.eclipse.jetty.ee11.websocket.jakarta.server.config.JakartaWebSocketServletContainerInitializer;
import org.eclipse.jetty.http.HttpCookie;
import org.eclipse.jetty.server.Server;
import org.openikfz.api.application.ApplicationService;
import org.openikfz.api.backoffice.ClerkWorkspace;
import org.openikfz.api.backoffice.DecisionReview;
import org.openikfz.api.backoffice.PlatformOverview;
import org.openikfz.api.backoffice.StaffDirectory;
import org.openikfz.api.health.PlatformHealth;
import org.openikfz.api.application.ProcedureCatalog;
import org.openikfz.ui.backoffice.StaffViews;
import org.openikfz.ui.web.BackOfficeAccess;
import org.openikfz.ui.web.EngineAccess;
import org.openikfz.ui.web.LegalPages;
import org.openikfz.ui.web.PortalServlet;
import org.openikfz.ui.web.SessionsPerAddress;
import org.openikfz.ui.web.StaticResourcesFilter;
import org.openikfz.ui.web.UiTexts;
import org.openikfz.ui.web.UnknownPageFilter;
import org.openikfz.web.support.BundleClassLoader;
import org.openikfz.web.support.Ingresses;
import org.openikfz.web.support.PublicAddress;
import org.osgi.framework.BundleContext;
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
 * The two Vaadin ingresses: embedded Jetty 12.1, one server each with its own connector (address,
 * port) and threads (see {@link Ingresses}), started when the component activates and stopped when it
 * deactivates (a new configuration restarts them):
 * <ul>
 * <li>the citizens' portal: the home page and one page per procedure;
 * <li>the back office (its own route registry, session and cookie): the staff's pages, on the
 * loopback interface by default; it has no route on the portal, so neither a path nor a UIDL
 * navigation there reaches it.
 * </ul>
 * The third ingress, the machine API, is the bundle {@code org.openikfz.web.api}: it stays up while
 * this one is redeployed. This component's configuration (PID {@value #PID}) describes all three.
 *
 * <p>Procedures are tracked dynamically: each {@link Procedure} service gets a page at
 * {@code /<procedure id>} while it is registered. Only its description (API data) is
 * kept; no class of a procedure bundle is ever loaded or held by the UI.
 */
@Component(immediate = true, configurationPid = UiServer.PID, service = {})
@Designate(ocd = UiConfig.class)
public class UiServer {

    /** The configuration PID. */
    public static final String PID = "org.openikfz.ui";

    private static final Logger LOG = BundleClassLoader.logger(UiServer.class);

    private final org.openikfz.ui.web.ProcedureCatalog catalog = new org.openikfz.ui.web.ProcedureCatalog();
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
    /** The authority's Impressum, privacy notice and accessibility statement, linked in the portal's footer. */
    private volatile LegalPages legalPages = LegalPages.of("", "", "");

    @Activate
    void activate(UiConfig config, BundleContext bundleContext) throws Exception {
        long start = System.nanoTime();
        List<Server> started = new ArrayList<>();
        PublicAddress address = PublicAddress.of(config.publicBaseUrl());
        legalPages = LegalPages.of(config.imprintUrl(), config.privacyUrl(), config.accessibilityUrl());
        Ingresses.Connectors connectors = Ingresses.Connectors.of(config.trustedProxies(), config.tlsKeyStore(),
                config.tlsKeyStorePassword(), config.hstsMaxAgeSeconds(), bundleContext.getProperty("openikfz.home"));
        Ingresses.RateLimit pages = new Ingresses.RateLimit(config.pageRequestsPerSecond(), config.pageRequestBurst());
        long scavenge = Math.max(1, Math.min(60, Math.min(config.sessionIdleSeconds(), config.backOfficeSessionIdleSeconds()) / 2));
        try {
            // the portal first: its address is where the eID and payment pages send the citizen back
            Server portal = BundleClassLoader.call(() -> Ingresses.start(new Ingresses.Spec("portal", 64, config.host(), config.port(),
                    config.maxRequestBytes(), pages, false, false, scavenge), connectors, vaadinContext(true, config.sessionIdleSeconds(),
                    catalog::attach, address, config.sessionsPerAddress())));
            started.add(portal);
            address.listening(connectors.scheme(), Ingresses.hostForUrl(config.host()), Ingresses.port(portal));
            started.add(BundleClassLoader.call(() -> Ingresses.start(new Ingresses.Spec("back office", 32, config.backOfficeHost(),
                    config.backOfficePort(), config.maxRequestBytes(), pages, false, false, scavenge), connectors,
                    vaadinContext(false, config.backOfficeSessionIdleSeconds(), StaffViews::registerAll, address,
                            config.sessionsPerAddress()))));
            if (connectors.tls().enabled() && config.httpRedirectPort() >= 0) {
                // plain HTTP on the portal's address only says where the portal is: HTTPS
                started.add(BundleClassLoader.call(() -> Ingresses.redirect(config.host(), config.httpRedirectPort(), address)));
            }
        } catch (Exception e) {
            started.forEach(s -> BundleClassLoader.run(() -> Ingresses.stop(s)));
            throw e;
        }
        this.servers = List.copyOf(started);
        for (Server server : servers) {
            LOG.info("Open i-Kfz {} listening on {}", server.getConnectors()[0].getName(), Ingresses.describe(server));
        }
        LOG.info("Open i-Kfz UI started in {} ms", (System.nanoTime() - start) / 1_000_000);
    }

    /**
     * A Vaadin application with only the routes {@code routes} registers: the portal's (home and
     * procedures) or the back office's. Each has its own route registry, session and cookie, so no
     * path and no UIDL request on one reaches a view of the other.
     */
    private ServletContextHandler vaadinContext(boolean portal, int sessionIdleSeconds, Consumer<RouteConfiguration> routes,
            PublicAddress address, int sessionsPerAddress) {
        ServletContextHandler context = Ingresses.context(ServletContextHandler.SESSIONS);
        // sessions end after the idle time; the cookie is not for scripts and not sent along cross-site requests
        // (Lax: the return from the eID and payment pages is a top-level navigation and keeps it). Browsers send
        // cookies to every port of a host: each ingress has its own cookie name
        context.getSessionHandler().setMaxInactiveInterval(sessionIdleSeconds);
        context.getSessionHandler().setHttpOnly(true);
        context.getSessionHandler().setSameSite(HttpCookie.SameSite.LAX);
        context.getSessionHandler().setSessionCookie(portal ? "JSESSIONID" : "OPENIKFZ_STAFF");
        context.setAttribute(org.openikfz.ui.web.ProcedureCatalog.class.getName(), catalog);
        context.setAttribute(EngineAccess.class.getName(), engine);
        context.setAttribute(BackOfficeAccess.class.getName(), backOffice);
        context.setAttribute(PublicAddress.class.getName(), address);
        context.setAttribute(LegalPages.class.getName(), legalPages);
        // the JSR 356 container Atmosphere finds for Vaadin's push over WebSocket
        JakartaWebSocketServletContainerInitializer.configure(context, null);
        context.addFilter(new FilterHolder(new StaticResourcesFilter(BundleClassLoader.get())), "/*",
                EnumSet.of(DispatcherType.REQUEST));
        context.addFilter(new FilterHolder(new UnknownPageFilter(BundleClassLoader.get())), "/*", EnumSet.of(DispatcherType.REQUEST));
        context.addFilter(new FilterHolder(new SessionsPerAddress(sessionsPerAddress)), "/*", EnumSet.of(DispatcherType.REQUEST));
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
            running.forEach(jetty -> BundleClassLoader.run(() -> Ingresses.stop(jetty)));
            LOG.info("Open i-Kfz UI stopped");
        }
        // the JDK caches resource bundles per class loader (softly): let this bundle's go at once
        ResourceBundle.clearCache(BundleClassLoader.get());
    }

    // the engine's catalog: the portal offers the procedures, and the version of each, that the engine opens
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "unsetProcedures")
    void setProcedures(ProcedureCatalog procedures) {
        BundleClassLoader.run(() -> catalog.use(procedures));
    }

    void unsetProcedures(ProcedureCatalog procedures) {
        BundleClassLoader.run(() -> catalog.unuse(procedures));
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "unsetEngine")
    void setEngine(ApplicationService service) {
        engine.set(service);
    }

    void unsetEngine(ApplicationService service) {
        engine.unset(service);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "unsetFees")
    void setFees(org.openikfz.api.fee.FeeSchedule service) {
        engine.setFees(service);
    }

    void unsetFees(org.openikfz.api.fee.FeeSchedule service) {
        engine.unsetFees(service);
    }
}
