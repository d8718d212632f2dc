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

    /**
     * Redeems the one-time code for the identity (once), without checking which login it came from.
     *
     * @deprecated a code must be bound to its login: use {@link #redeem(String, String)}
     */
    @Deprecated
    VerifiedIdentity redeem(String code) throws ConnectorUnavailableException;

    /**
     * Redeems the one-time code for the identity (once), only if it was issued for the login started
     * with {@code state} (the state parameter of {@link #loginPage}): a code from another login, e.g.
     * someone else's intercepted one, is refused. A provider that cannot tell refuses every code.
     *
     * @throws IdentificationRefusedException when the code is unknown, used, expired or from another login
     *         (since 1.7; before, providers threw the supertype for this too)
     * @throws ConnectorUnavailableException when the provider cannot be reached
     * @since 1.3
     */
    default VerifiedIdentity redeem(String code, String state) throws ConnectorUnavailableException {
        throw new ConnectorUnavailableException("this identity provider does not bind its codes to the login's state");
    }
}
