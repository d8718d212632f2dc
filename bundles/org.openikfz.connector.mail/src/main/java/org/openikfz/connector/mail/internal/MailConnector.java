package org.openikfz.connector.mail.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.activation.DataHandler;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.UnsupportedEncodingException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.logging.Logger;
import javax.net.ssl.SSLException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;
import org.eclipse.angus.mail.util.MailConnectException;
import org.openikfz.api.connector.ConnectorHealth;
import org.openikfz.api.connector.ConnectorUnavailableException;
import org.openikfz.api.connector.MonitoredConnector;
import org.openikfz.api.connector.TransferMessage;
import org.openikfz.api.connector.TransferTarget;
import org.openikfz.connector.support.Resilience;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/**
 * E-mail to applicants ({@link TransferTarget#MAIL}): the payload ({@link MailPayload}) is sent as a
 * plain-text mail ({@code text/plain; charset=UTF-8}, quoted-printable or base64 as Jakarta Mail
 * chooses, the subject RFC 2047-encoded) over SMTP, with STARTTLS ({@code none}, {@code optional},
 * {@code required}) and SMTP AUTH when a user is configured. {@link #deliver} returns only when the
 * server accepted the mail (its answer to DATA); anything else is a {@link ConnectorUnavailableException}
 * and the outbox tries again later.
 *
 * <p>The Message-ID is {@code <openikfz-<message id>.<application>@<domain of from>>}: the same for every
 * attempt, so a receiver that keeps Message-IDs (the simulator's mailbox does) takes a repeated delivery
 * once. Every attempt is bounded by the connect and read timeouts and by {@link Resilience} (a timeout
 * per send, a circuit breaker; retries are the outbox's business, so none by default).
 *
 * <p>Jakarta Mail finds its implementation (Angus Mail's SMTP transport, its encoders) through
 * {@link java.util.ServiceLoader} and {@code META-INF/javamail.*} resources, looked up with the
 * thread's context class loader. In OSGi that is not the bundle's, so the connector sets it to its
 * own bundle's class loader, which sees the embedded jars, while it uses Jakarta Mail.
 *
 * <p>The password, the recipient's address and the text never appear in an error, the health or the
 * log: server replies are reduced to their SMTP code, and addresses in any other text are masked
 * ({@code e***@example.org}).
 */
@Component(configurationPid = MailConnector.PID, service = {TransferTarget.class, MonitoredConnector.class})
@Designate(ocd = MailConnector.Config.class)
public final class MailConnector implements TransferTarget, MonitoredConnector {

    static final String PID = "org.openikfz.connector.mail";
    static final String NAME = "E-Mail an Antragsteller (SMTP)";
    private static final Logger LOG = Logger.getLogger(MailConnector.class.getName());
    private static final List<String> STARTTLS = List.of("none", "optional", "required");

    @ObjectClassDefinition(id = PID, name = "Connector: E-Mail an Antragsteller (SMTP)",
            description = "Sends the confirmations and decision notices applicants asked for by e-mail. "
                    + "The defaults reach the simulator's mailbox on 127.0.0.1:2525.")
    // the password is configured as .password: DS copies configuration properties into the service
    // registration, except those starting with a dot
    public @interface Config {
        @AttributeDefinition(description = "host name or address of the SMTP server (submission server of the authority)")
        String host() default "127.0.0.1";

        @AttributeDefinition(description = "SMTP port (587 for submission with STARTTLS, 25; the simulator: 2525)")
        int port() default 2525;

        @AttributeDefinition(description = "sender: an address, optionally with a name (Zulassungsbehörde Erzgebirgskreis <i-kfz@zulassung.example>); "
                + "its address is also the envelope sender, its domain names the Message-IDs")
        String from() default "i-kfz@zulassung.example";

        @AttributeDefinition(description = "STARTTLS: none (plain; the local simulator), optional (when the server offers it), "
                + "required (refuse to send without TLS; the server's certificate and host name are checked)",
                options = {@Option(label = "none", value = "none"), @Option(label = "optional", value = "optional"),
                        @Option(label = "required", value = "required")})
        String starttls() default "none";

        @AttributeDefinition(required = false, description = "user for SMTP AUTH; empty: no authentication")
        String user() default "";

        @AttributeDefinition(type = AttributeType.PASSWORD, required = false, description = "password for SMTP AUTH")
        String _password() default "";

        @AttributeDefinition(required = false, description = "name this host gives in EHLO; empty: its own host name")
        String heloName() default "";

        @AttributeDefinition(description = "timeout to connect, in milliseconds")
        long connectTimeoutMs() default 5000;

