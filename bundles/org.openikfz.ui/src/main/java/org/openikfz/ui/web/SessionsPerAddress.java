package org.openikfz.ui.web;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSessionBindingEvent;
import jakarta.servlet.http.HttpSessionBindingListener;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A cap on the sessions one client address holds at once: a page request that would open one more is
 * answered with 429 (German and English) instead. A session counts from its first page request to its
 * end (logout, idle timeout); the count is kept by a marker in the session that Jetty tells when the
 * session ends. Behind trusted proxies the address is the client's.
 */
public final class SessionsPerAddress implements Filter {

    private static final String MARKER = SessionsPerAddress.class.getName();

    private final int cap;
    private final Map<String, AtomicInteger> open = new ConcurrentHashMap<>();

    public SessionsPerAddress(int cap) {
        this.cap = cap;
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        String path = request.getRequestURI().substring(request.getContextPath().length());
        boolean opensSession = !path.startsWith("/VAADIN/") && path.substring(path.lastIndexOf('/') + 1).indexOf('.') < 0
                && (request.getSession(false) == null || request.getSession(false).getAttribute(MARKER) == null);
        if (opensSession) {
            String address = request.getRemoteAddr();
            AtomicInteger count = open.computeIfAbsent(address, a -> new AtomicInteger());
            if (count.get() >= cap) {
                refuse(request, (HttpServletResponse) res);
                return;
            }
            request.getSession(true).setAttribute(MARKER, new Marker(address));
        }
        chain.doFilter(req, res);
    }

    private static void refuse(HttpServletRequest request, HttpServletResponse response) throws IOException {
        boolean english = request.getHeader("Accept-Language") != null && request.getHeader("Accept-Language").strip().startsWith("en");
        response.setStatus(429);
        response.setHeader("Retry-After", "60");
        response.setContentType("text/html");
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write("<!DOCTYPE html><html lang=\"" + (english ? "en" : "de") + "\"><head><meta charset=\"utf-8\">"
                + "<title>429</title></head><body><main><h1>" + (english
                        ? "Too many open sessions from your connection. Please close other windows of the portal or try again later."
                        : "Zu viele offene Sitzungen von Ihrem Anschluss. Bitte schließen Sie andere Fenster des Portals oder versuchen "
                                + "Sie es später erneut.") + "</h1></main></body></html>");
    }

    /** Counts its session for the address while it is bound; Jetty unbinds it when the session ends. */
    private final class Marker implements HttpSessionBindingListener, java.io.Serializable {

        private static final long serialVersionUID = 1L;
        private final String address;

        Marker(String address) {
            this.address = address;
        }

        @Override
        public void valueBound(HttpSessionBindingEvent event) {
            open.computeIfAbsent(address, a -> new AtomicInteger()).incrementAndGet();
        }

        @Override
        public void valueUnbound(HttpSessionBindingEvent event) {
            open.computeIfPresent(address, (a, count) -> count.decrementAndGet() <= 0 ? null : count);
        }
    }
}
