package org.openikfz.connector.mail.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openikfz.api.connector.ConnectorHealth;
import org.openikfz.api.connector.ConnectorUnavailableException;
import org.openikfz.api.connector.TransferMessage;
import org.openikfz.api.connector.TransferTarget;

/** The connector against an SMTP server in the test, over the real protocol. */
class MailConnectorTest {

    static final String TO = "erika.mustermann@example.org";
    static final String SUBJECT = "Ihr Antrag ERZ-2026-00000042 – Bestätigung der Zulassungsbehörde";
    static final String TEXT = "Sehr geehrte Frau Müller,\n\nIhr Antrag auf Außerbetriebsetzung ist eingegangen – "
            + "wir prüfen ihn und melden uns.\nGebühr: 12,50 €\nÄÖÜ äöü ß\n.\n..Punkt am Zeilenanfang\n\n"
            + "Mit freundlichen Grüßen\nIhre Zulassungsbehörde Erzgebirgskreis";
    static final String PASSWORD = "s3cret-smtp-Passwort";
    static final UUID APPLICATION = UUID.fromString("6f1c2a9e-6a63-4f4e-9d0e-1f2a3b4c5d6e");

    TestSmtpServer smtp;
    MailConnector connector;

    @AfterEach
    void stop() {
        if (smtp != null) {
            smtp.close();
        }
    }

    MailConnector connector(Map<String, ?> config) {
        Map<String, Object> values = new HashMap<>();
        values.put("port", smtp == null ? 2525 : smtp.port());
        values.put("connectTimeoutMs", 2000L);
        values.put("readTimeoutMs", 2000L);
        values.putAll(config);
        connector = new MailConnector(Configs.of(MailConnector.Config.class, values));
        return connector;
    }

    static TransferMessage message(long id, String to) {
        String payload = "{\"kind\":\"confirmation\",\"to\":" + quote(to) + ",\"subject\":" + quote(SUBJECT) + ",\"text\":"
                + quote(TEXT) + ",\"reference\":\"ERZ-2026-00000042\"}";
        return new TransferMessage(id, APPLICATION, "ausserbetriebsetzung", true, payload);
    }

