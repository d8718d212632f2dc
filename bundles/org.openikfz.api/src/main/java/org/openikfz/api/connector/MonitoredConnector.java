package org.openikfz.api.connector;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A connector whose health operators see in the back office ("Betrieb und Protokoll").
 *
 * @since 1.2
 */
@ConsumerType
public interface MonitoredConnector {

    /** Its health now; cheap, never blocks on the external system. */
    ConnectorHealth health();
}
