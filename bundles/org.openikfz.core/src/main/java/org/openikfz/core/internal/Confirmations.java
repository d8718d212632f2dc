package org.openikfz.core.internal;

import static org.openikfz.core.internal.EngineTexts.TEXTS;

import static org.openikfz.api.application.ApplicationException.Reason.INVALID;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.openikfz.api.application.ApplicationException;
import org.openikfz.api.application.ApplicationState;
import org.openikfz.api.connector.TransferTarget;
import org.openikfz.api.procedure.Procedure;
import org.openikfz.core.internal.dialog.DialogRules;
import org.openikfz.store.api.ApplicationStore;
import org.openikfz.store.api.Case;

/**
 * E-mail confirmations the applicant asked for: of the submission and of a clerk's decision. They go
 * through the outbox (destination {@value TransferTarget#MAIL}) in the transaction that changes the
 * case, so a confirmation is sent exactly when the change happened. A mail names the reference, the
 * procedure, the state and the authority; no answers, no plate, no decision's reasons (those go by
 * post). The address is kept with the dialog data and deleted with them (FZV § 19(1) S. 6); it is
 * never logged.
 */
final class Confirmations {

    /** RFC 5321 limits; ASCII addresses only (no line breaks or separators that could add recipients or headers). */
    private static final Pattern ADDRESS = Pattern.compile(
            "[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("d.M.yyyy 'um' HH:mm 'Uhr'", Locale.GERMAN);

    private Confirmations() {
    }

    /** The address as entered, checked; {@code null} for none. */
    static String address(String typed) {
        if (typed == null || typed.isBlank()) {
            return null;
        }
        String address = typed.strip();
        if (address.length() > 254 || !ADDRESS.matcher(address).matches()) {
            throw new ApplicationException(INVALID, TEXTS.get("confirmations.please-enter-an-e-mail"));
        }
        return address;
    }

    /** e***@example.org: what the applicant sees again, and the most a log may name. */
    static String masked(String address) {
        if (address == null) {
            return null;
        }
        int at = address.indexOf('@');
        return at <= 0 ? "***" : address.charAt(0) + "***" + address.substring(at);
    }

    /** The applicant's application was submitted: decided by machine, or with the clerks. */
    static void submitted(Core core, ApplicationStore s, Case c, Map<String, String> data, String reference, boolean decided) {
        String to = data.get(DialogRules.CONFIRMATIONS_TO);
        if (to == null || reference == null) { // an application opened before references were given at the start
            return;
        }
        String title = title(core, c);
        String text = "Guten Tag,\n\nIhr Antrag „" + title + "“ ist am " + core.now().atZone(Core.ZONE).format(TIME)
                + " bei der Zulassungsbehörde eingegangen.\nAntragsnummer (Aktenzeichen): " + reference + "\n\n"
                // what happens next in the dialog's own words (FZV § 23), not a second wording of the same rules
                + Texts.next(decided ? ApplicationState.DECIDED : ApplicationState.MANUAL_REVIEW, 0, effectiveWhenSent(core, c))
                        .get(Locale.GERMAN)
                + footer(core);
        send(s, c, to, "confirmation", reference, "Ihr Antrag " + reference + " ist eingegangen", text);
    }

    /** A clerk decided the application (FZV § 19(1) S. 4): the decision itself goes by post. */
    static void decidedByClerk(Core core, ApplicationStore s, Case c, Map<String, String> data, String reference, Instant at) {
        String to = data.get(DialogRules.CONFIRMATIONS_TO);
        if (to == null) {
            return;
        }
        String text = "Guten Tag,\n\ndie Zulassungsbehörde hat über Ihren Antrag „" + title(core, c) + "“ am " + at.atZone(Core.ZONE).format(TIME)
                + " entschieden.\nAntragsnummer (Aktenzeichen): " + reference + "\n\n"
                + Texts.nextAfterClerk().get(Locale.GERMAN)
                + footer(core);
        send(s, c, to, "decision", reference, "Entscheidung über Ihren Antrag " + reference, text);
    }

    /** Whether the procedure's mailed decision takes effect the day it is sent (else FZV § 23(2)). */
    private static boolean effectiveWhenSent(Core core, Case c) {
        Procedure procedure = core.running(c);
        return procedure != null && procedure.daysFromMailingToEffect() == 0;
    }

    private static String title(Core core, Case c) {
        Procedure procedure = core.running(c);
        return procedure == null ? c.procedureId() : procedure.description().title().get(Locale.GERMAN);
    }

    private static String footer(Core core) {
        StringBuilder out = new StringBuilder("\n\nDen Stand Ihres Antrags sehen Sie jederzeit mit der Antragsnummer und dem Abrufcode,"
                + " der Ihnen im Antragsdialog angezeigt wurde, auf der Seite „Stand Ihres Antrags“");
        core.access.statusPage().ifPresentOrElse(u -> out.append(": ").append(u), () -> out.append(" des Portals"));
        out.append(".\n\nMit freundlichen Grüßen\n").append(core.authority.name());
        core.authority.address().forEach(line -> out.append('\n').append(line));
        if (!core.authority.contact().isEmpty()) {
            out.append('\n').append(core.authority.contact());
        }
        return out.append("\n\nDiese Nachricht wurde automatisch erstellt. Bitte antworten Sie nicht auf sie.").toString();
    }

    private static void send(ApplicationStore s, Case c, String to, String kind, String reference, String subject, String text) {
        Map<String, Object> mail = new LinkedHashMap<>();
        mail.put("kind", kind);
        mail.put("to", to);
        mail.put("subject", subject);
        mail.put("text", text);
        mail.put("reference", reference);
        s.enqueue(c.id(), TransferTarget.MAIL, "mail-" + kind, Json.object(mail));
    }
}
