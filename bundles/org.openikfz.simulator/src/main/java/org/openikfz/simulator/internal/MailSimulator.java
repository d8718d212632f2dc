package org.openikfz.simulator.internal;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimePartDataSource;
import jakarta.mail.internet.ParseException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import org.openikfz.api.connector.ConnectorUnavailableException;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.subethamail.smtp.MessageContext;
import org.subethamail.smtp.MessageHandler;
import org.subethamail.smtp.RejectException;
import org.subethamail.smtp.server.SMTPServer;

/**
 * The applicants' mailbox: an SMTP server (SubEtha SMTP, 127.0.0.1:2525 by default) that takes every
 * mail and keeps it, once per Message-ID (a repeated delivery is accepted and not kept again), in
 * {@code data/simulator/mailbox.jsonl}: one JSON object a line with {@code messageId}, {@code from}
 * (the From header's address), {@code to} (the envelope recipients, comma-separated), {@code subject}
 * and {@code text} (decoded: RFC 2047 subjects, quoted-printable or base64, the part's charset; lines
 * end LF, without the line break SMTP ends a mail with) and {@code receivedAt}. The e-mail connector
 * ({@code org.openikfz.connector.mail}) sends to it in the embedded default; the admin HTTP API shows
 * what arrived ({@code GET /mail/admin/messages}).
 *
 * <p>Its mode ({@code POST /mail/admin/mode}): {@code unavailable} answers MAIL FROM with 451 (the
 * sender tries again later), {@code slow} waits before accepting a mail.
 */
@Component(immediate = true, configurationPid = MailSimulator.PID, service = MailSimulator.class)
@Designate(ocd = MailSimulator.Config.class)
public final class MailSimulator {

    static final String PID = "org.openikfz.simulator.mail";
    /** Larger mails are refused (552): the portal's mails are short notices. */
    static final int MAX_MESSAGE_SIZE = 2 * 1024 * 1024;
    private static final Logger LOG = Logger.getLogger(MailSimulator.class.getName());

    @ObjectClassDefinition(id = PID, name = "Simulator: applicants' mailbox (SMTP)",
            description = "An SMTP server that keeps every mail it receives, once per Message-ID, in data/simulator/mailbox.jsonl.")
    public @interface Config {
        @AttributeDefinition(description = "address to bind to")
        String host() default "127.0.0.1";

        @AttributeDefinition(description = "SMTP port; 0 picks a free one")
        int port() default 2525;
    }

    /** One mail as kept. */
    record Mail(String messageId, String from, List<String> to, String subject, String text, Instant receivedAt) {

        String json() {
            return "{\"messageId\":" + Json.quote(messageId) + ",\"from\":" + Json.quote(from) + ",\"to\":"
                    + Json.quote(String.join(", ", to)) + ",\"subject\":" + Json.quote(subject) + ",\"text\":"
                    + Json.quote(text) + ",\"receivedAt\":" + Json.quote(receivedAt) + "}";
        }
    }

    private final Path mailbox;
    private final Set<String> seen = new HashSet<>(); // guarded by this
    private final Mode mode = new Mode("mail");
    private final ClassLoader bundleLoader = MailSimulator.class.getClassLoader();
    private final Session session;
    private final ExecutorService executor;
    private final SMTPServer server;

    @Activate
    public MailSimulator(Config config, BundleContext context) {
        this(config, SimulatorFiles.dir(context));
    }

    MailSimulator(Config config, Path dir) {
        this.mailbox = dir.resolve("mailbox.jsonl");
        for (String line : SimulatorFiles.lines(mailbox)) {
            Json.text(Json.parseObject(line), "messageId").ifPresent(seen::add);
        }
        this.session = withBundleLoader(() -> Session.getInstance(new Properties()));
        AtomicInteger threads = new AtomicInteger();
        this.executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "openikfz-simulator-smtp-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        InetAddress bind;
        try {
            bind = InetAddress.getByName(config.host());
        } catch (IOException e) {
            executor.shutdownNow();
            throw new IllegalArgumentException("mail simulator: cannot bind to " + config.host() + ": " + e.getMessage(), e);
        }
        this.server = SMTPServer.port(config.port()).bindAddress(bind).hostName("openikfz-simulator")
                .softwareName("Open i-Kfz mailbox simulator").messageHandlerFactory(this::handler)
                .executorService(executor).maxConnections(16).maxRecipients(50).maxMessageSize(MAX_MESSAGE_SIZE)
                .connectionTimeout(60, java.util.concurrent.TimeUnit.SECONDS).insertReceivedHeaders(false)
                .serverThreadName("openikfz-simulator-smtp").build();
        try {
            server.start();
        } catch (RuntimeException e) {
            executor.shutdownNow();
            // a taken port fails the start as loudly as the simulators' HTTP server does
            Throwable cause = e.getCause() instanceof BindException ? e.getCause() : e;
            throw new IllegalStateException("mail simulator: cannot listen on " + config.host() + ":" + config.port() + ": "
                    + cause.getMessage(), cause);
        }
        LOG.info("Mailbox simulator (SMTP) listening on " + config.host() + ":" + port() + ", keeping mails in " + mailbox);
    }

