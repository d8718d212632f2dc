package org.openikfz.api.connector;

import org.openikfz.api.value.Fin;
import org.openikfz.api.value.Zb2Code;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * The KBA's reference data for a first registration (FZV Anlage 11 Nr. 3; 2019: Anlage 8b Nr. 1):
 * the FIN and the ZB II security code against the register's data system, and the vehicle's
 * registrability from the central file of CoC data (Übereinstimmungsbescheinigungen).
 *
 * @since 1.1
 */
@ConsumerType
public interface KbaReferenzConnector {

    /** The KBA's answer. */
    record Reference(Status status, String vehicle, String obstacle) {
        /**
         * @param status   what the KBA found
         * @param vehicle  make and type from the CoC data, or {@code null} when unknown
         * @param obstacle a registration ban on technical grounds the manufacturer reported
         *                 (FZV § 45a(4a) in the 2019 text), or {@code null}: the authority must decide
         */
        public Reference {
            java.util.Objects.requireNonNull(status, "status");
        }
    }

    enum Status {
        /** FIN and ZB II code match, the CoC data make the vehicle registrable. */
        REGISTRABLE,
        /** No ZB II / CoC data for this FIN. */
        UNKNOWN_FIN,
        /** The ZB II code does not belong to this FIN. */
        ZB2_MISMATCH,
        /** The CoC data do not make the vehicle registrable. */
        NOT_REGISTRABLE,
        /** The vehicle has been registered before: not a first registration. */
        ALREADY_REGISTERED
    }

    Reference verify(Fin fin, Zb2Code zb2) throws ConnectorUnavailableException;
}
