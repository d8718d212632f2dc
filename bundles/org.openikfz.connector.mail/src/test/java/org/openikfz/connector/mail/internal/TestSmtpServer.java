package org.openikfz.connector.mail.internal;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import org.subethamail.smtp.MessageContext;
import org.subethamail.smtp.MessageHandler;
import org.subethamail.smtp.RejectException;
import org.subethamail.smtp.auth.EasyAuthenticationHandlerFactory;
import org.subethamail.smtp.auth.LoginFailedException;
import org.subethamail.smtp.server.SMTPServer;

/** An SMTP server for the tests (SubEtha SMTP on 127.0.0.1, a free port): keeps every mail it accepted. */
final class TestSmtpServer implements AutoCloseable {

    /** One accepted mail: the envelope and the raw message as received. */
    record Received(String envelopeFrom, List<String> envelopeTo, byte[] raw) {
        MimeMessage parsed() throws Exception {
            return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw));
        }
    }

    final List<Received> received = new CopyOnWriteArrayList<>();
    volatile String rejectRecipient; // a reply text for 550, or null
    private final SMTPServer server;

    TestSmtpServer() {
        this(null, null);
    }

    /** With SMTP AUTH (PLAIN, LOGIN) required for {@code user} and {@code password}, when given. */
    TestSmtpServer(String user, String password) {
        SMTPServer.Builder builder = SMTPServer.port(0).bindAddress(InetAddress.getLoopbackAddress())
                .messageHandlerFactory(this::handler);
        if (user != null) {
            builder.authenticationHandlerFactory(new EasyAuthenticationHandlerFactory((u, p, context) -> {
                if (!user.equals(u) || !password.equals(p)) {
                    throw new LoginFailedException();
                }
            })).requireAuth(true);
        }
        server = builder.build();
        server.start();
    }

    int port() {
        return server.getPortAllocated();
    }

    private MessageHandler handler(MessageContext context) {
        return new MessageHandler() {
            String from;
            final List<String> to = new ArrayList<>();

            @Override
            public void from(String from) {
                this.from = from;
            }

            @Override
            public void recipient(String recipient) throws RejectException {
                if (rejectRecipient != null) {
                    throw new RejectException(550, rejectRecipient);
                }
                to.add(recipient);
            }

            @Override
            public String data(InputStream data) throws java.io.IOException {
                received.add(new Received(from, List.copyOf(to), data.readAllBytes()));
                return null;
            }

            @Override
            public void done() {
            }
        };
    }

    @Override
    public void close() {
        server.stop();
    }
}
