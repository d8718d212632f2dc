package org.openikfz.api.health;

import java.io.IOException;
import java.io.OutputStream;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The platform's metrics for monitoring (Prometheus): applications by procedure and state,
 * decisions, checks, transfers, the outbox, the background jobs and the JVM. Labels name
 * procedures, states, checks, destinations and jobs only, never personal data. Values read from the
 * database are cached for a few seconds, so frequent scrapes do not load it.
 *
 * @since 1.1
 */
@ProviderType
public interface Metrics {

    /** Prometheus text format 0.0.4. */
    String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    /** OpenMetrics text format 1.0.0. */
    String OPENMETRICS_TEXT = "application/openmetrics-text; version=1.0.0; charset=utf-8";

    /**
     * Writes the current metrics in the format the scraper asked for: OpenMetrics when its
     * {@code Accept} header asks for it, else the Prometheus text format.
     *
     * @param accept the scraper's {@code Accept} header, or {@code null}
     * @param out where to write (not closed)
     * @return the content type written, {@link #PROMETHEUS_TEXT} or {@link #OPENMETRICS_TEXT}
     */
    String write(String accept, OutputStream out) throws IOException;
}
