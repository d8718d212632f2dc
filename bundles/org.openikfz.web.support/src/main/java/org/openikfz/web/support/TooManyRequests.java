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

    static final String GERMAN = "Zu viele Anfragen von Ihrem Anschluss in kurzer Zeit. Bitte warten Sie einen Moment "
            + "und versuchen Sie es dann erneut.";
    static final String ENGLISH = "Too many requests from your connection in a short time. Please wait a moment and "
            + "try again.";

    private final boolean json;

    /** @param json whether to answer in the machine API's JSON error form */
    public TooManyRequests(boolean json) {
        this.json = json;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        boolean english = Problems.english(request.getHeaders().get(HttpHeader.ACCEPT_LANGUAGE));
        String message = english ? ENGLISH : GERMAN;
        // the machine API's errors are RFC 9457 problems
        String body = json ? Problems.json(429, "TOO_MANY_REQUESTS", message, null)
                : "<!DOCTYPE html><html lang=\"" + (english ? "en" : "de") + "\"><head><meta charset=\"utf-8\"><title>429</title></head>"
                        + "<body><main><h1>" + message + "</h1></main></body></html>";
        response.setStatus(429);
        response.getHeaders().put(HttpHeader.RETRY_AFTER, "1");
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, json ? Problems.MEDIA_TYPE + ";charset=utf-8" : "text/html;charset=utf-8");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.getHeaders().put("X-Content-Type-Options", "nosniff");
        response.getHeaders().put("Referrer-Policy", "no-referrer");
        response.write(true, ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)), callback);
        return true;
    }
}
