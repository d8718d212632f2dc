package org.openikfz.api.connector;

import java.net.URI;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Electronic identification (BundID / eID / eIDAS / Organisationskonto): the applicant logs in on
 * the provider's page and comes back to the portal with a one-time code.
 */
@ConsumerType
public interface IdentityProvider {

    /**
     * The login page to send the applicant to; afterwards the provider sends them to
     * {@code returnTo} with the query parameters {@code code} and {@code state}.
     */
    URI loginPage(String state, URI returnTo);

    /** Redeems the one-time code for the identity (once). */
    VerifiedIdentity redeem(String code) throws ConnectorUnavailableException;
}
