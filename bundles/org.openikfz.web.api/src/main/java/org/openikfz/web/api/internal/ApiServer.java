package org.openikfz.web.api.internal;

import java.util.Optional;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.ee11.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.openikfz.api.application.ApplicationService;
import org.openikfz.api.health.Metrics;
import org.openikfz.api.health.PlatformHealth;
import org.openikfz.api.health.Readiness;
import org.openikfz.api.application.ProcedureCatalog;
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
import org.slf4j.Logger;

/**
 * The machine API's ingress: its own embedded Jetty (connector, threads, rate limit per client
 * address counting every POST and PUT, HTTPS when configured) serving {@code /api/*} and
 * {@code /health}, the probes {@code /health/live} and {@code /health/ready}, and {@code /metrics};
 * no Vaadin, no session. In a bundle of its own, so that redeploying the citizens'
 * UI leaves it up. The engine and its procedure catalog are tracked dynamically: a missing engine is "not
 * available right now" (503), never a failure.
 */
@Component(immediate = true, configurationPid = ApiServer.PID, service = {})
public class ApiServer {

    /** The ingresses' configuration PID (shared with the UI bundle, which describes it). */
    static final String PID = "org.openikfz.ui";

    private static final Logger LOG = BundleClassLoader.logger(ApiServer.class);

    private volatile ApplicationService engine;
    // the engine's catalog: the API lists the procedures, and the version of each, that the engine opens
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile ProcedureCatalog procedures;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile PlatformHealth health;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile Readiness readiness;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile Metrics metrics;
    private volatile Server server;

    @Activate
    void activate(ApiConfig config, BundleContext bundleContext) throws Exception {
        Ingresses.Connectors connectors = Ingresses.Connectors.of(config.trustedProxies(), config.tlsKeyStore(),
                config.tlsKeyStorePassword(), config.hstsMaxAgeSeconds(), bundleContext.getProperty("openikfz.home"));
        // return addresses lie on the portal: its public address, or where it is configured to listen
        PublicAddress portal = PublicAddress.of(config.publicBaseUrl());
        portal.listening(connectors.scheme(), Ingresses.hostForUrl(config.host()), config.port());
        ServletContextHandler context = Ingresses.context(ServletContextHandler.NO_SESSIONS);
        // the machine API: same engine and rules, JSON under /api/v1, OpenAPI at /api/openapi.json
        context.addServlet(new ServletHolder("api", new ApiServlet(() -> Optional.ofNullable(procedures), () -> Optional.ofNullable(engine), portal)), "/api/*");
        // for load balancers and monitoring: 200 while every background job is healthy, else 503
        context.addServlet(new ServletHolder("health", new HealthServlet(() -> health)), "/health");
        // probes: liveness (the process runs) and readiness (store, the district's procedures, jobs); see docs/operations-health.md
        context.addServlet(new ServletHolder("probes", new ProbeServlet(() -> readiness)), "/health/*");
        // Prometheus scrapes the core's metrics here (names only in labels, the store's counts cached)
        context.addServlet(new ServletHolder("metrics", new MetricsServlet(() -> metrics)), "/metrics");
        // (the API answers a body over its own limit of 64 KiB with a JSON 413 itself, from the announced length)
        Ingresses.Spec spec = new Ingresses.Spec("machine API", 32, config.apiHost(), config.apiPort(), config.maxRequestBytes(),
                new Ingresses.RateLimit(config.apiRequestsPerSecond(), config.apiRequestBurst()), true, true, 60);
        Server jetty = BundleClassLoader.call(() -> Ingresses.start(spec, connectors, context));
        this.server = jetty;
        LOG.info("Open i-Kfz machine API listening on {}", Ingresses.describe(jetty));
    }

    @Deactivate
    void deactivate() {
        Server jetty = server;
        server = null;
        if (jetty != null) {
            BundleClassLoader.run(() -> Ingresses.stop(jetty));
            LOG.info("Open i-Kfz machine API stopped");
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "unsetEngine")
    void setEngine(ApplicationService service) {
        this.engine = service;
    }

    void unsetEngine(ApplicationService service) {
        if (this.engine == service) {
            this.engine = null;
        }
    }
}
