package org.openikfz.core.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.xml.transform.TransformerException;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentCatalog;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDMetadata;
import org.apache.pdfbox.pdmodel.common.PDNumberTreeNode;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.documentinterchange.logicalstructure.PDMarkInfo;
import org.apache.pdfbox.pdmodel.documentinterchange.logicalstructure.PDStructureElement;
import org.apache.pdfbox.pdmodel.documentinterchange.logicalstructure.PDStructureTreeRoot;
import org.apache.pdfbox.pdmodel.documentinterchange.taggedpdf.StandardStructureTypes;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.interactive.viewerpreferences.PDViewerPreferences;
import org.apache.xmpbox.XMPMetadata;
import org.apache.xmpbox.schema.DublinCoreSchema;
import org.apache.xmpbox.schema.XMPSchema;
import org.apache.xmpbox.xml.XmpSerializer;
import org.openikfz.api.application.Decision;
import org.openikfz.api.check.Facts;
import org.openikfz.api.procedure.LegalBasis;
import org.openikfz.api.procedure.ProcedureDescription;

/**
 * The documents the applicant downloads, as read-only PDFs: the automated decision (FZV § 23(1): what
 * was decided, by whom, when, on which legal basis, when it takes effect, and that it stays open to
 * review, § 23(3)), the provisional proof of registration (§§ 31–32) and the SEPA mandate
 * confirmation (Anlage 11 Nr. 5). They never hold a security code or a clear IBAN. Every one is accessible,
 * PDF/UA-1 (ISO 14289-1): tagged, with embedded fonts, its language and title (AccessiblePdfTest checks it with veraPDF).
 */
final class DecisionDocument {

    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("dd.MM.yyyy HH:mm 'Uhr'")
            .withZone(ZoneId.of("Europe/Berlin"));
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd.MM.yyyy");

    private DecisionDocument() {
    }

    /**
     * The automated decision (FZV § 23(1)).
     *
     * @param fin the vehicle's FIN, or {@code null}
     */
    static byte[] decision(Letterhead authority, ProcedureDescription procedure, Decision decision, String fin) {
        List<String[]> lines = new ArrayList<>(); // {font, text}
        header(lines, authority);
        lines.add(new String[] {"", ""});
        heading(lines, procedure, decision, fin, "Erlassen am: ");
        StringBuilder basis = new StringBuilder("Rechtsgrundlage: ");
        for (LegalBasis b : procedure.legalBasis()) {
            basis.append(b.citation()).append(b.title() == null ? "" : " (" + b.title() + ")").append("; ");
        }
        basis.append("§ 23 FZV");
        lines.add(new String[] {"", basis.toString()});
        lines.add(new String[] {"", ""});
        lines.add(new String[] {"B", "Wirksamkeit"});
        if (decision.effectiveOn() != null) {
            lines.add(new String[] {"", "Der Bescheid ist wirksam seit dem " + DATE.format(decision.effectiveOn()) + "."});
        } else {
            lines.add(new String[] {"", "Der Bescheid wird am Tag seines Abrufs wirksam (§ 23 Abs. 2 FZV)."});
        }
        if (decision.drivingAllowedUntil() != null) {
            lines.add(new String[] {"", "Mit diesem Bescheid (vorläufiger Zulassungsnachweis) darf das Fahrzeug bis zum"});
            lines.add(new String[] {"", DATE.format(decision.drivingAllowedUntil()) + " in Betrieb gesetzt werden (§§ 31, 32 FZV)."});
        }
        lines.add(new String[] {"", ""});
        lines.add(new String[] {"B", "Vorbehalt der Nachprüfung"});
        lines.add(new String[] {"", "Dieser Bescheid wurde automatisiert erlassen. Er steht einen Monat ab seiner Wirksamkeit"});
        lines.add(new String[] {"", "unter dem Vorbehalt der Nachprüfung (§ 23 Abs. 3 FZV)."});
        lines.add(new String[] {"", ""});
        lines.add(new String[] {"B", "Rechtsbehelfsbelehrung"});
        appeal(lines, authority);
        lines.add(new String[] {"", ""});
        lines.add(new String[] {"", "Dieses Schreiben wurde maschinell erstellt und ist ohne Unterschrift gültig."});
        return pdf("Bescheid " + decision.reference(), authority, procedure.title().get(java.util.Locale.GERMAN), lines);
    }

