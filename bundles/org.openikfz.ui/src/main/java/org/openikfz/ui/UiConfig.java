package org.openikfz.ui;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration (PID {@value UiServer#PID}) of the portal's web server. */
@ObjectClassDefinition(name = "Open i-Kfz UI", description = "Where the three ingresses (citizens' portal, back office, "
        + "machine API) listen, each on its own connector with its own threads.")
public @interface UiConfig {

    @AttributeDefinition(name = "Portal host", description = "Address the citizens' portal listens on. The default keeps "
            + "it on this machine (behind a reverse proxy); 0.0.0.0 listens on every interface.")
    String host() default "127.0.0.1";

    @AttributeDefinition(name = "Portal port", min = "0", max = "65535", description = "TCP port; 0 takes any free port.")
    int port() default 8080;

    @AttributeDefinition(name = "Back office host", description = "Address the back office listens on: an address of "
            + "the authority's internal network only, never the public one. The default keeps it on this machine.")
    String backOfficeHost() default "127.0.0.1";

    @AttributeDefinition(name = "Back office port", min = "0", max = "65535", description = "TCP port of the back office.")
    int backOfficePort() default 8081;

    @AttributeDefinition(name = "Machine API host", description = "Address the machine API (/api) and the health check "
            + "(/health) listen on.")
    String apiHost() default "127.0.0.1";

    @AttributeDefinition(name = "Machine API port", min = "0", max = "65535", description = "TCP port of the machine API.")
    int apiPort() default 8082;

    @AttributeDefinition(name = "Public base URL", description = "The address citizens reach the portal at, e.g. "
            + "https://ikfz.landkreis.example (no path). Every absolute address the portal builds (the return addresses "
            + "of the eID login and the payment page) is made from it, never from a request's Host header. Empty: the "
            + "portal's own listening address, or the scheme and host a trusted proxy forwarded.")
    String publicBaseUrl() default "";

    @AttributeDefinition(name = "Trusted reverse proxies", description = "IP addresses of the reverse proxies in front "
            + "of the ingresses. Only on connections from these are Forwarded and X-Forwarded-* honoured (client address, "
            + "scheme, host); from anywhere else they are ignored. Empty: honoured from nobody.")
    String[] trustedProxies() default {};

    @AttributeDefinition(name = "TLS key store (PKCS#12)", description = "A PKCS#12 file with the key and certificate chain "
            + "(relative paths: to the platform's home, e.g. etc/tls.p12). Set, every ingress speaks HTTPS only, TLS 1.2 and "
            + "1.3 with the AES-GCM suites of BSI TR-02102-2, and sends HSTS. Empty: plain HTTP, for a TLS-terminating "
            + "reverse proxy in front.")
    String tlsKeyStore() default "";

    @AttributeDefinition(name = "TLS key store password", type = org.osgi.service.metatype.annotations.AttributeType.PASSWORD)
    String tlsKeyStorePassword() default "";

    @AttributeDefinition(name = "HTTP to HTTPS redirect port", min = "-1", max = "65535", description = "With TLS: a plain "
            + "HTTP port on the portal's host that sends every request to the portal over HTTPS (301). -1: none.")
    int httpRedirectPort() default -1;

    @AttributeDefinition(name = "HSTS max-age (seconds)", min = "0", description = "Strict-Transport-Security on every "
            + "answer over HTTPS. One year by default.")
    long hstsMaxAgeSeconds() default 31_536_000L;

    @AttributeDefinition(name = "Machine API: operations per second and client address", min = "1", description = "POST "
            + "and PUT requests (opening, answering, verifying, paying, ...) one client address may send per second on "
            + "average; above it, and beyond the burst below, 429 with Retry-After. Behind NAT many clients share an address.")
    int apiRequestsPerSecond() default 20;

    @AttributeDefinition(name = "Machine API: burst per client address", min = "1", description = "How many operations "
            + "above the rate one client address may send at once before the limit takes hold.")
    int apiRequestBurst() default 200;

    @AttributeDefinition(name = "Pages: requests per second and client address", min = "1", description = "Requests of "
            + "any kind to the portal or the back office (a page load is some twenty) per client address and second.")
    int pageRequestsPerSecond() default 50;

    @AttributeDefinition(name = "Pages: burst per client address", min = "1")
    int pageRequestBurst() default 500;

    @AttributeDefinition(name = "Portal session idle timeout (seconds)", min = "1", description = "A browser session "
            + "nobody used for this long ends, and with it what the portal held for it. 30 minutes by default.")
    int sessionIdleSeconds() default 1800;

    @AttributeDefinition(name = "Back office session idle timeout (seconds)", min = "1", description = "The same for "
            + "the back office's pages; a member of staff's login ends after 30 idle minutes in any case.")
    int backOfficeSessionIdleSeconds() default 1800;

    @AttributeDefinition(name = "Sessions per client address", min = "1", description = "Browser sessions one client "
            + "address may hold at once on the portal (and as many on the back office); a page request that would open one "
            + "more gets 429. Behind NAT many citizens share an address.")
    int sessionsPerAddress() default 100;

    @AttributeDefinition(name = "Largest request body (bytes)", min = "1024", description = "Bodies larger than this are "
            + "refused with 413 before they are read (the portal's own requests are far smaller; the machine API takes at "
            + "most 64 KiB). 1 MiB by default.")
    long maxRequestBytes() default 1024 * 1024;

    @AttributeDefinition(name = "Impressum", description = "Address (https://...) of the authority's Impressum (§ 5 DDG), linked"
            + " in the portal's footer. Empty: no link (a public body's portal needs one).")
    String imprintUrl() default "";

    @AttributeDefinition(name = "Datenschutzerklärung", description = "Address of the authority's privacy notice (Art. 13"
            + " DSGVO), linked in the footer.")
    String privacyUrl() default "";

    @AttributeDefinition(name = "Erklärung zur Barrierefreiheit", description = "Address of the portal's accessibility"
            + " statement (§ 12b BGG, BITV 2.0 / the Land's law), linked in the footer.")
    String accessibilityUrl() default "";
}
