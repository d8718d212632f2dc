package org.openikfz.api.connector;

import java.util.Optional;
import java.util.UUID;
import org.openikfz.api.value.Kennzeichen;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * The authority's plate allocation (Kennzeichenvergabe, in its Fachverfahren): reserves a chosen
 * plate (Wunschkennzeichen) or assigns the next free one for a registration with a new plate.
 * Idempotent per application: asking again for the same application returns the same plate.
 *
 * <p>A plate held for an application that ends without a registration (withdrawn, aborted after the third
 * correction, deleted as abandoned, refused by a clerk) is given back through the Fachverfahren: the engine sends it a message
 * ({@link TransferTarget#FACHVERFAHREN}) whose payload is {@code {"kind":"kennzeichen-freigabe","application":…,
 * "authority":…,"reference":…}}.
 *
 * @since 1.1
 */
@ConsumerType
public interface KennzeichenConnector {

    /**
     * Reserves the chosen plate for the application.
     *
     * @return the plate, or empty when it is taken or not allocatable
     */
    Optional<Kennzeichen> reserve(String authority, Kennzeichen wish, UUID application)
            throws ConnectorUnavailableException;

    /**
     * Assigns a free plate with the authority's Unterscheidungszeichen.
     *
     * @param suffix {@code ""}, {@code "E"} (electric) or {@code "H"} (historic)
     */
    Kennzeichen assign(String authority, String suffix, UUID application) throws ConnectorUnavailableException;
}