    static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }

    /** The decoded text, lines ending LF, without the line break SMTP ends every mail with. */
    static String body(MimeMessage m) throws Exception {
        try (InputStream in = m.getInputStream()) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\r\n", "\n");
            assertTrue(text.endsWith("\n"), "a mail ends with a line break");
            return text.substring(0, text.length() - 1);
        }
    }

    @Test
    void umlautsArriveIntactAsPlainUtf8Text() throws Exception {
        smtp = new TestSmtpServer();
        connector(Map.of()).deliver(message(42, TO));

        assertEquals(1, smtp.received.size());
        TestSmtpServer.Received mail = smtp.received.getFirst();
        assertEquals("i-kfz@zulassung.example", mail.envelopeFrom());
        assertEquals(List.of(TO), mail.envelopeTo());
        MimeMessage m = mail.parsed();
        assertEquals(SUBJECT, m.getSubject());
        assertEquals(TEXT, body(m));
        assertTrue(m.getContentType().toLowerCase().startsWith("text/plain"), m.getContentType());
        assertTrue(m.getContentType().toLowerCase().contains("charset=utf-8"), m.getContentType());
        assertEquals(new InternetAddress("i-kfz@zulassung.example"), m.getFrom()[0]);
        assertEquals(new InternetAddress(TO), m.getRecipients(MimeMessage.RecipientType.TO)[0]);
        assertEquals("auto-generated", m.getHeader("Auto-Submitted", null));
        assertNotNull(m.getSentDate());
        // the raw mail is 7-bit clean: the text travels quoted-printable (or base64), the subject RFC 2047-encoded
        String raw = new String(mail.raw(), StandardCharsets.ISO_8859_1);
        assertTrue(raw.chars().allMatch(c -> c < 128), "7-bit mail");
        assertTrue(raw.contains("=?UTF-8?"), raw);
    }

    @Test
    void theMessageIdComesFromTheOutboxMessageAndStaysTheSameOnEveryAttempt() throws Exception {
        smtp = new TestSmtpServer();
        connector(Map.of());
        connector.deliver(message(42, TO));
        connector.deliver(message(42, TO));
        connector.deliver(message(43, TO));

        String expected = "<openikfz-42." + APPLICATION + "@zulassung.example>";
        assertEquals(expected, connector.messageId(message(42, TO)));
        assertEquals(3, smtp.received.size());
        assertEquals(expected, smtp.received.get(0).parsed().getMessageID());
        assertEquals(expected, smtp.received.get(1).parsed().getMessageID());
        assertEquals("<openikfz-43." + APPLICATION + "@zulassung.example>", smtp.received.get(2).parsed().getMessageID());
        assertEquals(TransferTarget.MAIL, connector.destination());
        ConnectorHealth health = connector.health();
        assertEquals(ConnectorHealth.State.UP, health.state());
        assertEquals(3, health.calls());
        assertEquals("smtp://127.0.0.1:" + smtp.port(), health.endpoint());
    }

    @Test
    void aSenderWithAName() throws Exception {
        smtp = new TestSmtpServer();
        connector(Map.of("from", "Zulassungsbehörde Erzgebirgskreis <i-kfz@erzgebirgskreis.example>")).deliver(message(3, TO));
        TestSmtpServer.Received mail = smtp.received.getFirst();
        assertEquals("i-kfz@erzgebirgskreis.example", mail.envelopeFrom());
        InternetAddress from = (InternetAddress) mail.parsed().getFrom()[0];
        assertEquals("Zulassungsbehörde Erzgebirgskreis", from.getPersonal());
        assertEquals("i-kfz@erzgebirgskreis.example", from.getAddress());
        assertEquals("<openikfz-3." + APPLICATION + "@erzgebirgskreis.example>", mail.parsed().getMessageID());
        assertTrue(new String(mail.raw(), StandardCharsets.ISO_8859_1).chars().allMatch(c -> c < 128), "the name RFC 2047-encoded");
    }

    @Test
    void anUnreachableServerIsUnavailableWithoutPasswordOrAddress() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        connector(Map.of("port", closed, "user", "portal", ".password", PASSWORD));
        ConnectorUnavailableException e = assertThrows(ConnectorUnavailableException.class, () -> connector.deliver(message(1, TO)));
        assertTrue(e.getMessage().contains("cannot connect to the mail server at 127.0.0.1:" + closed), e.getMessage());
        assertClean(e.getMessage());
        ConnectorHealth health = connector.health();
        assertEquals(1, health.failures());
        assertClean(health.lastError());
        assertClean(health.toString());
        assertClean(connector.toString());
    }

    @Test
    void aServerThatDoesNotAnswerTimesOut() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread accept = new Thread(() -> {
                try (Socket s = silent.accept()) {
                    Thread.sleep(5000);
                } catch (Exception e) {
                    // the test is over
                }
            });
            accept.setDaemon(true);
            accept.start();
            connector(Map.of("port", silent.getLocalPort(), "readTimeoutMs", 300L));
            ConnectorUnavailableException e = assertThrows(ConnectorUnavailableException.class, () -> connector.deliver(message(1, TO)));
            assertTrue(e.getMessage().contains("no answer"), e.getMessage());
        }
    }

    @Test
    void aRecipientRefusedByPolicyIsSentAgainAndReportedByItsCodeOnly() throws Exception {
        smtp = new TestSmtpServer();
        smtp.rejectRecipient = "5.7.1 <" + TO + ">: Relay access denied";
        ConnectorUnavailableException e = assertThrows(ConnectorUnavailableException.class,
                () -> connector(Map.of()).deliver(message(1, TO)));
        assertTrue(e.getMessage().contains("refused the recipient (SMTP 550)"), e.getMessage());
        assertClean(e.getMessage());
        assertClean(connector.health().lastError());
        assertEquals(0, smtp.received.size());
    }

    /** An address that does not exist never will: the mail is done with, and later mails are not held up behind it. */
    @Test
    void aRecipientThatDoesNotExistIsNotSentAgain() throws Exception {
        smtp = new TestSmtpServer();
        smtp.rejectRecipient = "5.1.1 <" + TO + ">: Recipient address rejected: User unknown";
        connector(Map.of()).deliver(message(1, TO));
        assertEquals(0, smtp.received.size());
        smtp.rejectRecipient = null;
        connector.deliver(message(2, TO));
        assertEquals(1, smtp.received.size(), "the next mail goes out");
    }

    @Test
    void smtpAuthWithTheConfiguredUser() throws Exception {
        smtp = new TestSmtpServer("portal", PASSWORD);
        connector(Map.of("user", "portal", ".password", PASSWORD)).deliver(message(7, TO));
        assertEquals(1, smtp.received.size());

        ConnectorUnavailableException e = assertThrows(ConnectorUnavailableException.class,
                () -> connector(Map.of("user", "portal", ".password", "wrong-" + PASSWORD)).deliver(message(8, TO)));
        assertTrue(e.getMessage().contains("refused the credentials"), e.getMessage());
        assertClean(e.getMessage());
        assertFalse(e.getMessage().contains("wrong-"), e.getMessage());
        assertEquals(1, smtp.received.size());
    }

    @Test
    void starttlsRequiredRefusesAServerWithoutIt() throws Exception {
        smtp = new TestSmtpServer();
        ConnectorUnavailableException e = assertThrows(ConnectorUnavailableException.class,
                () -> connector(Map.of("starttls", "required")).deliver(message(1, TO)));
        assertClean(e.getMessage());
        assertEquals(0, smtp.received.size());
        assertEquals("smtp://127.0.0.1:" + smtp.port() + " (STARTTLS required)", connector.health().endpoint());
    }

    @Test
    void worksWhateverTheCallersContextClassLoader() throws Exception {
        // in OSGi the outbox thread's context class loader does not see the embedded Angus Mail
        smtp = new TestSmtpServer();
        connector(Map.of());
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        try (URLClassLoader empty = new URLClassLoader(new URL[0], null)) {
            thread.setContextClassLoader(empty);
            connector.deliver(message(5, TO));
            assertEquals(empty, thread.getContextClassLoader(), "restored");
        } finally {
            thread.setContextClassLoader(before);
        }
        assertEquals(TEXT, body(smtp.received.getFirst().parsed()));
    }

    /** Sending a payload that is no mail again cannot help: it is dropped (logged), and the mails after it go out. */
    @Test
    void aPayloadThatIsNoMailIsDroppedAndHoldsUpNoOther() throws Exception {
        smtp = new TestSmtpServer();
        connector(Map.of());
        for (String payload : List.of("no json", "[]", "{\"kind\":\"decision\",\"subject\":\"s\",\"text\":\"t\"}",
                "{\"kind\":\"decision\",\"to\":\"erika at example.org\",\"subject\":\"s\",\"text\":\"t\"}",
                "{\"kind\":\"decision\",\"to\":\"Erika <" + TO + ">\",\"subject\":\"s\",\"text\":\"t\"}",
                "{\"kind\":\"decision\",\"to\":\"" + TO + ", mallory@example.org\",\"subject\":\"s\",\"text\":\"t\"}",
                "{\"kind\":\"decision\",\"to\":\"" + TO + "\",\"subject\":\"s\"}")) {
            connector.deliver(new TransferMessage(9, APPLICATION, "umschreibung", true, payload));
        }
        assertEquals(0, smtp.received.size(), "none of them is sent");
        connector.deliver(message(10, TO));
        assertEquals(1, smtp.received.size(), "the next mail goes out");
    }

    @Test
    void aLineBreakInTheSubjectAddsNoHeader() throws Exception {
        smtp = new TestSmtpServer();
        String payload = "{\"kind\":\"decision\",\"to\":\"" + TO + "\",\"subject\":\"Bescheid\\r\\nBcc: mallory@example.org\","
                + "\"text\":\"Text\",\"reference\":\"R\"}";
        connector(Map.of()).deliver(new TransferMessage(11, APPLICATION, "umschreibung", true, payload));
        MimeMessage m = smtp.received.getFirst().parsed();
        assertEquals("Bescheid Bcc: mallory@example.org", m.getSubject());
        assertEquals(null, m.getHeader("Bcc"));
        assertEquals(List.of(TO), smtp.received.getFirst().envelopeTo());
    }

    @Test
    void anInvalidConfigurationIsDownAndSaysWhy() throws Exception {
        connector(Map.of("starttls", "sometimes"));
        assertEquals(ConnectorHealth.State.DOWN, connector.health().state());
        assertTrue(connector.health().lastError().contains("starttls"), connector.health().lastError());
        assertThrows(ConnectorUnavailableException.class, () -> connector.deliver(message(1, TO)));

        connector(Map.of("from", "nobody"));
        assertTrue(connector.health().lastError().contains("from"), connector.health().lastError());
        connector(Map.of(".password", PASSWORD));
        assertTrue(connector.health().lastError().contains("no user"), connector.health().lastError());
        assertClean(connector.health().lastError());
    }

    @Test
    void addressesAreMasked() {
        assertEquals("e***@example.org", Addresses.mask("erika@Example.org"));
        assertEquals("***", Addresses.mask("nobody"));
        assertEquals("550 <e***@example.org> rejected, m***@example.org too",
                Addresses.maskAll("550 <erika@example.org> rejected, mallory@example.org too"));
        MailPayload payload = new MailPayload("decision", TO, SUBJECT, TEXT, "ERZ-1");
        assertEquals("MailPayload[decision, e***@example.org, ERZ-1]", payload.toString());
    }

    private static void assertClean(String text) {
        if (text == null) {
            return;
        }
        assertFalse(text.contains(PASSWORD), "no password: " + text);
        assertFalse(text.contains(TO), "no address: " + text);
        assertFalse(text.contains("Müller"), "no text: " + text);
    }
}
