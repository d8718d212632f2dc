package org.openikfz.api.arrears;

import org.openikfz.api.connector.ConnectorUnavailableException;
import org.openikfz.api.connector.MonitoredConnector;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Asks an external system whether a holder has arrears of one {@link ArrearsKind kind}. Registered as
 * an OSGi service with the property {@value #KIND} (the kind's value) and, for a Land's check,
 * {@value #LAND} (the ISO 3166-2:DE code, e.g. {@code SN}). Where two serve the same kind and Land,
 * the one with the higher {@code service.ranking} is asked.
 *
 * <p>Implementations bound their waiting (timeouts, retries, circuit breaker) and throw
 * {@link ConnectorUnavailableException} when no answer came; they never answer clear for a call that
 * failed. Exception messages reach operators and the audit log: no personal data, no credentials.
 */
@ConsumerType
public interface ArrearsConnector extends MonitoredConnector {

    /** Service property: the {@link ArrearsKind#value()} the connector answers for. */
    String KIND = "openikfz.arrears.kind";

    /** Service property: the Land (ISO 3166-2:DE code) whose arrears it knows; absent for a federal kind. */
    String LAND = "openikfz.arrears.land";

    /** Asks about the holder. */
    ArrearsAnswer query(ArrearsQuery query) throws ConnectorUnavailableException;
}
