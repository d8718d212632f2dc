package org.openikfz.web.support;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import org.eclipse.jetty.ee11.servlet.ErrorPageErrorHandler;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;

/**
 * Error pages (on the machine API's port: RFC 9457 problems, see {@link Problems}) say the status and a reference,
 * nothing else: no exception, message or stack. The reference (eight hex digits) is also in the log, with the
 * cause, so that an operator finds what a citizen or a tester reports. A client error (4xx) is logged at debug level, a server error at warn.
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

    /** For the servlet contexts: pages. */
    public static ErrorPageErrorHandler forContexts() {
        return forContexts(false);
    }

    /** For the servlet contexts: with {@code problems}, the machine API's RFC 9457 problems instead of pages. */
    public static ErrorPageErrorHandler forContexts(boolean problems) {
        return statusOnly(new ErrorPageErrorHandler() {
            @Override
            protected boolean generateAcceptableResponse(Request request, Response response, Callback callback, String contentType,
                    List<Charset> charsets, int code, String message, Throwable cause) throws IOException {
                protect(response);
                String reference = reference(code, message, cause);
                if (problems) {
                    return problem(request, response, callback, code, reference);
                }
                return super.generateAcceptableResponse(request, response, callback, contentType, charsets, code, text(reference), null);
            }
        });
    }

    /** For what fails before a context (e.g. a body over the limit, a malformed request): pages. */
    public static ErrorHandler forServers() {
        return forServers(false);
    }

    /**
     * For what fails before a context (e.g. a body over the limit, a malformed request): with {@code problems}, the
     * machine API's RFC 9457 problems instead of pages.
     */
    public static ErrorHandler forServers(boolean problems) {
        return statusOnly(new ErrorHandler() {
            @Override
            protected boolean generateAcceptableResponse(Request request, Response response, Callback callback, String contentType,
                    List<Charset> charsets, int code, String message, Throwable cause) throws IOException {
                protect(response);
                String reference = reference(code, message, cause);
                if (problems) {
                    return problem(request, response, callback, code, reference);
                }
                return super.generateAcceptableResponse(request, response, callback, contentType, charsets, code, text(reference), null);
            }
        });
    }

    /**
     * The refusal as a problem, whatever the client accepts (a client of the machine API reads problems; an error
     * answer is not negotiated away into an empty body).
     */
    private static boolean problem(Request request, Response response, Callback callback, int code, String reference) {
        String[] refusal = Problems.refusal(code);
        boolean english = Problems.english(request.getHeaders().get(HttpHeader.ACCEPT_LANGUAGE));
        String detail = english ? refusal[2] + " Error reference: " + reference + "." : refusal[1] + " Fehlernummer: " + reference + ".";
        byte[] body = Problems.json(code, refusal[0], detail, reference).getBytes(StandardCharsets.UTF_8);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, Problems.MEDIA_TYPE + ";charset=utf-8");
        response.getHeaders().put(HttpHeader.CONTENT_LANGUAGE, english ? "en" : "de");
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
        return true;
    }
}
