package org.openikfz.core.internal.access;

import static org.openikfz.core.internal.EngineTexts.TEXTS;

import static org.openikfz.api.application.ApplicationException.Reason.INVALID;
import static org.openikfz.api.application.ApplicationException.Reason.NOT_FOUND;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.openikfz.api.application.ApplicationException;
import org.openikfz.api.application.ApplicationRef;
import org.openikfz.api.text.LocalizedText;
import org.openikfz.store.api.Case;

/**
 * Who may reach a case, and what a client may not choose: the access token (only its hash is
 * stored), the authority (the portal's own, from its configuration), the eID login's state
 * parameter (binds the one-time code to this case) and the return addresses (the portal's own
 * origins only).
 */
public final class Access {

    private final SecureRandom random;
    private final com.fasterxml.uuid.NoArgGenerator ids;
    private final String authority;
    private final List<URI> origins;

    /**
     * @param authority the authority this portal serves (configuration)
     * @param origins the portal's own origins ({@code https://portal.example:443}); empty: any http(s)
     *     origin without user information (the web tier then checks its own)
     */
    public Access(SecureRandom random, String authority, List<URI> origins) {
        this.random = random;
        this.ids = com.fasterxml.uuid.Generators.timeBasedEpochRandomGenerator(random);
        this.authority = authority;
        this.origins = List.copyOf(origins);
    }

    public String authority() {
        return authority;
    }

    /** A new secret: 256 random bits, URL-safe. */
    public String newSecret() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /**
     * A new application's id: time-ordered (UUID version 7, RFC 9562: the time in milliseconds, then 74
     * random bits), so every index keyed by the application (its own, its events', trace, decision and
     * messages) grows at its end instead of at a random page: on H2 each transaction rewrites the index
     * pages it touched, and on PostgreSQL random keys scatter the B-tree's writes. The id is no secret
     * (the token is) and tells no more than the reference number does: when the application was opened.
     */
    public java.util.UUID newApplicationId() {
        return ids.generate();
    }

    /** The status page's address on the portal's first own origin, when origins are configured. */
    public java.util.Optional<URI> statusPage() {
        return origins.stream().findFirst().map(o -> o.resolve("/status"));
    }

    /** The authority for a new application: the portal's own; a client naming another is refused. */
    public String authorityFor(String requested) {
        if (requested == null || requested.isBlank() || requested.strip().toUpperCase(Locale.ROOT).equals(authority)) {
            return authority;
        }
        throw new ApplicationException(INVALID, TEXTS.format("access.own-authority-only", LocalizedText.german(authority)));
    }

    /** Whether {@code ref} carries the case's access token (in constant time). */
    public static void requireToken(Case c, ApplicationRef ref) {
        String expected = c.tokenHash() == null ? "" : c.tokenHash();
        byte[] given = sha256(ref.accessToken() == null ? "" : ref.accessToken()).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(given, expected.getBytes(StandardCharsets.US_ASCII))) {
            throw notFound();
        }
    }

    /**
     * A return address the identity or payment provider may send the applicant to: absolute http(s),
     * no user information, and one of the portal's own origins. Anything else is refused, so a code
     * can never be sent to someone else's page.
     */
    public URI returnAddress(URI returnTo) {
        if (returnTo == null || !returnTo.isAbsolute() || returnTo.getHost() == null || returnTo.getRawUserInfo() != null
                || !List.of("http", "https").contains(returnTo.getScheme().toLowerCase(Locale.ROOT))
                || (!origins.isEmpty() && origins.stream().noneMatch(o -> sameOrigin(o, returnTo)))) {
            throw new ApplicationException(INVALID, TEXTS.get("access.the-return-address-does-not"));
        }
        return returnTo;
    }

    static boolean sameOrigin(URI a, URI b) {
        return a.getScheme().equalsIgnoreCase(b.getScheme()) && a.getHost().equalsIgnoreCase(b.getHost()) && port(a) == port(b);
    }

    private static int port(URI u) {
        return u.getPort() >= 0 ? u.getPort() : "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
    }

    public static ApplicationException notFound() {
        return new ApplicationException(NOT_FOUND, TEXTS.get("access.this-application-does-not-exist"));
    }

    public static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
