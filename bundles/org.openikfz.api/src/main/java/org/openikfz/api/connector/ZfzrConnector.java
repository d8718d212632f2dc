package org.openikfz.api.connector;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * The central vehicle register (ZFZR) of the KBA: verification of plate, FIN and security codes
 * (FZV Anlage 11 Nr. 2). Provided by the KBA connector or, in the embedded default, the KBA simulator.
 */
@ConsumerType
public interface ZfzrConnector {

    /** Compares the query with the register. */
    ZfzrVerification verify(ZfzrQuery query) throws ConnectorUnavailableException;
}
