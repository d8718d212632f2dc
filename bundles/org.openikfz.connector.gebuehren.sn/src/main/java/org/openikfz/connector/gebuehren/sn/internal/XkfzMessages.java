package org.openikfz.connector.gebuehren.sn.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.openikfz.api.arrears.ArrearsAnswer;
import org.openikfz.api.arrears.ArrearsQuery;
import org.openikfz.api.connector.ConnectorUnavailableException;
import org.openikfz.api.connector.Holder;
import org.openikfz.api.text.LocalizedText;
import org.openikfz.connector.support.MalformedAnswerException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * The messages of the Land Sachsen's fee-arrears service, modelled on the XKfz {@code gebuehren}
 * messages: the request {@value #REQUEST} and the answer {@value #ANSWER} in SOAP 1.1, in Open i-Kfz's
 * own namespace {@value #NS} (the structure follows XKfz — Nachrichtenkopf, then the content —; it is
 * not the official XKfz schema). Built and read with the JDK's DOM; the reader refuses DTDs, so no
 * external entity or entity expansion reaches it.
 *
 * <p>Error texts name the element that was wrong, never a value: the answer holds personal data.
 */
final class XkfzMessages {

    static final String SOAP = "http://schemas.xmlsoap.org/soap/envelope/";
    static final String NS = "urn:openikfz:xkfz-modell:gebuehren:1";
    static final String REQUEST = "gebuehren.rueckstandsanfrage.0102";
    static final String ANSWER = "gebuehren.rueckstandsantwort.0103";
    static final String SOAP_ACTION = NS + "#" + REQUEST;
    static final String LAND = "SN";
    private static final String XMLNS = XMLConstants.XMLNS_ATTRIBUTE_NS_URI;
    private static final int MAX_TEXT = 2000;

    /** A SOAP Fault instead of an answer. */
    record Fault(String faultcode) {
    }

    private XkfzMessages() {
    }

    // --- request 0102 ---

    /** The 0102 asking about the query's holder, as UTF-8 bytes. */
    static byte[] request(UUID id, ArrearsQuery query, Instant now) {
        Document doc = builder().newDocument();
        doc.setXmlStandalone(true); // no standalone="no" in the declaration
        Element envelope = doc.createElementNS(SOAP, "soap:Envelope");
        envelope.setAttributeNS(XMLNS, "xmlns:soap", SOAP);
        doc.appendChild(envelope);
        Element body = add(envelope, SOAP, "soap:Body");
        Element message = doc.createElementNS(NS, "gb:" + REQUEST);
        message.setAttributeNS(XMLNS, "xmlns:gb", NS);
        body.appendChild(message);

        Element kopf = add(message, NS, "gb:nachrichtenkopf");
        text(kopf, "nachrichtenUUID", id.toString());
        text(kopf, "erstellungszeitpunkt", now.truncatedTo(ChronoUnit.SECONDS).toString()); // xs:dateTime in UTC, with seconds
        text(kopf, "autor", query.authority());
        text(kopf, "leser", LAND);
        text(kopf, "vorgangsreferenz", query.application().toString());

        Holder holder = query.holder();
        Element person = add(message, NS, "gb:person");
        text(person, "name", holder.name().strip());
        if (!query.organisation() && holder.dateOfBirth() != null) {
            text(person, "geburtsdatum", holder.dateOfBirth().toString());
        }
        if (present(holder.street()) || present(holder.postalCode()) || present(holder.city())) {
            Element anschrift = add(person, NS, "gb:anschrift");
            if (present(holder.street())) {
                text(anschrift, "strasse", holder.street().strip());
            }
            if (present(holder.postalCode())) {
                text(anschrift, "plz", holder.postalCode().strip());
            }
            if (present(holder.city())) {
                text(anschrift, "ort", holder.city().strip());
            }
        }
        text(person, "organisation", Boolean.toString(query.organisation()));
        return serialise(doc);
    }

    private static boolean present(String s) {
        return s != null && !s.isBlank();
    }

    private static Element add(Element parent, String ns, String qualifiedName) {
        Element e = parent.getOwnerDocument().createElementNS(ns, qualifiedName);
        parent.appendChild(e);
        return e;
    }

    private static void text(Element parent, String localName, String value) {
        add(parent, NS, "gb:" + localName).setTextContent(xmlChars(value));
    }

    /** Characters XML 1.0 cannot carry (control characters) become spaces. */
    private static String xmlChars(String s) {
        return s.replaceAll("[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\uFFFE\\uFFFF]", " ");
    }

    private static byte[] serialise(Document doc) {
        try {
            TransformerFactory factory = TransformerFactory.newDefaultInstance();
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_STYLESHEET, "");
            Transformer transformer = factory.newTransformer();
            transformer.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
            transformer.setOutputProperty(OutputKeys.INDENT, "no");
            ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
            transformer.transform(new DOMSource(doc), new StreamResult(out));
            return out.toByteArray();
        } catch (TransformerException e) {
            throw new IllegalStateException("the JDK's XML serialiser failed", e);
        }
    }

    // --- answer 0103 ---

    /** A parser that refuses DTDs (no external entities, no entity expansion). */
    static DocumentBuilder builder() {
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
            builder.setErrorHandler(new DefaultHandler()); // nothing on stderr; fatal errors still throw
            return builder;
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's XML parser lacks a security feature", e);
        }
    }

    /** The body of the SOAP envelope in {@code bytes}: its one element. */
    static Element content(byte[] bytes) throws MalformedAnswerException {
        Document doc;
        try {
            doc = builder().parse(new ByteArrayInputStream(bytes));
        } catch (SAXException | IOException e) { // the parser's message may quote the content: not passed on
            throw new MalformedAnswerException("the answer is not well-formed XML, or has a DTD");
        }
        Element envelope = doc.getDocumentElement();
        if (!SOAP.equals(envelope.getNamespaceURI()) || !"Envelope".equals(envelope.getLocalName())) {
            throw new MalformedAnswerException("the answer is not a SOAP 1.1 envelope");
        }
        Element body = child(envelope, SOAP, "Body");
        List<Element> content = body == null ? List.of() : children(body);
        if (content.size() != 1) {
            throw new MalformedAnswerException("the answer's SOAP body does not hold exactly one element");
        }
        return content.get(0);
    }

    /** The Fault in {@code content}, or {@code null} when it is none. */
    static Fault fault(Element content) {
        if (!SOAP.equals(content.getNamespaceURI()) || !"Fault".equals(content.getLocalName())) {
            return null;
        }
        Element code = child(content, null, "faultcode");
        String text = code == null ? "" : code.getTextContent().strip();
        // the code only: a faultstring may quote the request
        return new Fault(text.matches("[A-Za-z0-9_.:-]{1,60}") ? text : "(no faultcode)");
    }

    /**
     * Reads a 0103 answering the request {@code id}.
     *
     * @throws MalformedAnswerException it is not a 0103, refers to another request, or misses or
     *                                  contradicts an element
     */
    static ArrearsAnswer answer(Element content, UUID id) throws MalformedAnswerException {
        if (!NS.equals(content.getNamespaceURI()) || !ANSWER.equals(content.getLocalName())) {
            throw new MalformedAnswerException("the answer is not a " + ANSWER + " in " + NS);
        }
        Element kopf = required(content, "nachrichtenkopf");
        if (!id.toString().equalsIgnoreCase(requiredText(kopf, "bezug"))) {
            throw new MalformedAnswerException("the answer refers to another request (bezug is not the request's nachrichtenUUID)");
        }
        Element ergebnis = required(content, "ergebnis");
        boolean vorhanden = switch (requiredText(ergebnis, "rueckstandVorhanden")) {
            case "true", "1" -> true;
            case "false", "0" -> false;
            default -> throw new MalformedAnswerException("rueckstandVorhanden is not a boolean");
        };
        List<Element> entries = children(ergebnis).stream()
                .filter(e -> NS.equals(e.getNamespaceURI()) && "rueckstand".equals(e.getLocalName())).toList();
        if (!vorhanden) {
            if (!entries.isEmpty()) {
                throw new MalformedAnswerException("rueckstandVorhanden is false, yet the answer lists a rueckstand");
            }
            return ArrearsAnswer.clear();
        }
        if (entries.isEmpty()) {
            throw new MalformedAnswerException("rueckstandVorhanden is true, yet the answer lists no rueckstand");
        }
        List<Entry> arrears = new ArrayList<>();
        for (Element e : entries) {
            arrears.add(entry(e));
        }
        String hinweis = requiredText(ergebnis, "zahlungshinweis");
        if (hinweis.length() > MAX_TEXT) {
            throw new MalformedAnswerException("zahlungshinweis is longer than " + MAX_TEXT + " characters");
        }
        BigDecimal sum = arrears.stream().map(Entry::betrag).reduce(BigDecimal.ZERO, BigDecimal::add);
        LinkedHashSet<String> references = new LinkedHashSet<>();
        arrears.forEach(a -> references.add(a.kassenzeichen()));
        return ArrearsAnswer.found(LocalizedText.of(hinweis, english(arrears, hinweis)), sum, String.join(", ", references));
    }

    /** One rueckstand of a 0103. */
    record Entry(BigDecimal betrag, String kassenzeichen, String glaeubiger) {
    }

    private static Entry entry(Element e) throws MalformedAnswerException {
        Element betragElement = required(e, "betrag");
        String waehrung = betragElement.getAttribute("waehrung");
        if (!waehrung.isEmpty() && !waehrung.equals("EUR")) {
            throw new MalformedAnswerException("betrag is not in EUR");
        }
        BigDecimal betrag;
        try {
            betrag = new BigDecimal(requiredText(e, "betrag"));
        } catch (NumberFormatException ex) {
            throw new MalformedAnswerException("betrag is not a decimal number");
        }
        if (betrag.signum() <= 0 || betrag.stripTrailingZeros().scale() > 2 || betrag.precision() - betrag.scale() > 9) {
            throw new MalformedAnswerException("betrag is not a positive amount in euro and cent");
        }
        String kassenzeichen = requiredText(e, "kassenzeichen");
        if (kassenzeichen.length() > 60) {
            throw new MalformedAnswerException("kassenzeichen is longer than 60 characters");
        }
        String glaeubiger = requiredText(e, "glaeubiger");
        if (glaeubiger.length() > 200) {
            throw new MalformedAnswerException("glaeubiger is longer than 200 characters");
        }
        String faellig = optionalText(e, "faelligSeit");
        if (faellig != null) {
            try {
                LocalDate.parse(faellig);
            } catch (DateTimeException ex) {
                throw new MalformedAnswerException("faelligSeit is not a date");
            }
        }
        return new Entry(betrag.setScale(2), kassenzeichen, glaeubiger);
    }

    /**
     * The English settlement: per creditor what to pay with which reference, composed from the entries
     * (the Land writes German only), followed by the Land's own note.
     */
    static String english(List<Entry> arrears, String hinweis) {
        Map<String, List<Entry>> byCreditor = new LinkedHashMap<>();
        arrears.forEach(a -> byCreditor.computeIfAbsent(a.glaeubiger(), k -> new ArrayList<>()).add(a));
        List<String> parts = new ArrayList<>();
        NumberFormat format = NumberFormat.getNumberInstance(Locale.UK);
        format.setMinimumFractionDigits(2);
        format.setMaximumFractionDigits(2);
        for (Map.Entry<String, List<Entry>> e : byCreditor.entrySet()) {
            BigDecimal sum = e.getValue().stream().map(Entry::betrag).reduce(BigDecimal.ZERO, BigDecimal::add);
            List<String> references = e.getValue().stream().map(Entry::kassenzeichen).distinct().toList();
            parts.add("EUR " + format.format(sum) + " to " + e.getKey() + " quoting the reference (Kassenzeichen) "
                    + String.join(", ", references));
        }
        return "Please pay " + String.join(", and ", parts) + ". Once the payment has been received, you can apply "
                + "again. The Land's payment note, in German: \u201E" + hinweis + "\u201C";
    }

    private static Element required(Element parent, String name) throws MalformedAnswerException {
        Element e = child(parent, NS, name);
        if (e == null) {
            throw new MalformedAnswerException("the answer has no " + name + " in " + parent.getLocalName());
        }
        return e;
    }

    private static String requiredText(Element parent, String name) throws MalformedAnswerException {
        String text = optionalText(parent, name);
        if (text == null) {
            throw new MalformedAnswerException("the answer has no " + name + " in " + parent.getLocalName()
                    + " (or it is empty)");
        }
        return text;
    }

    /** The text of the child {@code name}, white space collapsed; {@code null} when it is missing or blank. */
    private static String optionalText(Element parent, String name) {
        Element e = child(parent, NS, name);
        if (e == null) {
            return null;
        }
        String text = e.getTextContent().replaceAll("\\p{Cntrl}", " ").strip().replaceAll("\\s+", " ");
        return text.isEmpty() ? null : text;
    }

    /** The first child element with this name; {@code ns == null}: without a namespace. */
    private static Element child(Element parent, String ns, String localName) {
        for (Element e : children(parent)) {
            String uri = e.getNamespaceURI();
            if ((ns == null ? uri == null || uri.isEmpty() : ns.equals(uri)) && localName.equals(e.getLocalName())) {
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

    /**
     * Raised for a Fault: a {@link ConnectorUnavailableException} (the check fails, the clerks decide).
     * A {@code Client} fault says the request itself was refused: asking again gets the same, so it is
     * a {@link MalformedAnswerException} (not retried).
     */
    static ConnectorUnavailableException unavailable(Fault fault, int status) {
        if (fault.faultcode().endsWith(":Client") || fault.faultcode().equals("Client")) {
            return new MalformedAnswerException("the Land's service refused the request: SOAP Fault " + fault.faultcode()
                    + " (HTTP " + status + ")");
        }
        return new ConnectorUnavailableException("the Land's service answered a SOAP Fault " + fault.faultcode()
                + " (HTTP " + status + ")");
    }
}
