package org.openikfz.web.support;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The headers every answer of the portal carries (pages, the machine API, documents, errors): no
 * sniffing of content types, no referrer to other sites, not framed by anyone (clickjacking), and not
 * stored by browsers or proxies — pages, answers and documents hold personal data. Only the build's
 * static resources (scripts, styles, images under {@code /VAADIN/}) may be cached; their handler sets
 * its own caching over this.
 *
 * <p>The Content-Security-Policy restricts framing, plugins and the base URL; it does not restrict
 * scripts: Vaadin Flow's bootstrap and its client engine need inline scripts and styles.
 */
public final class SecurityHeadersFilter implements Filter {

    static final String CONTENT_SECURITY_POLICY = "frame-ancestors 'none'; object-src 'none'; base-uri 'self'";

    /** The headers every answer carries, static resources included (also set on Jetty's own error answers). */
    static final java.util.Map<String, String> HEADERS = java.util.Map.of("X-Content-Type-Options", "nosniff", "Referrer-Policy", "no-referrer",
            "X-Frame-Options", "DENY", "Content-Security-Policy", CONTENT_SECURITY_POLICY);

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException {
        HttpServletResponse http = (HttpServletResponse) response;
        HEADERS.forEach(http::setHeader);
        if (!staticResource((HttpServletRequest) request)) {
            http.setHeader("Cache-Control", "no-store");
        }
        chain.doFilter(request, response);
    }

    private static boolean staticResource(HttpServletRequest request) {
        String path = request.getRequestURI();
        return path.startsWith("/VAADIN/") && !path.startsWith("/VAADIN/dynamic/");
    }
}
