package org.openikfz.web.api.internal;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.function.Supplier;
import org.openikfz.api.health.Metrics;

/**
 * {@code GET /metrics}: the platform's metrics for Prometheus, in the text format 0.0.4 (or
 * OpenMetrics 1.0 when the scraper's {@code Accept} asks for it), as the core writes them. 503 while
 * the core is not running. Labels name procedures, states, checks, destinations and jobs only.
 */
public final class MetricsServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final transient Supplier<Metrics> metrics;

    public MetricsServlet(Supplier<Metrics> metrics) {
        this.metrics = metrics;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader("Cache-Control", "no-store");
        Metrics m = metrics.get();
        if (m == null) {
            response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
            response.setContentType("text/plain; charset=utf-8");
            response.getWriter().write("metrics not available: the core is not running\n");
            return;
        }
        // written to memory first: the content type is known only once the core has chosen the format
        ByteArrayOutputStream body = new ByteArrayOutputStream(16 * 1024);
        String contentType = m.write(request.getHeader("Accept"), body);
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType(contentType);
        response.setContentLength(body.size());
        body.writeTo(response.getOutputStream());
    }
}
