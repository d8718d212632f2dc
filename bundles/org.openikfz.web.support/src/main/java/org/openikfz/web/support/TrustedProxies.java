package org.openikfz.web.support;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.server.ForwardedRequestCustomizer;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Request;

/**
 * {@code Forwarded} and {@code X-Forwarded-*} are honoured only on connections from a configured
 * reverse proxy; from any other address they are ignored, so a client cannot claim another address,
 * scheme or host. A request that came through a trusted proxy carries the origin it was asked for
 * ({@link #FORWARDED_ORIGIN}).
 */
public final class TrustedProxies implements HttpConfiguration.Customizer {

    /**
     * Request attribute set when the forwarding headers were applied: the origin ({@link java.net.URI}) the client
     * asked the proxy for — scheme and host as forwarded, the port only when the proxy named one.
     */
    public static final String FORWARDED_ORIGIN = "org.openikfz.forwardedOrigin";

    private final Set<InetAddress> proxies;
    private final ForwardedRequestCustomizer forwarded = new ForwardedRequestCustomizer();

    private TrustedProxies(Set<InetAddress> proxies) {
        this.proxies = proxies;
    }

    /**
     * @param addresses IP addresses of the reverse proxies (no names: a name would be looked up again by
     *     whoever controls its DNS)
     * @throws IllegalArgumentException naming an entry that is not an IP address
     */
    public static TrustedProxies of(String[] addresses) {
        List<InetAddress> parsed = new ArrayList<>();
        for (String address : addresses) {
            String a = address.strip();
            if (a.isEmpty()) {
                continue;
            }
            if (!a.matches("[0-9.]+|[0-9a-fA-F:]+")) {
                throw new IllegalArgumentException("trustedProxies: not an IP address: " + a);
            }
            try {
                parsed.add(InetAddress.getByName(a));
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("trustedProxies: not an IP address: " + a, e);
            }
        }
        return new TrustedProxies(Set.copyOf(parsed));
    }

    public boolean isEmpty() {
        return proxies.isEmpty();
    }

    /** Whether a connection from {@code remote} comes from a trusted proxy. */
    public boolean trusts(SocketAddress remote) {
        return remote instanceof InetSocketAddress inet && inet.getAddress() != null && proxies.contains(inet.getAddress());
    }

    @Override
    public Request customize(Request request, HttpFields.Mutable responseHeaders) {
        if (!trusts(request.getConnectionMetaData().getRemoteSocketAddress())) {
            return request;
        }
        Request customized = forwarded.customize(request, responseHeaders);
        HttpURI uri = customized.getHttpURI();
        // Jetty keeps the connector's port when the proxy names none; the client used the scheme's default then
        customized.setAttribute(FORWARDED_ORIGIN, PublicAddress.origin(uri.getScheme(), uri.getHost(),
                portNamed(request.getHeaders()) ? uri.getPort() : -1));
        return customized;
    }

    /**
     * The client's address for the rate limits: the connection's peer, or the client a trusted proxy forwarded
     * ({@code for=}). Jetty's own {@code DoSHandler.ID_FROM_REMOTE_ADDRESS} fails on a forwarded address, which
     * Jetty keeps unresolved.
     */
    public static String clientAddress(Request request) {
        SocketAddress remote = request.getConnectionMetaData().getRemoteSocketAddress();
        if (remote instanceof InetSocketAddress inet) {
            return inet.getAddress() != null ? inet.getAddress().getHostAddress() : inet.getHostString();
        }
        return String.valueOf(remote);
    }

    /** Whether the proxy named the port the client used ({@code X-Forwarded-Port}, or a host with a port). */
    static boolean portNamed(HttpFields headers) {
        if (headers.get("X-Forwarded-Port") != null) {
            return true;
        }
        String forwardedHost = headers.get(HttpHeader.X_FORWARDED_HOST);
        if (forwardedHost != null) {
            return hasPort(forwardedHost.split(",")[0].strip());
        }
        String forwarded = headers.get(HttpHeader.FORWARDED);
        if (forwarded != null) {
            for (String pair : forwarded.split(",")[0].split(";")) {
                String p = pair.strip();
                if (p.regionMatches(true, 0, "host=", 0, 5)) {
                    return hasPort(p.substring(5).replace("\"", ""));
                }
            }
        }
        return false;
    }

    private static boolean hasPort(String host) {
        int bracket = host.lastIndexOf(']');
        return host.indexOf(':', bracket + 1) >= 0 && (bracket >= 0 || host.indexOf(':') == host.lastIndexOf(':'));
    }
}
