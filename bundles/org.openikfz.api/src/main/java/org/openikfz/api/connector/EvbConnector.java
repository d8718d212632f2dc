package org.openikfz.api.connector;

import java.util.Objects;
import org.openikfz.api.value.Evb;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * The insurers' eVB database (GDV; FZV Anlage 11 Nr. 4): the number of the electronic insurance
 * confirmation is checked and the insurance data come back.
 *
 * @since 1.1
 */
@ConsumerType
public interface EvbConnector {

    enum Status {
        /** The confirmation exists and can be used for this registration. */
        VALID,
        /** No confirmation with this number. */
        UNKNOWN,
        /** The confirmation was already used for another registration. */
        USED,
        /** The confirmation is no longer valid. */
        EXPIRED
    }

    /**
     * @param status        what the database says
     * @param insurer       the insurer's name, or {@code null}
     * @param insurerNumber the insurer's number (VU-Nummer), or {@code null}
     */
    record Confirmation(Status status, String insurer, String insurerNumber) {
        public Confirmation {
            Objects.requireNonNull(status, "status");
        }
    }

    Confirmation verify(Evb evb) throws ConnectorUnavailableException;
}