        @AttributeDefinition(description = "timeout for each answer of the server (and each write), in milliseconds")
        long readTimeoutMs() default 10000;

        @AttributeDefinition(description = "longest one whole send may take, in milliseconds")
        long sendTimeoutMs() default 30000;

        @AttributeDefinition(description = "retries after a failed send (0 to 5); the outbox tries again anyway, "
                + "and a retry after a lost answer to DATA sends the mail twice")
        int retries() default 0;

        @AttributeDefinition(description = "pause before the first retry in milliseconds; doubles per retry")
        long backoffMs() default 200;

        @AttributeDefinition(description = "failed sends in a row that open the circuit")
        int failureThreshold() default 5;

        @AttributeDefinition(description = "how long an open circuit refuses sends, in milliseconds")
        long openForMs() default 30000;
    }

    private final ObjectMapper json = new ObjectMapper();
    private final ClassLoader bundleLoader = MailConnector.class.getClassLoader();
    private final Resilience resilience;
    private final String host;
    private final int port;
    private final String user;
    private final String password;
    private final String domain;
    private final InternetAddress from;
    private final Session session;
    private final String configError;

    @Activate
    public MailConnector(Config config) {
        this.host = config.host() == null ? "" : config.host().strip();
        this.port = config.port();
        this.user = config.user() == null ? "" : config.user().strip();
        this.password = config._password() == null ? "" : config._password();
        String starttls = config.starttls() == null ? "" : config.starttls().strip().toLowerCase(Locale.ROOT);
        String endpoint = "smtp://" + (host.isEmpty() ? "(no host)" : host) + ":" + port
                + (STARTTLS.contains(starttls) && !starttls.equals("none") ? " (STARTTLS " + starttls + ")" : "");
        String error = null;
        Resilience.Settings settings;
        try {
            settings = Resilience.Settings.ofMillis(config.sendTimeoutMs(), config.retries(), config.backoffMs(),
                    config.failureThreshold(), config.openForMs());
        } catch (IllegalArgumentException e) {
            settings = Resilience.Settings.defaults();
            error = "invalid settings: " + e.getMessage();
        }
        this.resilience = new Resilience(NAME, endpoint, settings, List.of(password));
        InternetAddress sender = null;
        Session mailSession = null;
        if (error == null) {
            try {
                InternetAddress checked = check(config, starttls);
                sender = checked;
                mailSession = withBundleLoader(() -> Session.getInstance(properties(config, starttls, checked.getAddress())));
            } catch (IllegalArgumentException e) {
                error = e.getMessage();
            } catch (Exception e) {
                error = "Jakarta Mail: " + e.getClass().getSimpleName();
            }
        }
        this.from = sender;
        this.domain = sender == null ? "" : Addresses.domain(sender.getAddress());
        this.session = mailSession;
        this.configError = error == null ? null : resilience.redact("configuration: " + error);
        if (configError != null) {
            LOG.warning(NAME + ": " + configError);
        } else if (!loopback(host) && !starttls.equals("required")) {
            LOG.warning(NAME + ": STARTTLS is " + starttls + " for " + endpoint + ": mails"
                    + (user.isEmpty() ? "" : " and the SMTP password") + " may travel unencrypted; set starttls=required");
        }
    }

    private InternetAddress check(Config config, String starttls) {
        if (host.isEmpty()) {
            throw new IllegalArgumentException("host is empty");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be between 1 and 65535");
        }
        if (!STARTTLS.contains(starttls)) {
            throw new IllegalArgumentException("starttls is none, optional or required");
        }
        if (config.connectTimeoutMs() <= 0 || config.readTimeoutMs() <= 0) {
            throw new IllegalArgumentException("the timeouts must be positive");
        }
        if (!password.isEmpty() && user.isEmpty()) {
            throw new IllegalArgumentException("a password is set but no user");
        }
        String address = config.from() == null ? "" : config.from().strip();
        try {
            InternetAddress[] parsed = InternetAddress.parse(address, true);
            if (parsed.length != 1 || parsed[0].isGroup() || parsed[0].getAddress().indexOf('@') <= 0) {
                throw new AddressException();
            }
            parsed[0].validate();
            // anew: a parsed name would be written as it was given, 8-bit; this one is RFC 2047-encoded when not ASCII
            return parsed[0].getPersonal() == null ? new InternetAddress(parsed[0].getAddress())
                    : new InternetAddress(parsed[0].getAddress(), parsed[0].getPersonal(), "UTF-8");
        } catch (AddressException | UnsupportedEncodingException e) {
            throw new IllegalArgumentException("from is not one e-mail address");
        }
    }

