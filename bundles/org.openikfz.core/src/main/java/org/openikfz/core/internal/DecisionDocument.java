package org.openikfz.core.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.openikfz.api.application.Decision;
import org.openikfz.api.procedure.LegalBasis;
import org.openikfz.api.procedure.ProcedureDescription;

/**
 * The automated decision as a read-only PDF (FZV § 23(1)): what was decided, by whom, when, on which
 * legal basis, when it takes effect, and that it stays open to review (§ 23(3)). It never holds a
 * security code.
 */
final class DecisionDocument {

    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("dd.MM.yyyy HH:mm 'Uhr'")
            .withZone(ZoneId.of("Europe/Berlin"));
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd.MM.yyyy");

    private DecisionDocument() {
    }

    /**
     * @param authorityName the Zulassungsbehörde
     * @param procedure     the procedure decided
     * @param decision      the decision
     * @param subject       what the decision is about, e.g. "Kennzeichen ERZ-AB 123", or {@code null}
     */
    static byte[] render(String authorityName, ProcedureDescription procedure, Decision decision, String subject) {
        List<String[]> lines = new ArrayList<>(); // {font, text}
        lines.add(new String[] {"B", authorityName});
        lines.add(new String[] {"", ""});
        lines.add(new String[] {"H", "Bescheid"});
        lines.add(new String[] {"", "Aktenzeichen: " + decision.reference()});
        lines.add(new String[] {"", "Erlassen am: " + DATE_TIME.format(decision.decidedAt())});
        lines.add(new String[] {"", ""});
        lines.add(new String[] {"B", procedure.title().get(java.util.Locale.GERMAN)});
        if (subject != null) {
            lines.add(new String[] {"", subject});
        }
        lines.add(new String[] {"", ""});
        lines.add(new String[] {"", decision.summary().get(java.util.Locale.GERMAN)});
        lines.add(new String[] {"", ""});
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
        lines.add(new String[] {"", ""});
        lines.add(new String[] {"B", "Vorbehalt der Nachprüfung"});
        lines.add(new String[] {"", "Dieser Bescheid wurde automatisiert erlassen. Er steht einen Monat ab seiner Wirksamkeit"});
        lines.add(new String[] {"", "unter dem Vorbehalt der Nachprüfung (§ 23 Abs. 3 FZV)."});
        lines.add(new String[] {"", ""});
        lines.add(new String[] {"B", "Rechtsbehelfsbelehrung"});
        lines.add(new String[] {"", "Gegen diesen Bescheid kann innerhalb eines Monats nach Bekanntgabe Widerspruch bei der"});
        lines.add(new String[] {"", authorityName + " erhoben werden."});
        lines.add(new String[] {"", ""});
        lines.add(new String[] {"", "Dieses Schreiben wurde maschinell erstellt und ist ohne Unterschrift gültig."});

        try (PDDocument document = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDPage page = new PDPage(PDRectangle.A4);
            document.addPage(page);
            PDType1Font regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
            PDType1Font bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
            try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                float y = page.getMediaBox().getHeight() - 72;
                for (String[] line : lines) {
                    float size = "H".equals(line[0]) ? 18 : 11;
                    content.beginText();
                    content.setFont("".equals(line[0]) ? regular : bold, size);
                    content.newLineAtOffset(64, y);
                    content.showText(line[1]);
                    content.endText();
                    y -= size + 6;
                }
            }
            PDDocumentInformation info = document.getDocumentInformation();
            info.setTitle("Bescheid " + decision.reference());
            info.setAuthor(authorityName);
            info.setSubject(procedure.title().get(java.util.Locale.GERMAN));
            info.setCreator("Open i-Kfz");
            // read-only: anyone may open and print it; changing it needs an owner password nobody knows
            AccessPermission permissions = new AccessPermission();
            permissions.setCanModify(false);
            permissions.setCanModifyAnnotations(false);
            permissions.setCanFillInForm(false);
            permissions.setCanAssembleDocument(false);
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
}