    /**
     * The provisional proof of registration (FZV §§ 31–32): authority, application number, plate,
     * decision date and the last day it allows driving.
     */
    static byte[] provisionalProof(Letterhead authority, ProcedureDescription procedure, Decision decision, String fin) {
        List<String[]> lines = new ArrayList<>();
        header(lines, authority);
        lines.add(new String[] {"", ""});
        lines.add(new String[] {"H", "Vorläufiger Zulassungsnachweis"});
        lines.add(new String[] {"", "nach §§ 31, 32 FZV – bitte im Fahrzeug mitführen und auf Verlangen aushändigen"});
        lines.add(new String[] {"", ""});
        lines.add(new String[] {"", "Zulassungsbehörde: " + authority.name()});
        lines.add(new String[] {"", "Antragsnummer (Aktenzeichen): " + decision.reference()});
        lines.add(new String[] {"", "Kennzeichen: " + (decision.kennzeichen() == null ? "–" : decision.kennzeichen())});
        if (fin != null) {
            lines.add(new String[] {"", "Fahrzeug-Identifizierungsnummer: " + fin});
        }
        lines.add(new String[] {"", "Verfahren: " + procedure.title().get(java.util.Locale.GERMAN)});
        lines.add(new String[] {"", "Datum der Entscheidung: " + DATE_TIME.format(decision.decidedAt())});
        lines.add(new String[] {"B", "Gültig bis einschließlich: "
                + (decision.drivingAllowedUntil() == null ? "–" : DATE.format(decision.drivingAllowedUntil()))});
        lines.add(new String[] {"", ""});
        lines.add(new String[] {"", "Bis die Zulassungsbescheinigung Teil I und die Plakettenträger per Post eintreffen, längstens"});
        lines.add(new String[] {"", "bis zum oben genannten Tag, darf das Fahrzeug mit diesem Nachweis in Betrieb gesetzt werden."});
        lines.add(new String[] {"", "Kennzeichenschilder mit dem zugeteilten Kennzeichen müssen angebracht sein."});
        lines.add(new String[] {"", ""});
        lines.add(new String[] {"", "Dieses Schreiben wurde maschinell erstellt und ist ohne Unterschrift gültig."});
        return pdf("Vorläufiger Zulassungsnachweis " + decision.reference(), authority,
                procedure.title().get(java.util.Locale.GERMAN), lines);
    }

    /**
     * A clerk's written decision (FZV § 19(1) S. 4), mailed: outcome, reason, who decided, the day it
     * takes effect (as its procedure says) and the day it counts as notified (the third day after mailing).
     *
     * @param recipient the identified applicant, or {@code null} (the Fachverfahren addresses it)
     */
    static byte[] clerkDecision(Letterhead authority, ProcedureDescription procedure, Decision decision, String reason,
            String clerkName, org.openikfz.api.connector.Holder recipient, String fin) {
        List<String[]> lines = new ArrayList<>();
        header(lines, authority);
        lines.add(new String[] {"", ""});
        if (recipient != null) {
            lines.add(new String[] {"", recipient.name()});
            lines.add(new String[] {"", recipient.street() == null ? "" : recipient.street()});
            lines.add(new String[] {"", (recipient.postalCode() == null ? "" : recipient.postalCode() + " ")
                    + (recipient.city() == null ? "" : recipient.city())});
            lines.add(new String[] {"", ""});
        }
        heading(lines, procedure, decision, fin, "Entschieden am: ");
        lines.add(new String[] {"B", "Begründung"});
        for (String line : wrap(printable(reason), 95)) {
            lines.add(new String[] {"", line});
        }
        lines.add(new String[] {"", ""});
        lines.add(new String[] {"", "Ihr Antrag konnte im Internet nicht maschinell entschieden werden; er wurde von der"});
        lines.add(new String[] {"", "Zulassungsbehörde geprüft (§ 19 Abs. 1 Satz 4 FZV)."});
        if (decision.effectiveOn() != null) {
            lines.add(new String[] {"", "Die Entscheidung wird am " + DATE.format(decision.effectiveOn()) + " wirksam."});
        }
        if (decision.mailedOn() != null) {
            // VwVfG § 41(2): a decision sent by post counts as notified on the third day after it was posted
            lines.add(new String[] {"", "Der Bescheid gilt am " + DATE.format(decision.mailedOn().plusDays(3))
                    + " als bekannt gegeben (dritter Tag nach der Aufgabe zur Post)."});
        }
        lines.add(new String[] {"", ""});
        lines.add(new String[] {"B", "Rechtsbehelfsbelehrung"});
        appeal(lines, authority);
        lines.add(new String[] {"", ""});
        lines.add(new String[] {"", "Im Auftrag"});
        lines.add(new String[] {"", clerkName == null ? "" : clerkName});
        return pdf("Bescheid " + decision.reference(), authority, procedure.title().get(java.util.Locale.GERMAN), lines);
    }