    private Properties properties(Config config, String starttls, String envelopeFrom) {
        Properties p = new Properties();
        p.setProperty("mail.transport.protocol", "smtp");
        p.setProperty("mail.smtp.host", host);
        p.setProperty("mail.smtp.port", Integer.toString(port));
        p.setProperty("mail.smtp.connectiontimeout", Long.toString(config.connectTimeoutMs()));
        p.setProperty("mail.smtp.timeout", Long.toString(config.readTimeoutMs()));
        p.setProperty("mail.smtp.writetimeout", Long.toString(config.readTimeoutMs()));
        // the envelope sender: bounces go to the authority's address, not to the local user of the JVM
        p.setProperty("mail.smtp.from", envelopeFrom);
        p.setProperty("mail.smtp.auth", Boolean.toString(!user.isEmpty()));
        p.setProperty("mail.smtp.starttls.enable", Boolean.toString(!starttls.equals("none")));
        p.setProperty("mail.smtp.starttls.required", Boolean.toString(starttls.equals("required")));
        p.setProperty("mail.smtp.ssl.checkserveridentity", "true");
        if (config.heloName() != null && !config.heloName().isBlank()) {
            p.setProperty("mail.smtp.localhost", config.heloName().strip());
        }
        // no protocol trace, and none of the credentials in one should someone switch it on
        p.setProperty("mail.debug", "false");
        p.setProperty("mail.debug.auth", "false");
        p.setProperty("mail.debug.auth.username", "false");
        p.setProperty("mail.debug.auth.password", "false");
        return p;
    }

    @Override
    public String destination() {
        return MAIL;
    }

    @Override
    public void deliver(TransferMessage message) throws ConnectorUnavailableException {
        if (configError != null) {
            throw new ConnectorUnavailableException(NAME + ": " + configError);
        }
        MailPayload mail;
        try {
            mail = MailPayload.parse(json, message.payload());
        } catch (IllegalArgumentException e) {
            // sending it again cannot help, and it would hold up every later mail: said loudly, and done with
            LOG.severe(() -> NAME + ": message " + message.id() + " of application " + message.applicationId()
                    + " is no mail and is dropped: " + Addresses.maskAll(String.valueOf(e.getMessage())));
            return;
        }
        String messageId = messageId(message);
        String refused = resilience.call(() -> send(mail, messageId));
        if (refused != null) {
            // the recipient's address does not exist (RFC 3463 5.1.x): it never will, so the mail is done with
            LOG.warning(() -> NAME + ": message " + message.id() + " (" + mail.kind() + ") cannot be delivered to "
                    + Addresses.mask(mail.to()) + ": " + refused + "; not sent again");
            return;
        }
        LOG.fine(() -> NAME + ": message " + message.id() + " (" + mail.kind() + ") accepted by " + host + ":" + port
                + " for " + Addresses.mask(mail.to()));
    }

    /**
     * Whether the server refused the recipient for good: an address it does not know (enhanced status 5.1.x, RFC
     * 3463: bad mailbox, bad domain, bad syntax). A policy refusal (5.7.x, e.g. relaying denied) is the
     * operator's to fix, and a 4xx is temporary: both are sent again.
     */
    static boolean recipientUnknown(Throwable e) {
        for (Throwable t = e; t != null; t = next(t)) {
            if (t instanceof SMTPAddressFailedException a && a.getReturnCode() >= 500 && a.getReturnCode() < 600
                    && a.getMessage() != null && ENHANCED_ADDRESS_STATUS.matcher(a.getMessage()).find()) {
                return true;
            }
        }
        return false;
    }

    private static final java.util.regex.Pattern ENHANCED_ADDRESS_STATUS = java.util.regex.Pattern.compile("\\b5\\.1\\.\\d{1,3}\\b");

    /** {@code <openikfz-42.<application>@zulassung.example>}: the same for every attempt of one outbox message. */
    String messageId(TransferMessage message) {
        return "<openikfz-" + message.id() + "." + message.applicationId() + "@" + domain + ">";
    }

    /** Sends; {@code null} when the server accepted the mail, else why it refused the recipient for good. */
    private String send(MailPayload mail, String messageId) throws ConnectorUnavailableException {
        try {
            withBundleLoader(() -> {
                MimeMessage m = message(mail, messageId);
                Transport transport = session.getTransport("smtp");
                try {
                    transport.connect(host, port, user.isEmpty() ? null : user, user.isEmpty() ? null : password);
                    transport.sendMessage(m, m.getAllRecipients());
                } finally {
                    closeQuietly(transport);
                }
                return null;
            });
        } catch (ConnectorUnavailableException e) {
            throw e;
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            if (recipientUnknown(e)) {
                return describe(e);
            }
            throw new ConnectorUnavailableException(describe(e));
        }
        return null;
    }

