package org.openikfz.ui.web;

import com.vaadin.flow.server.VaadinServletContext;
import com.vaadin.flow.server.startup.ApplicationRouteRegistry;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * A page request for a path that is no route of this Vaadin application gets HTTP 404 at once.
 * Vaadin would answer any path with its bootstrap page (200) and show "not found" only after the
 * client's first round trip; an audit, a crawler or a proxy sees the status. The routes are those of
 * this context's own registry, so a page of the back office is 404 on the portal and the reverse.
 *
 * <p>Page requests are GETs of a path without a file extension outside {@code /VAADIN/} and without
 * Vaadin's {@code v-r} parameter; everything else (the client engine's requests, scripts, styles,
 * images) goes on to Vaadin and the resources as before. A GET of a file name (with an extension) outside
 * {@code /VAADIN/} that is not one of the files Vaadin serves from its production bundle's root
 * ({@code META-INF/VAADIN/webapp}: the service worker, …) is 404 too: Vaadin answered {@code /x.jsp},
 * {@code /wp-login.php} or {@code /.env} with its bootstrap page and 200, which a scanner reports as a
 * finding on every address it tries. ({@link StaticResourcesFilter} has served the styles before.)
 */
public final class UnknownPageFilter implements Filter {

    /** Where Vaadin serves the files of its production bundle's root from. */
    private static final String VAADIN_ROOT_FILES = "META-INF/VAADIN/webapp";

    private final ClassLoader loader;

    /** @param loader the class loader that sees Vaadin's production bundle (the UI bundle's) */
    public UnknownPageFilter(ClassLoader loader) {
        this.loader = loader;
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (isFileRequest(request, path) && !isVaadinRootFile(path)) {
            notFound((HttpServletResponse) res);
            return;
        }
        if (isPageRequest(request, path)) {
            ApplicationRouteRegistry routes = ApplicationRouteRegistry.getInstance(new VaadinServletContext(request.getServletContext()));
            String route = path.startsWith("/") ? path.substring(1) : path;
            if (route.endsWith("/")) {
                route = route.substring(0, route.length() - 1);
            }
            if (routes.getNavigationTarget(route).isEmpty()) {
                notFound((HttpServletResponse) res);
                return;
            }
        }
        chain.doFilter(req, res);
    }

    /** A plain page (the headers set before stay: sendError would drop them), German first. */
    private static void notFound(HttpServletResponse response) throws IOException {
        response.setStatus(HttpServletResponse.SC_NOT_FOUND);
        response.setContentType("text/html");
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(PAGE);
    }

    private static final String PAGE = """
            <!DOCTYPE html>
            <html lang="de"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Seite nicht gefunden</title></head>
            <body><main><h1>Seite nicht gefunden</h1><p>Diese Seite gibt es nicht.</p><p><a href="/">Zur Startseite</a></p>
            <p lang="en">Page not found. <a href="/">Go to the home page</a></p></main></body></html>
            """;

    private static boolean isPageRequest(HttpServletRequest request, String path) {
        return isOutsideVaadin(request, path) && lastSegment(path).indexOf('.') < 0;
    }

    /** A GET of a file name (a last segment with a dot) outside Vaadin's own requests and {@code /VAADIN/}. */
    private static boolean isFileRequest(HttpServletRequest request, String path) {
        return isOutsideVaadin(request, path) && lastSegment(path).indexOf('.') >= 0;
    }

    private static boolean isOutsideVaadin(HttpServletRequest request, String path) {
        if (!"GET".equals(request.getMethod()) && !"HEAD".equals(request.getMethod())) {
            return false;
        }
        return request.getParameter("v-r") == null && !path.startsWith("/VAADIN/");
    }

    private static String lastSegment(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /** Whether Vaadin has this file at the root of its production bundle (only plain names: no way out of it). */
    private boolean isVaadinRootFile(String path) {
        if (!path.startsWith("/") || path.contains("..") || path.contains("//") || path.contains("\\") || path.contains("%")
                || path.contains(";")) {
            return false;
        }
        return loader.getResource(VAADIN_ROOT_FILES + path) != null;
    }
}