    /**
     * The text with every character outside Latin-1 and the usual typographic marks replaced by '?': a set the
     * documents' font (Liberation Sans) shows in full.
     */
    static String printable(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> out.append(c == '\n' || (c >= 0x20 && c <= 0xFF && c != 0x7F) || "€–—„“”‚‘’…•".indexOf(c) >= 0
                ? Character.toString(c) : "?"));
        return out.toString();
    }

    /**
     * Where to object (§ 70 VwGO): worded so that the authority's name needs no article, whatever it is ("das
     * Landratsamt", "die Stadtverwaltung", "der Landkreis": "bei der Landratsamt" was wrong).
     */
    private static void appeal(List<String[]> lines, Letterhead authority) {
        lines.add(new String[] {"", "Gegen diesen Bescheid kann innerhalb eines Monats nach Bekanntgabe Widerspruch erhoben werden,"});
        lines.add(new String[] {"", "schriftlich oder zur Niederschrift bei:"});
        lines.add(new String[] {"", authority.name()});
        authority.address().forEach(line -> lines.add(new String[] {"", line}));
    }

    /** "Bescheid", reference, date, procedure, plate and FIN, and the outcome: what every decision starts with. */
    private static void heading(List<String[]> lines, ProcedureDescription procedure, Decision decision, String fin, String dated) {
        lines.add(new String[] {"H", "Bescheid"});
        lines.add(new String[] {"", "Aktenzeichen: " + decision.reference()});
        lines.add(new String[] {"", dated + DATE_TIME.format(decision.decidedAt())});
        lines.add(new String[] {"", ""});
        lines.add(new String[] {"B", procedure.title().get(java.util.Locale.GERMAN)});
        if (decision.kennzeichen() != null) {
            lines.add(new String[] {"", "Kennzeichen: " + decision.kennzeichen()});
        }
        if (fin != null) {
            lines.add(new String[] {"", "Fahrzeug-Identifizierungsnummer: " + fin});
        }
        lines.add(new String[] {"", ""});
        lines.add(new String[] {"", decision.summary().get(java.util.Locale.GERMAN)});
        lines.add(new String[] {"", ""});
    }

    /** Splits a text into lines of at most {@code width} characters at spaces (and at its own line breaks). */
    static List<String> wrap(String text, int width) {
        List<String> lines = new ArrayList<>();
        for (String paragraph : text.replace("\r", "").split("\n")) {
            StringBuilder line = new StringBuilder();
            for (String word : paragraph.split(" ")) {
                if (line.length() > 0 && line.length() + 1 + word.length() > width) {
                    lines.add(line.toString());
                    line.setLength(0);
                }
                while (word.length() > width) {
                    lines.add(word.substring(0, width));
                    word = word.substring(width);
                }
                line.append(line.length() > 0 ? " " : "").append(word);
            }
            lines.add(line.toString());
        }
        return lines;
    }

    /**
     * The confirmation of the SEPA mandate for the vehicle tax (FZV Anlage 11 Nr. 5): the holder can save
     * or print it. Shows the IBAN only masked.
     */
    static byte[] sepaMandateConfirmation(Letterhead authority, ProcedureDescription procedure, Map<String, String> facts,
            String holderName, LocalDate today) {
        List<String[]> lines = new ArrayList<>();
        header(lines, authority);
        lines.add(new String[] {"", ""});
        lines.add(new String[] {"H", "Bestätigung SEPA-Lastschriftmandat"});
        lines.add(new String[] {"", "für den Einzug der Kraftfahrzeugsteuer durch die Zollverwaltung"});
        lines.add(new String[] {"", ""});
        lines.add(new String[] {"", "Mandatsreferenz: " + facts.getOrDefault(Facts.SEPA_MANDATE_REFERENCE.name(), "–")});
        lines.add(new String[] {"", "Kontoinhaber: " + facts.getOrDefault(Facts.SEPA_ACCOUNT_HOLDER.name(), "–")});
        lines.add(new String[] {"", "IBAN: " + facts.getOrDefault(Facts.SEPA_IBAN_MASKED.name(), "–")});
        if (holderName != null) {
            lines.add(new String[] {"", "Halter (Steuerschuldner): " + holderName});
        }
        lines.add(new String[] {"", "Antrag: " + procedure.title().get(java.util.Locale.GERMAN)});
        lines.add(new String[] {"", "Erteilt am: " + DATE.format(today)});
        lines.add(new String[] {"", ""});
        lines.add(new String[] {"", "Das Mandat wurde im Zulassungsantrag erteilt und von der Zollverwaltung bestätigt."});
        lines.add(new String[] {"", "Die Kraftfahrzeugsteuer wird von dem genannten Konto eingezogen, sobald die Zulassung wirksam ist."});
        return pdf("SEPA-Lastschriftmandat", authority, procedure.title().get(java.util.Locale.GERMAN), lines);
    }

    /** The letterhead: the authority's name, then its address. */
    private static void header(List<String[]> lines, Letterhead authority) {
        lines.add(new String[] {"B", authority.name()});
        authority.address().forEach(line -> lines.add(new String[] {"", line}));
    }

    /** The fonts, embedded as subsets (PDF/UA-1 7.21.4.1): Liberation Sans 2.1.5, SIL OFL 1.1 (fonts/OFL.txt). */
    private static final class Fonts {
        static final byte[] REGULAR = read("fonts/LiberationSans-Regular.ttf");
        static final byte[] BOLD = read("fonts/LiberationSans-Bold.ttf");

        private static byte[] read(String name) {
            try (InputStream in = DecisionDocument.class.getResourceAsStream(name)) {
                if (in == null) {
                    throw new IllegalStateException("font missing from the bundle: " + name);
                }
                return in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /**
     * One A4 page, tagged as PDF/UA-1 (ISO 14289-1) asks: embedded fonts, a structure tree (Document, the
     * first heading H1, every other non-empty line a P, each line's text one marked-content sequence), the
     * document's language, its title shown by viewers and in the XMP metadata with the PDF/UA identification.
     * Read-only: encrypted with an owner password nobody knows, the text open to assistive technology.
     */
    private static byte[] pdf(String title, Letterhead authority, String subject, List<String[]> lines) {
        try (PDDocument document = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDPage page = new PDPage(PDRectangle.A4);
            document.addPage(page);
            PDDocumentCatalog catalog = document.getDocumentCatalog();
            PDType0Font regular = PDType0Font.load(document, new ByteArrayInputStream(Fonts.REGULAR), true);
            PDType0Font bold = PDType0Font.load(document, new ByteArrayInputStream(Fonts.BOLD), true);

            PDStructureTreeRoot root = new PDStructureTreeRoot();
            catalog.setStructureTreeRoot(root);
            PDStructureElement body = new PDStructureElement(StandardStructureTypes.DOCUMENT, root);
            body.setPage(page);
            root.appendKid(body);
            COSArray parents = new COSArray(); // index = MCID on the page: the structure element holding it
            boolean headed = false;
            try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                float y = page.getMediaBox().getHeight() - 72;
                for (String[] line : lines) {
                    float size = "H".equals(line[0]) ? 18 : 11;
                    if (!line[1].isEmpty()) { // an empty line is only space: no content, no tag
                        String type = "H".equals(line[0]) && !headed ? StandardStructureTypes.H1 : StandardStructureTypes.P;
                        headed |= type.equals(StandardStructureTypes.H1);
                        PDStructureElement element = new PDStructureElement(type, body);
                        element.setPage(page);
                        int mcid = parents.size();
                        element.appendKid(mcid);
                        body.appendKid(element);
                        parents.add(element);
                        content.beginMarkedContent(COSName.getPDFName(type), mcid);
                        content.beginText();
                        content.setFont("".equals(line[0]) ? regular : bold, size);
                        content.newLineAtOffset(64, y);
                        content.showText(line[1]);
                        content.endText();
                        content.endMarkedContent();
                    }
                    y -= size + 6;
                }
            }
            page.setStructParents(0);
            PDNumberTreeNode parentTree = new PDNumberTreeNode(COSArray.class);
            parentTree.setNumbers(Map.of(0, parents));
            root.setParentTree(parentTree);
            root.setParentTreeNextKey(1);
            page.getCOSObject().setName(COSName.getPDFName("Tabs"), "S");
            PDMarkInfo marked = new PDMarkInfo();
            marked.setMarked(true);
            catalog.setMarkInfo(marked);
            catalog.setLanguage("de-DE");
            PDViewerPreferences viewer = new PDViewerPreferences(new COSDictionary());
            viewer.setDisplayDocTitle(true);
            catalog.setViewerPreferences(viewer);

            PDDocumentInformation info = document.getDocumentInformation();
            info.setTitle(title);
            info.setAuthor(authority.name());
            info.setSubject(subject);
            info.setCreator("Open i-Kfz");
            catalog.setMetadata(metadata(document, title, authority.name(), subject));
            // read-only: anyone may open and print it; changing it needs an owner password nobody knows. Assistive
            // technology may extract the text (PDF/UA-1 7.16: bit 10 of the permissions).
            AccessPermission permissions = new AccessPermission();
            permissions.setCanModify(false);
            permissions.setCanModifyAnnotations(false);
            permissions.setCanFillInForm(false);
            permissions.setCanAssembleDocument(false);
            permissions.setCanExtractForAccessibility(true);
            byte[] owner = new byte[24];
            new SecureRandom().nextBytes(owner);
            StandardProtectionPolicy policy = new StandardProtectionPolicy(HexFormat.of().formatHex(owner), "", permissions);
            policy.setEncryptionKeyLength(256);
            document.protect(policy);
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The XMP metadata: title, author and subject (Dublin Core), and the PDF/UA identification (part 1). */
    private static PDMetadata metadata(PDDocument document, String title, String author, String subject) throws IOException {
        XMPMetadata xmp = XMPMetadata.createXMPMetadata();
        DublinCoreSchema dc = xmp.createAndAddDublinCoreSchema();
        dc.setTitle(title);
        dc.addCreator(author);
        dc.setDescription(subject);
        dc.setFormat("application/pdf");
        dc.addLanguage("de-DE");
        xmp.createAndAddXMPBasicSchema().setCreatorTool("Open i-Kfz");
        XMPSchema ua = new XMPSchema(xmp, "http://www.aiim.org/pdfua/ns/id/", "pdfuaid");
        ua.setIntegerPropertyValueAsSimple("part", 1);
        xmp.addSchema(ua);
        ByteArrayOutputStream packet = new ByteArrayOutputStream();
        try {
            new XmpSerializer().serialize(xmp, packet, true);
        } catch (TransformerException e) {
            throw new IOException("XMP metadata", e);
        }
        PDMetadata metadata = new PDMetadata(document);
        metadata.importXMPMetadata(packet.toByteArray());
        return metadata;
    }
}
