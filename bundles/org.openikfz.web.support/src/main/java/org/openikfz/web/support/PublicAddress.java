package org.openikfz.web.support;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * The address citizens reach the portal at, from which every absolute URL the portal builds (the
 * return addresses for the eID login and the payment page) is made; never from the {@code Host}
 * header a client sends.
 *
 * <p>Configured ({@code publicBaseUrl}), it is used as it is. Unconfigured, a request that came
 * through a trusted reverse proxy uses the scheme and host the proxy forwarded; any other request
 * uses the portal's own listening address, or the name the browser used for it when that is one of
 * the machine's own names for the address (so {@code localhost} keeps its session cookie).
 */
public final class PublicAddress {

    private final URI configured;
    private volatile URI local;

    private PublicAddress(URI configured) {
        this.configured = configured;
    }

    /**
     * @param publicBaseUrl {@code https://portal.example} (a path, query or user information is an error), or empty
     * @throws IllegalArgumentException naming what is wrong with it
     */
    public static PublicAddress of(String publicBaseUrl) {
        if (publicBaseUrl == null || publicBaseUrl.isBlank()) {
            return new PublicAddress(null);
        }
        URI uri;
        try {
            uri = new URI(publicBaseUrl.strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("publicBaseUrl is not an address: " + publicBaseUrl, e);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null || uri.getRawUserInfo() != null
                || uri.getRawQuery() != null || uri.getRawFragment() != null
                || (uri.getRawPath() != null && !uri.getRawPath().isEmpty() && !uri.getRawPath().equals("/"))) {
            throw new IllegalArgumentException("publicBaseUrl must be http(s)://host[:port] without path: " + publicBaseUrl);
        }
        return new PublicAddress(origin(scheme, uri.getHost(), uri.getPort()));
    }

    /** The portal's listening address, known once it listens (the fallback without configuration). */
    public void listening(String scheme, String host, int port) {
        local = origin(scheme, host, port);
    }

    /** The origin ({@code scheme://host[:port]}) for addresses built while serving {@code request}. */
    public URI base(HttpServletRequest request) {
        if (configured != null) {
            return configured;
        }
        if (request.getAttribute(TrustedProxies.FORWARDED_ORIGIN) instanceof URI forwarded) {
            return forwarded;
        }
        if (request.getServerPort() == request.getLocalPort() && ownName(request.getServerName(), request.getLocalAddr())) {
            return origin(local().getScheme(), request.getServerName(), request.getLocalPort());
        }
        return local();
    }

    /** Whether {@code name} (from the Host header) is this machine's listening address, or a loopback name on loopback. */
    static boolean ownName(String name, String localAddress) {
        String host = name == null ? "" : name.toLowerCase(Locale.ROOT);
        String local = localAddress == null ? "" : localAddress;
        boolean loopback = local.startsWith("127.") || local.equals("0:0:0:0:0:0:0:1") || local.equals("::1");
        return host.equals(local) || host.equals("[" + local + "]")
                || (loopback && (host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]")));
    }

    /** The origin return addresses must have when the request names them (the machine API). */
    public URI base() {
        return configured != null ? configured : local();
    }

    private URI local() {
        URI l = local;
        if (l == null) {
            throw new IllegalStateException("the portal does not listen yet");
        }
        return l;
    }

    /**
     * Whether {@code address} is on the portal: same scheme, host and port as its public origin (unconfigured,
     * also a loopback name of the portal's loopback address).
     */
    public boolean contains(URI address) {
        URI base = base();
        if (!address.isAbsolute() || address.getRawUserInfo() != null || address.getHost() == null
                || !base.getScheme().equalsIgnoreCase(address.getScheme()) || port(base) != port(address)) {
            return false;
        }
        return base.getHost().equalsIgnoreCase(address.getHost())
                || (configured == null && ownName(address.getHost(), base.getHost().replaceAll("^\\[|\\]$", "")));
    }

    static URI origin(String scheme, String host, int port) {
        String s = scheme.toLowerCase(Locale.ROOT);
        String h = host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
        boolean defaultPort = port < 0 || (s.equals("http") && port == 80) || (s.equals("https") && port == 443);
        return URI.create(s + "://" + h.toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port));
    }

    private static int port(URI u) {
        return u.getPort() >= 0 ? u.getPort() : "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
    }
}
