package org.openikfz.web.support;

import jakarta.servlet.http.HttpServlet;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.ee11.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/** An ingress as the web bundles start one (a 4 KiB body limit), serving one servlet on a free port of the loopback address. */
final class TestIngress implements AutoCloseable {

    private final Server jetty;

    private TestIngress(Server jetty) {
        this.jetty = jetty;
    }

    /** @param api whether it is the machine API's ingress (only changes count for the rate; errors are problems) */
    static TestIngress start(HttpServlet servlet, String mapping, Ingresses.RateLimit limits, boolean api) throws Exception {
        ServletContextHandler context = Ingresses.context(ServletContextHandler.NO_SESSIONS);
        context.addServlet(new ServletHolder(servlet), mapping);
        Ingresses.Spec spec = new Ingresses.Spec("test", 8, "127.0.0.1", 0, 4096, limits, api, api, 60);
        return new TestIngress(Ingresses.start(spec, Ingresses.Connectors.of(new String[0], null, null, 0, "."), context));
    }

    int port() {
        return ((ServerConnector) jetty.getConnectors()[0]).getLocalPort();
    }

    @Override
    public void close() throws Exception {
        jetty.stop();
    }
}
