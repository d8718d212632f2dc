package org.openikfz.ui.web;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URL;

/**
 * Serves {@code META-INF/resources/**} of the bundle and its embedded jars (Lumo's style sheets,
 * the push client under {@code /VAADIN/static/}, the portal's own styles), as a servlet container
 * does for the jars of a web application; a pre-compressed {@code .gz} twin is sent to clients that
 * accept gzip. Vaadin's servlet serves the rest, including its production bundle under
 * {@code /VAADIN/build/}.
 */
public final class StaticResourcesFilter implements Filter {

    private static final String ROOT = "META-INF/resources";

    private final ClassLoader loader;

    public StaticResourcesFilter(ClassLoader loader) {
        this.loader = loader;
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) res;
        String method = request.getMethod();
        URL resource = null;
        if ("GET".equals(method) || "HEAD".equals(method)) {
            resource = find(request.getRequestURI().substring(request.getContextPath().length()));
        }
        if (resource == null) {
            chain.doFilter(req, res);
            return;
        }
        String type = request.getServletContext().getMimeType(resource.getPath());
        response.addHeader("Vary", "Accept-Encoding");
        String encoding = request.getHeader("Accept-Encoding");
        if (encoding != null && encoding.contains("gzip")) {
            URL gzipped = loader.getResource(ROOT + request.getRequestURI().substring(request.getContextPath().length())
                    + ".gz");
            if (gzipped != null) {
                response.setHeader("Content-Encoding", "gzip");
                resource = gzipped;
            }
        }
        if (type == null) {
            type = "application/octet-stream";
        } else if (type.startsWith("text/") || type.endsWith("javascript") || type.endsWith("json")) {
            type = type + ";charset=utf-8";
        }
        response.setContentType(type);
        response.setHeader("Cache-Control", "public, max-age=3600");
        response.setHeader("X-Content-Type-Options", "nosniff");
        if ("HEAD".equals(method)) {
            return;
        }
        try (InputStream in = resource.openStream(); OutputStream out = response.getOutputStream()) {
            in.transferTo(out);
        }
    }

    /** The resource for a request path: only files (with an extension) below META-INF/resources. */
    URL find(String path) {
        if (path.isEmpty() || path.equals("/") || path.startsWith("/VAADIN/build/") || path.endsWith("/")
                || path.contains("..") || path.contains("//") || path.contains("\\") || path.contains("%")
                || path.contains(";")) {
            return null;
        }
        String name = path.substring(path.lastIndexOf('/') + 1);
        if (name.indexOf('.') <= 0) {
            return null;
        }
        return loader.getResource(ROOT + path);
    }
}
