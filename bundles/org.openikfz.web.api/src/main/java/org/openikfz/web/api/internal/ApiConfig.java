package org.openikfz.web.api.internal;

/**
 * The machine API's settings: read from the ingresses' configuration, PID {@code org.openikfz.ui}
 * (described there, with the same names and defaults), so that one file configures all three
 * ingresses and the settings they share (proxies, TLS, the portal's public address).
 */
@interface ApiConfig {

    /** The portal's address and port: return addresses must lie there unless {@link #publicBaseUrl()} says otherwise. */
    String host() default "127.0.0.1";

    int port() default 8080;

    String apiHost() default "127.0.0.1";

    int apiPort() default 8082;

    String publicBaseUrl() default "";

    String[] trustedProxies() default {};

    String tlsKeyStore() default "";

    String tlsKeyStorePassword() default "";

    long hstsMaxAgeSeconds() default 31_536_000L;

    long maxRequestBytes() default 1024 * 1024;

    int apiRequestsPerSecond() default 20;

    int apiRequestBurst() default 200;
}
