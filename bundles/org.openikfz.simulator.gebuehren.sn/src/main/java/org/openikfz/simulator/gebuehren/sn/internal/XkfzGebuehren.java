package org.openikfz.simulator.gebuehren.sn.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * The simulator's side of the messages, modelled on the XKfz {@code gebuehren} messages (request 0102,
 * answer 0103) in SOAP 1.1. The namespace {@value #NS} is Open i-Kfz's own: the structure follows
 * XKfz's pattern (Nachrichtenkopf, then the content), it is not the official XKfz schema.
 *
 * <pre>{@code
 * <soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>
 *   <gb:gebuehren.rueckstandsanfrage.0102 xmlns:gb="urn:openikfz:xkfz-modell:gebuehren:1">
 *     <gb:nachrichtenkopf>
 *       <gb:nachrichtenUUID>…</gb:nachrichtenUUID> <gb:erstellungszeitpunkt>2025-03-01T09:30:00Z</gb:erstellungszeitpunkt>
 *       <gb:autor>(authority key)</gb:autor> <gb:leser>SN</gb:leser> <gb:vorgangsreferenz>(optional)</gb:vorgangsreferenz>
 *     </gb:nachrichtenkopf>
 *     <gb:person>
 *       <gb:name>…</gb:name> (or <gb:vorname>…</gb:vorname><gb:nachname>…</gb:nachname>)
 *       <gb:geburtsdatum>1975-05-05</gb:geburtsdatum> (optional)
 *       <gb:anschrift><gb:strasse>…</gb:strasse><gb:plz>…</gb:plz><gb:ort>…</gb:ort></gb:anschrift> (optional)
 *       <gb:organisation>false</gb:organisation>
 *     </gb:person>
 *   </gb:gebuehren.rueckstandsanfrage.0102>
 * </soap:Body></soap:Envelope>
 * }</pre>
 */
final class XkfzGebuehren {

    static final String SOAP = "http://schemas.xmlsoap.org/soap/envelope/";
    static final String NS = "urn:openikfz:xkfz-modell:gebuehren:1";
    static final String REQUEST = "gebuehren.rueckstandsanfrage.0102";
    static final String ANSWER = "gebuehren.rueckstandsantwort.0103";
    static final String LAND = "SN";
    /** Requests larger than this are refused unread. */
    static final int MAX_REQUEST_BYTES = 64 * 1024;

    /** A request the simulator does not accept: answered with a SOAP Fault (Client). */
    static final class BadRequest extends Exception {
        private static final long serialVersionUID = 1L;
        private final boolean versionMismatch;

        BadRequest(String reason) {
            this(reason, false);
        }

        BadRequest(String reason, boolean versionMismatch) {
            super(reason);
            this.versionMismatch = versionMismatch;
        }

        String faultcode() {
            return versionMismatch ? "soap:VersionMismatch" : "soap:Client";
        }
    }

    /** A 0102 as read. The name and date of birth are personal data: never logged. */
    record Request(UUID nachrichtenUUID, String autor, String name, LocalDate geburtsdatum, boolean organisation) {
        @Override
        public String toString() {
            return "Request[" + nachrichtenUUID + "]";
        }
    }

    private XkfzGebuehren() {
    }

    /** A parser that refuses DTDs, so neither external entities nor entity expansion can be used against it. */
    static DocumentBuilder secureBuilder() {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(new DefaultHandler()); // no messages on stderr; fatal errors still throw
            return builder;
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's XML parser lacks a security feature", e);
        }
    }

    /** Reads and checks a 0102. */
    static Request parse(byte[] body) throws BadRequest {
        Document document;
        try {
            document = secureBuilder().parse(new ByteArrayInputStream(body));
        } catch (SAXException | IOException e) { // incl. a DOCTYPE; the parser's message may quote the content
            throw new BadRequest("Die Anfrage ist kein wohlgeformtes XML oder enthält eine DTD.");
        }
        Element envelope = document.getDocumentElement();
        if (!"Envelope".equals(envelope.getLocalName())) {
            throw new BadRequest("Die Anfrage ist kein SOAP-Envelope.");
        }
        if (!SOAP.equals(envelope.getNamespaceURI())) {
            throw new BadRequest("Erwartet wird SOAP 1.1 (Namensraum " + SOAP + ").", true);
        }
        Element body1 = child(envelope, SOAP, "Body");
        if (body1 == null) {
            throw new BadRequest("Der SOAP-Envelope hat keinen Body.");
        }
        List<Element> content = children(body1);
        if (content.size() != 1 || !NS.equals(content.get(0).getNamespaceURI())
                || !REQUEST.equals(content.get(0).getLocalName())) {
            throw new BadRequest("Der Body muss genau eine Nachricht " + REQUEST + " im Namensraum " + NS + " enthalten.");
        }
        Element request = content.get(0);
        Element kopf = required(request, "nachrichtenkopf");
        UUID uuid;
        try {
            uuid = UUID.fromString(text(kopf, "nachrichtenUUID"));
        } catch (IllegalArgumentException e) {
            throw new BadRequest("nachrichtenUUID ist keine UUID.");
        }
        try {
            OffsetDateTime.parse(text(kopf, "erstellungszeitpunkt"));
        } catch (DateTimeException e) {
            throw new BadRequest("erstellungszeitpunkt ist kein Zeitpunkt nach ISO 8601 mit Zeitzone.");
        }
        String autor = text(kopf, "autor");
        if (autor.length() > 64) {
            throw new BadRequest("autor ist länger als 64 Zeichen.");
        }
        if (!LAND.equals(text(kopf, "leser"))) {
            throw new BadRequest("leser muss " + LAND + " sein: dieser Dienst beantwortet Anfragen an den Freistaat Sachsen.");
        }
        Element person = required(request, "person");
        String name = optionalText(person, "name");
        String nachname = optionalText(person, "nachname");
        if (name != null && nachname != null) {
            throw new BadRequest("person enthält name und nachname: entweder name oder vorname/nachname.");
        }
        if (name == null) {
            if (nachname == null) {
                throw new BadRequest("person enthält weder name noch nachname.");
            }
            String vorname = optionalText(person, "vorname");
            name = vorname == null ? nachname : vorname + " " + nachname;
        }
        if (name.length() > 200) {
            throw new BadRequest("Der Name ist länger als 200 Zeichen.");
        }
        LocalDate geburtsdatum = null;
        String birth = optionalText(person, "geburtsdatum");
        if (birth != null) {
            try {
                geburtsdatum = LocalDate.parse(birth);
            } catch (DateTimeException e) {
                throw new BadRequest("geburtsdatum ist kein Datum (JJJJ-MM-TT).");
            }
        }
        Element anschrift = child(person, NS, "anschrift");
        if (anschrift != null) {
            String plz = optionalText(anschrift, "plz");
            if (plz != null && !plz.matches("[A-Za-z0-9 -]{1,10}")) {
                throw new BadRequest("plz ist keine Postleitzahl.");
            }
        }
        String organisation = text(person, "organisation");
        if (!organisation.matches("true|false|1|0")) {
            throw new BadRequest("organisation ist kein Wahrheitswert (true/false).");
        }
        boolean isOrganisation = organisation.equals("true") || organisation.equals("1");
        if (isOrganisation && geburtsdatum != null) {
            throw new BadRequest("Eine Organisation hat kein geburtsdatum.");
        }
        return new Request(uuid, autor, name, geburtsdatum, isOrganisation);
    }

    /** The 0103 answering {@code request}: the debtor's entries, or none (no arrears). */
    static String answer(Request request, List<Debtor> found, UUID id, Instant now) {
        StringBuilder out = new StringBuilder(1024);
        out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>")
                .append("<soap:Envelope xmlns:soap=\"").append(SOAP).append("\"><soap:Body>")
                .append("<gb:").append(ANSWER).append(" xmlns:gb=\"").append(NS).append("\">")
                .append("<gb:nachrichtenkopf>")
                .append(element("nachrichtenUUID", id.toString()))
                .append(element("erstellungszeitpunkt", now.truncatedTo(ChronoUnit.SECONDS).toString()))
                .append(element("autor", LAND))
                .append(element("leser", request.autor()))
                .append(element("bezug", request.nachrichtenUUID().toString()))
                .append("</gb:nachrichtenkopf><gb:ergebnis>")
                .append(element("rueckstandVorhanden", Boolean.toString(!found.isEmpty())));
        for (Debtor d : found) {
            out.append("<gb:rueckstand>")
                    .append("<gb:betrag waehrung=\"EUR\">").append(d.amount().toPlainString()).append("</gb:betrag>")
                    .append(element("kassenzeichen", d.kassenzeichen()))
                    .append(element("glaeubiger", d.glaeubiger()))
                    .append(element("faelligSeit", d.faelligSeit().toString()))
                    .append("</gb:rueckstand>");
        }
        if (!found.isEmpty()) {
            out.append(element("zahlungshinweis", zahlungshinweis(found)));
        }
        return out.append("</gb:ergebnis></gb:").append(ANSWER).append("></soap:Body></soap:Envelope>").toString();
    }

    /** An answer that breaks off in the middle, as from a failing proxy (mode {@code malformed}). */
    static String broken(Request request) {
        String whole = answer(request, List.of(), UUID.randomUUID(), Instant.now());
        return whole.substring(0, whole.indexOf("<gb:rueckstandVorhanden>") + "<gb:rueckstandVorhanden>".length() + 2);
    }

    /** Whom to pay and how, in German, as the Kasse writes it: per creditor the amounts and Kassenzeichen. */
    static String zahlungshinweis(List<Debtor> found) {
        Map<String, List<Debtor>> byCreditor = found.stream()
                .collect(Collectors.groupingBy(Debtor::glaeubiger, LinkedHashMap::new, Collectors.toList()));
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, List<Debtor>> e : byCreditor.entrySet()) {
            BigDecimal sum = e.getValue().stream().map(Debtor::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
            List<String> references = e.getValue().stream().map(Debtor::kassenzeichen).toList();
            parts.add(euro(sum) + " an " + e.getKey() + " unter Angabe " + (references.size() == 1
                    ? "des Kassenzeichens " + references.get(0)
                    : "der Kassenzeichen " + String.join(", ", references)));
        }
        return "Bitte überweisen Sie " + String.join(" sowie ", parts) + ". Die Bankverbindung der Kasse steht auf "
                + "dem Gebührenbescheid. Nach Eingang der Zahlung (in der Regel drei Bankarbeitstage) können Sie den Antrag erneut stellen.";
    }

    /** A SOAP 1.1 Fault; the text is German and names no personal data. */
    static String fault(String faultcode, String faultstring) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><soap:Envelope xmlns:soap=\"" + SOAP + "\"><soap:Body>"
                + "<soap:Fault><faultcode>" + escape(faultcode) + "</faultcode><faultstring xml:lang=\"de\">"
                + escape(faultstring) + "</faultstring></soap:Fault></soap:Body></soap:Envelope>";
    }

    private static String euro(BigDecimal amount) {
        NumberFormat format = NumberFormat.getNumberInstance(Locale.GERMANY);
        format.setMinimumFractionDigits(2);
        format.setMaximumFractionDigits(2);
        return format.format(amount) + " €";
    }

    private static String element(String name, String value) {
        return "<gb:" + name + ">" + escape(value) + "</gb:" + name + ">";
    }

    static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                default -> {
                    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
                        out.append(' '); // not allowed in XML 1.0
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    private static Element required(Element parent, String name) throws BadRequest {
        Element e = child(parent, NS, name);
        if (e == null) {
            throw new BadRequest(parent.getLocalName() + " enthält kein Element " + name + ".");
        }
        return e;
    }

    /** The stripped text of the required child element {@code name}; blank is missing. */
    private static String text(Element parent, String name) throws BadRequest {
        String text = optionalText(parent, name);
        if (text == null) {
            throw new BadRequest(parent.getLocalName() + " enthält kein Element " + name + " (oder es ist leer).");
        }
        return text;
    }

    /** The stripped text of the child element {@code name}, or {@code null} when it is missing or blank. */
    private static String optionalText(Element parent, String name) throws BadRequest {
        Element e = child(parent, NS, name);
        if (e == null) {
            return null;
        }
        if (!children(e).isEmpty()) {
            throw new BadRequest(name + " darf nur Text enthalten.");
        }
        String text = e.getTextContent().strip().replaceAll("\\s+", " ");
        return text.isEmpty() ? null : text;
    }

    private static Element child(Element parent, String ns, String name) {
        for (Element e : children(parent)) {
            if (ns.equals(e.getNamespaceURI()) && name.equals(e.getLocalName())) {
                return e;
            }
        }
        return null;
    }

    private static List<Element> children(Element parent) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                out.add(e);
            }
        }
        return out;
    }
}
