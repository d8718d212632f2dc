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

/**
 * A cap on the sessions one client address holds at once: a page request that would open one more is
 * answered with 429 (German and English) instead. A session counts from its first page request to its
 * end (logout, idle timeout); the count is kept by a marker in the session that Jetty tells when the
 * session ends. Behind trusted proxies the address is the client's.
 */
public final class SessionsPerAddress implements Filter {

    private static final String MARKER = SessionsPerAddress.class.getName();

    private final int cap;
    /** Sessions per address; an address with none has no entry. Changed only inside compute (atomic per key). */
    private final Map<String, Integer> open = new ConcurrentHashMap<>();

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
            // the slot is taken before the session exists: parallel first requests cannot all pass a check of the count
            if (!reserve(address)) {
                refuse(request, (HttpServletResponse) res);
                return;
            }
            boolean bound = false;
            try {
                request.getSession(true).setAttribute(MARKER, new Marker(address));
                bound = true;
            } finally {
                if (!bound) {
                    release(address);
                }
            }
        }
        chain.doFilter(req, res);
    }

    /** Takes one of the address's slots, atomically; false when all are taken. */
    private boolean reserve(String address) {
        boolean[] taken = {false};
        open.compute(address, (a, n) -> {
            int count = n == null ? 0 : n;
            if (count >= cap) {
                return n;
            }
            taken[0] = true;
            return count + 1;
        });
        return taken[0];
    }

    private void release(String address) {
        open.computeIfPresent(address, (a, n) -> n <= 1 ? null : n - 1);
    }

    /** The sessions the address holds now. */
    int sessions(String address) {
        return open.getOrDefault(address, 0);
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

    /**
     * Holds its session's slot while it is bound (taken before, in {@link #reserve}); Jetty unbinds it when the
     * session ends, and so does a second first request of the same session that replaces it.
     */
    private final class Marker implements HttpSessionBindingListener, java.io.Serializable {

        private static final long serialVersionUID = 1L;
        private final String address;

        Marker(String address) {
            this.address = address;
        }

        @Override
        public void valueBound(HttpSessionBindingEvent event) {
            // the slot was reserved before the session was made
        }

        @Override
        public void valueUnbound(HttpSessionBindingEvent event) {
            release(address);
        }
    }
}
