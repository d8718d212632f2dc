package org.openikfz.api.connector;

/**
 * The identity provider answered, and refuses the one-time code: unknown, used already, expired, or
 * issued for another login. Not an outage: the applicant has to log in again. (A subtype of
 * {@link ConnectorUnavailableException}, so that {@link IdentityProvider#redeem(String, String)} keeps
 * its signature; a provider that throws only the supertype is taken as unreachable.)
 *
 * @since 1.7
 */
public class IdentificationRefusedException extends ConnectorUnavailableException {

    private static final long serialVersionUID = 1L;

    /** @param message for operators: no personal data, never the code */
    public IdentificationRefusedException(String message) {
        super(message);
    }
}