    /** The mail: From, To, Subject (UTF-8), Date, Message-ID, Auto-Submitted, the text as text/plain; charset=UTF-8. */
    MimeMessage message(MailPayload mail, String messageId) throws MessagingException {
        MimeMessage m = new MimeMessage(session) {
            @Override
            protected void updateMessageID() throws MessagingException {
                setHeader("Message-ID", messageId);
            }
        };
        m.setFrom(from);
        m.setRecipient(Message.RecipientType.TO, new InternetAddress(mail.to(), true));
        m.setSubject(mail.subject(), "UTF-8");
        m.setSentDate(new Date());
        m.setHeader("Auto-Submitted", "auto-generated"); // RFC 3834: no vacation replies to the authority
        // the text's bytes as they are (lines ending CRLF, the canonical form of text/*): Jakarta Mail picks
        // quoted-printable or base64 and needs no content handler for a byte source
        byte[] text = mail.text().replaceAll("\r\n|\r|\n", "\r\n").getBytes(StandardCharsets.UTF_8);
        m.setDataHandler(new DataHandler(new ByteArrayDataSource(text, "text/plain; charset=UTF-8")));
        m.saveChanges();
        return m;
    }

    private static void closeQuietly(Transport transport) {
        try {
            transport.close();
        } catch (MessagingException | RuntimeException e) {
            // the server already accepted the mail (or sending failed before): QUIT is no part of delivering it
        }
    }

    /** What went wrong, for operators: no address in clear, no password, server replies as their SMTP code. */
    String describe(Throwable e) {
        for (Throwable t = e; t != null; t = next(t)) {
            if (t instanceof AuthenticationFailedException) {
                return "the mail server refused the credentials of the user" + (user.isEmpty() ? " (none configured)" : "");
            }
            if (t instanceof SMTPAddressFailedException a) {
                return "the mail server refused the recipient (SMTP " + a.getReturnCode() + ")";
            }
            if (t instanceof SMTPSenderFailedException s) {
                return "the mail server refused the sender (SMTP " + s.getReturnCode() + ")";
            }
            if (t instanceof SMTPSendFailedException s) {
                return "the mail server refused the mail (SMTP " + s.getReturnCode() + ")";
            }
            if (t instanceof UnknownHostException) {
                return "unknown host " + host;
            }
            if (t instanceof SocketTimeoutException) {
                return "no answer from the mail server at " + host + ":" + port + " in time";
            }
            if (t instanceof ConnectException || t instanceof NoRouteToHostException || t instanceof MailConnectException) {
                return "cannot connect to the mail server at " + host + ":" + port;
            }
            if (t instanceof SSLException) {
                return "TLS with the mail server failed (" + t.getClass().getSimpleName() + ")";
            }
        }
        if (e instanceof SendFailedException) {
            return "the mail server refused the mail";
        }
        String message = e.getMessage();
        String kind = e.getClass().getSimpleName();
        String text = message == null || message.isBlank() ? kind : kind + ": " + message.replaceAll("[\\r\\n]+", " ");
        return resilience.redact(Addresses.maskAll(text));
    }

    private static Throwable next(Throwable t) {
        Throwable next = t instanceof MessagingException m && m.getNextException() != null ? m.getNextException() : t.getCause();
        return next == t ? null : next;
    }

    /** Runs with this bundle's class loader as the thread's context class loader: Jakarta Mail's ServiceLoader look-ups see the embedded Angus Mail. */
    private <T> T withBundleLoader(Callable<T> work) throws Exception {
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        thread.setContextClassLoader(bundleLoader);
        try {
            return work.call();
        } finally {
            thread.setContextClassLoader(before);
        }
    }

    @Override
    public ConnectorHealth health() {
        ConnectorHealth health = resilience.health();
        if (configError == null) {
            return health;
        }
        return new ConnectorHealth(health.name(), health.endpoint(), ConnectorHealth.State.DOWN, health.circuit(),
                health.lastSuccess(), health.lastFailure(), configError, health.calls(), health.failures());
    }

    @Override
    public String toString() {
        return "MailConnector[" + host + ":" + port + "]";
    }

    private static boolean loopback(String host) {
        return host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]") || host.equals("::1");
    }
}
