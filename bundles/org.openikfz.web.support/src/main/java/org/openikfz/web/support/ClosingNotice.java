package org.openikfz.web.support;

import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * A connection that cannot carry another request is closed with notice ({@code Connection: close}). An answer
 * given before the request's body arrived (a refusal over the rate limit, an unknown path) leaves the body on the
 * connection; Jetty then closes it once the answer is sent, but the answer, written in one go, was already on its
 * way without saying so, and a client that kept the connection lost its next request on it ("header parser received
 * no bytes"). Here the check is made while the answer's headers can still say it: when the handler writes its
 * whole answer, whatever of the body has arrived is discarded, and if that was not all of it, the answer closes.
 */
final class ClosingNotice extends Handler.Wrapper {

    ClosingNotice(Handler handler) {
        super(handler);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        return super.handle(request, new Response.Wrapper(request, response) {
            @Override
            public void write(boolean last, ByteBuffer content, Callback written) {
                // the handler is done with the request once it writes its whole answer (Jetty discards the rest then too)
                if (last && !isCommitted() && !request.consumeAvailable()) {
                    getHeaders().put(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE.asString());
                }
                super.write(last, content, written);
            }
        }, callback);
    }
}
