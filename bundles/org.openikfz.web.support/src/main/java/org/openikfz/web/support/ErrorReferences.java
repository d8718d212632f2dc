package org.openikfz.web.support;

import java.io.IOException;
import java.nio.charset.Charset;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import org.eclipse.jetty.ee11.servlet.ErrorPageErrorHandler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;

/**
 * Error pages say the status and a reference, nothing else: no exception, message or stack. The
 * reference (eight hex digits) is also in the log, with the cause, so that an operator finds what a
 * citizen or a tester reports. A client error (4xx) is logged at debug level, a server error at warn.
 */
public final class ErrorReferences {

    private static final Logger LOG = BundleClassLoader.logger(ErrorReferences.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private ErrorReferences() {
    }

    /** A new reference for an error, logged with its cause; the text that replaces the message. */
    public static String reference(int status, String message, Throwable cause) {
        byte[] bytes = new byte[4];
        RANDOM.nextBytes(bytes);
        String reference = HexFormat.of().formatHex(bytes);
        if (status >= 500) {
            LOG.warn("HTTP {} (reference {}): {}", status, reference, message, cause);
        } else {
            LOG.debug("HTTP {} (reference {}): {}", status, reference, message, cause);
        }
        return reference;
    }

    static String text(String reference) {
        return "Fehlernummer / error reference: " + reference;
    }

    /**
     * The protective headers of {@link SecurityHeadersFilter} also on what Jetty answers itself, before or outside a
     * servlet (a body or a header over the limit, a malformed request): no sniffing, no framing, not stored.
     */
    private static void protect(Response response) {
        org.eclipse.jetty.http.HttpFields.Mutable headers = response.getHeaders();
        SecurityHeadersFilter.HEADERS.forEach(headers::put);
        headers.put("Cache-Control", "no-store");
    }

    private static <T extends ErrorHandler> T statusOnly(T errors) {
        errors.setShowStacks(false);
        errors.setShowMessageInTitle(false);
        errors.setShowCauses(false);
        return errors;
    }

    /** For the servlet contexts. */
    public static ErrorPageErrorHandler forContexts() {
        return statusOnly(new ErrorPageErrorHandler() {
            @Override
            protected boolean generateAcceptableResponse(Request request, Response response, Callback callback, String contentType,
                    List<Charset> charsets, int code, String message, Throwable cause) throws IOException {
                protect(response);
                return super.generateAcceptableResponse(request, response, callback, contentType, charsets, code,
                        text(reference(code, message, cause)), null);
            }
        });
    }

    /** For what fails before a context (e.g. a body over the limit, a malformed request). */
    public static ErrorHandler forServers() {
        return statusOnly(new ErrorHandler() {
            @Override
            protected boolean generateAcceptableResponse(Request request, Response response, Callback callback, String contentType,
                    List<Charset> charsets, int code, String message, Throwable cause) throws IOException {
                protect(response);
                return super.generateAcceptableResponse(request, response, callback, contentType, charsets, code,
                        text(reference(code, message, cause)), null);
            }
        });
    }
}
