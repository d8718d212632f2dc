package org.openikfz.simulator.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.lang.annotation.Annotation;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The mailbox simulator over SMTP: mails as sent by hand on a socket and by Jakarta Mail. */
class MailSimulatorTest {

    static final String TEXT = "Sehr geehrte Frau Müller,\n\nIhr Antrag ist eingegangen – wir prüfen ihn.\n"
            + ".\n..Punkt am Zeilenanfang\nGebühr: 12,50 €\nÄÖÜ äöü ß";

    @TempDir
    Path dir;
    final List<MailSimulator> started = new ArrayList<>();

    @AfterEach
    void stop() {
        started.forEach(MailSimulator::stop);
    }

    static MailSimulator.Config config(int port) {
        return new MailSimulator.Config() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return MailSimulator.Config.class;
            }

            @Override
            public String host() {
                return "127.0.0.1";
            }

            @Override
            public int port() {
                return port;
            }
        };
    }

    MailSimulator start(int port) {
        MailSimulator simulator = new MailSimulator(config(port), dir);
        started.add(simulator);
        return simulator;
    }

    /** One SMTP conversation on a socket; the replies, in order. {@code data} is sent dot-stuffed. */
    static List<String> smtp(int port, String from, String to, String data) throws Exception {
        List<String> replies = new ArrayList<>();
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(5000);
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            OutputStream out = socket.getOutputStream();
            replies.add(reply(in));
            for (String command : List.of("EHLO test.example", "MAIL FROM:<" + from + ">", "RCPT TO:<" + to + ">", "DATA")) {
                out.write((command + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                String reply = reply(in);
                replies.add(reply);
                if (!reply.startsWith("2") && !reply.startsWith("3")) {
                    break;
                }
            }
            if (replies.getLast().startsWith("354")) {
                StringBuilder stuffed = new StringBuilder();
                for (String line : data.split("\r\n", -1)) {
                    stuffed.append(line.startsWith(".") ? "." + line : line).append("\r\n");
                }
                out.write((stuffed + ".\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                replies.add(reply(in));
            }
            out.write("QUIT\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            replies.add(reply(in));
        }
        return replies;
    }

    /** A (multi-line) reply: its last line. */
    private static String reply(BufferedReader in) throws Exception {
        String line;
        do {
            line = in.readLine();
        } while (line != null && line.length() > 3 && line.charAt(3) == '-');
        return line;
    }

    static String quotedPrintableMail(String messageId) {
        return "From: i-kfz@zulassung.example\r\n"
                + "To: erika@example.org\r\n"
                + "Subject: =?UTF-8?Q?Best=C3=A4tigung_Ihres_Antrags_=E2=80=93_ERZ-2026-00000042?=\r\n"
                + "Message-ID: " + messageId + "\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: text/plain; charset=UTF-8\r\n"
                + "Content-Transfer-Encoding: quoted-printable\r\n"
                + "\r\n"
                + "Sehr geehrte Frau M=C3=BCller,\r\n"
                + "\r\n"
                + "Ihr Antrag ist eingegangen =E2=80=93 wir pr=C3=BCfen ihn.\r\n"
                + ".\r\n"
                + "..Punkt am Zeilenanfang\r\n"
                + "Geb=C3=BChr: 12,50 =E2=82=AC\r\n"
                + "=C3=84=C3=96=C3=9C =C3=A4=C3=B6=C3=BC =\r\n"
                + "=C3=9F";
    }

    @Test
    void aQuotedPrintableMailArrivesWithItsUmlautsIntact() throws Exception {
        MailSimulator simulator = start(0);
        List<String> replies = smtp(simulator.port(), "i-kfz@zulassung.example", "erika@example.org",
                quotedPrintableMail("<openikfz-42.x@zulassung.example>"));
        assertTrue(replies.get(5).startsWith("250"), replies.toString());

        List<Map<String, Object>> mails = simulator.parsed("erika@example.org");
        assertEquals(1, mails.size());
        Map<String, Object> mail = mails.getFirst();
        assertEquals("<openikfz-42.x@zulassung.example>", mail.get("messageId"));
        assertEquals("i-kfz@zulassung.example", mail.get("from"));
        assertEquals("erika@example.org", mail.get("to"));
        assertEquals("Bestätigung Ihres Antrags – ERZ-2026-00000042", mail.get("subject"));
        assertEquals(TEXT, mail.get("text"));
        assertTrue(mail.get("receivedAt").toString().endsWith("Z"), mail.toString());
        assertEquals(0, simulator.parsed("someone@example.org").size());
        assertEquals(1, simulator.parsed("ERIKA@example.org").size());
    }

    @Test
    void aBase64MailArrivesToo() throws Exception {
        MailSimulator simulator = start(0);
        String body = Base64.getMimeEncoder().encodeToString(TEXT.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8));
        String mail = "From: i-kfz@zulassung.example\r\nTo: erika@example.org\r\nSubject: =?UTF-8?B?"
                + Base64.getEncoder().encodeToString("Bescheid – Umschreibung".getBytes(StandardCharsets.UTF_8)) + "?=\r\n"
                + "Message-ID: <b64@zulassung.example>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=\"utf-8\"\r\n"
                + "Content-Transfer-Encoding: base64\r\n\r\n" + body;
        assertTrue(smtp(simulator.port(), "i-kfz@zulassung.example", "erika@example.org", mail).get(5).startsWith("250"));
        Map<String, Object> kept = simulator.parsed(null).getFirst();
        assertEquals("Bescheid – Umschreibung", kept.get("subject"));
        assertEquals(TEXT, kept.get("text"));
    }

    @Test
    void aRepeatedMessageIdIsKeptOnce() throws Exception {
        MailSimulator simulator = start(0);
        for (int i = 0; i < 3; i++) {
            List<String> replies = smtp(simulator.port(), "i-kfz@zulassung.example", "erika@example.org",
                    quotedPrintableMail("<openikfz-7.x@zulassung.example>"));
            assertTrue(replies.get(5).startsWith("250"), "a repeat is accepted: " + replies);
        }
        smtp(simulator.port(), "i-kfz@zulassung.example", "erika@example.org", quotedPrintableMail("<openikfz-8.x@zulassung.example>"));
        assertEquals(List.of("<openikfz-7.x@zulassung.example>", "<openikfz-8.x@zulassung.example>"),
                simulator.parsed(null).stream().map(m -> m.get("messageId")).toList());

        // it remembers across a restart
        simulator.stop();
        started.clear();
        MailSimulator again = start(0);
        smtp(again.port(), "i-kfz@zulassung.example", "erika@example.org", quotedPrintableMail("<openikfz-7.x@zulassung.example>"));
        assertEquals(2, again.parsed(null).size());
    }

    @Test
    void aMailSentWithJakartaMail() throws Exception {
        MailSimulator simulator = start(0);
        Properties p = new Properties();
        p.setProperty("mail.smtp.host", "127.0.0.1");
        p.setProperty("mail.smtp.port", Integer.toString(simulator.port()));
        p.setProperty("mail.smtp.localhost", "test.example");
        Session session = Session.getInstance(p);
        MimeMessage m = new MimeMessage(session) {
            @Override
            protected void updateMessageID() throws jakarta.mail.MessagingException {
                setHeader("Message-ID", "<jakarta-1@zulassung.example>");
            }
        };
        m.setFrom(new InternetAddress("i-kfz@zulassung.example"));
        m.setRecipient(Message.RecipientType.TO, new InternetAddress("max@example.org"));
        m.setSubject("Ihr Bescheid – Außerbetriebsetzung", "UTF-8");
        m.setText(TEXT, "UTF-8");
        Transport.send(m);
        Transport.send(m);
        List<Map<String, Object>> mails = simulator.parsed("max@example.org");
        assertEquals(1, mails.size());
        assertEquals("Ihr Bescheid – Außerbetriebsetzung", mails.getFirst().get("subject"));
        assertEquals(TEXT, mails.getFirst().get("text"));
        assertEquals("<jakarta-1@zulassung.example>", mails.getFirst().get("messageId"));
    }

    @Test
    void unavailableAnswersMailFromWith451() throws Exception {
        MailSimulator simulator = start(0);
        simulator.mode().set("unavailable");
        List<String> replies = smtp(simulator.port(), "i-kfz@zulassung.example", "erika@example.org", quotedPrintableMail("<u@x>"));
        assertTrue(replies.get(2).startsWith("451"), replies.toString());
        assertEquals(0, simulator.parsed(null).size());
        simulator.mode().set("normal");
        assertTrue(smtp(simulator.port(), "i-kfz@zulassung.example", "erika@example.org", quotedPrintableMail("<u@x>"))
                .get(5).startsWith("250"));
    }

    @Test
    void aTakenPortFailsTheStart() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> start(taken.getLocalPort()));
            assertTrue(e.getMessage().contains("127.0.0.1:" + taken.getLocalPort()), e.getMessage());
        }
    }
}
