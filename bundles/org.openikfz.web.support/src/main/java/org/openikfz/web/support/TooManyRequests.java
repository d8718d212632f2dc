package org.openikfz.web.support;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The answer to a client over its request rate (Jetty's {@code DoSHandler} decides): 429 with
 * {@code Retry-After}, in German unless the client asks for English, as JSON on the machine API and
 * as a short page elsewhere. Nothing of the request was handled.
 */
public final class TooManyRequests implements Request.Handler {

    private static final String GERMAN = "Zu viele Anfragen von Ihrem Anschluss in kurzer Zeit. Bitte warten Sie einen Moment "
            + "und versuchen Sie es dann erneut.";
    private static final String ENGLISH = "Too many requests from your connection in a short time. Please wait a moment and "
            + "try again.";

    private final boolean json;

    /** @param json whether to answer in the machine API's JSON error form */
    public TooManyRequests(boolean json) {
        this.json = json;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String language = request.getHeaders().get(HttpHeader.ACCEPT_LANGUAGE);
        boolean english = language != null && language.strip().toLowerCase(java.util.Locale.ROOT).startsWith("en");
        String message = english ? ENGLISH : GERMAN;
        // the machine API's errors are RFC 9457 problems (with its version 1 members error and message)
        String body = json ? "{\"type\":\"tag:openikfz.org,2026:problem:too-many-requests\",\"title\":\"Too many requests\","
                + "\"status\":429,\"detail\":\"" + message + "\",\"error\":\"TOO_MANY_REQUESTS\",\"message\":\"" + message + "\"}"
                : "<!DOCTYPE html><html lang=\"" + (english ? "en" : "de") + "\"><head><meta charset=\"utf-8\"><title>429</title></head>"
                        + "<body><main><h1>" + message + "</h1></main></body></html>";
        response.setStatus(429);
        response.getHeaders().put(HttpHeader.RETRY_AFTER, "1");
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, json ? "application/problem+json;charset=utf-8" : "text/html;charset=utf-8");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.getHeaders().put("X-Content-Type-Options", "nosniff");
        response.getHeaders().put("Referrer-Policy", "no-referrer");
        response.write(true, ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)), callback);
        return true;
    }
}