    @Deactivate
    void stop() {
        server.stop();
        executor.shutdownNow();
    }

    /** The port the server listens on (the configured one, or the one picked for port 0). */
    int port() {
        return server.getPortAllocated();
    }

    Mode mode() {
        return mode;
    }

    /** The mails kept, oldest first (JSON objects); optionally only those to {@code to} (case-insensitive). */
    List<String> messages(String to) {
        List<String> lines = SimulatorFiles.lines(mailbox);
        if (to == null || to.isBlank()) {
            return lines;
        }
        String wanted = to.strip().toLowerCase(Locale.ROOT);
        return lines.stream().filter(l -> Json.text(Json.parseObject(l), "to").stream()
                .flatMap(t -> List.of(t.split(",")).stream())
                .anyMatch(t -> t.strip().toLowerCase(Locale.ROOT).equals(wanted))).toList();
    }

    private MessageHandler handler(MessageContext context) {
        return new MessageHandler() {
            private String envelopeFrom = "";
            private final List<String> recipients = new ArrayList<>();

            @Override
            public void from(String from) throws RejectException {
                try {
                    mode.await();
                } catch (ConnectorUnavailableException e) {
                    throw new RejectException(451, "4.3.0 the mailbox simulator is set to unavailable, try again later");
                }
                envelopeFrom = from == null ? "" : from;
            }

            @Override
            public void recipient(String recipient) {
                recipients.add(recipient);
            }

            @Override
            public String data(InputStream data) throws RejectException, IOException {
                byte[] raw = data.readAllBytes();
                Mail mail;
                try {
                    mail = withBundleLoader(() -> read(raw, envelopeFrom, recipients));
                } catch (UncheckedIOException e) {
                    throw e.getCause();
                } catch (RuntimeException e) {
                    throw new RejectException(554, "5.6.0 the mailbox simulator cannot read this mail");
                }
                keep(mail);
                return null;
            }

            @Override
            public void done() {
            }
        };
    }

    /** Keeps {@code mail} unless one with its Message-ID is kept already (a mail without one is always kept). */
    synchronized boolean keep(Mail mail) {
        if (mail.messageId() != null && seen.contains(mail.messageId())) {
            return false;
        }
        SimulatorFiles.append(mailbox, mail.json());
        if (mail.messageId() != null) {
            seen.add(mail.messageId());
        }
        return true;
    }

    /** The mail as kept: headers decoded, the text of its (first) text/plain part. */
    Mail read(byte[] raw, String envelopeFrom, List<String> recipients) {
        try {
            MimeMessage m = new MimeMessage(session, new ByteArrayInputStream(raw));
            String messageId = m.getMessageID();
            Address[] from = m.getFrom();
            String sender = from != null && from.length > 0 && from[0] instanceof InternetAddress a ? a.getAddress() : envelopeFrom;
            String subject = m.getSubject();
            String text = text(m, 0);
            return new Mail(messageId == null || messageId.isBlank() ? null : messageId.strip(), sender, List.copyOf(recipients),
                    subject == null ? "" : subject, text == null ? "" : text, Instant.now());
        } catch (MessagingException e) {
            throw new IllegalArgumentException("not a mail", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The decoded text of the part, or of the first text/plain part in a multipart; null when there is none. */
    private static String text(Part part, int depth) throws MessagingException, IOException {
        if (part.isMimeType("text/plain")) { // also a mail without Content-Type (text/plain by RFC 2045)
            try (InputStream in = part.getInputStream()) { // transfer encoding undone
                return lines(new String(in.readAllBytes(), charset(part.getContentType())));
            }
        }
        if (part.isMimeType("multipart/*") && depth < 5) {
            MimeMultipart multipart = new MimeMultipart(new MimePartDataSource((jakarta.mail.internet.MimePart) part));
            for (int i = 0; i < multipart.getCount(); i++) {
                String text = text(multipart.getBodyPart(i), depth + 1);
                if (text != null) {
                    return text;
                }
            }
        }
        return null;
    }

    private static Charset charset(String contentType) {
        try {
            String name = contentType == null ? null : new ContentType(contentType).getParameter("charset");
            return name == null ? StandardCharsets.UTF_8 : Charset.forName(name.strip());
        } catch (ParseException | IllegalArgumentException e) {
            return StandardCharsets.UTF_8;
        }
    }

    /** Lines end LF; the line break SMTP ends every mail with is not part of the text. */
    private static String lines(String text) {
        String lf = text.replace("\r\n", "\n").replace('\r', '\n');
        return lf.endsWith("\n") ? lf.substring(0, lf.length() - 1) : lf;
    }

    /** Jakarta Mail looks its implementation up with the thread's context class loader: the bundle's sees the embedded Angus Mail. */
    private <T> T withBundleLoader(java.util.function.Supplier<T> work) {
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        thread.setContextClassLoader(bundleLoader);
        try {
            return work.get();
        } finally {
            thread.setContextClassLoader(before);
        }
    }

    /** For tests: the parsed mailbox. */
    List<Map<String, Object>> parsed(String to) {
        return messages(to).stream().map(Json::parseObject).toList();
    }
}
