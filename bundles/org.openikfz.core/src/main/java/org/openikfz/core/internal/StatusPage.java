package org.openikfz.core.internal;

import static org.openikfz.core.internal.EngineTexts.TEXTS;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.openikfz.api.application.ApplicationState;
import org.openikfz.api.application.Authority;
import org.openikfz.api.application.DocumentKind;
import org.openikfz.api.application.PublicStatus;
import org.openikfz.api.procedure.Procedure;
import org.openikfz.api.procedure.ProcedureId;
import org.openikfz.api.text.LocalizedText;
import org.openikfz.core.internal.access.StatusCodes;
import org.openikfz.core.internal.dialog.DialogRules;
import org.openikfz.core.internal.lifecycle.CaseState;
import org.openikfz.store.api.Case;
import org.openikfz.store.api.CaseDecision;
import org.openikfz.store.api.CaseFile;

/**
 * The status page: where an application stands, for its reference number and status code, without an
 * account. It tells the state, what happens next and by when, the documents still offered, and how to
 * reach the authority; never an answer, a plate or a name.
 */
final class StatusPage {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("d.M.yyyy, HH:mm 'Uhr'", Locale.GERMAN);
    private static final DateTimeFormatter TIME_EN = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm", Locale.ENGLISH);

    private final Core core;
    private final StatusCodes codes;
    private final int decisionDays;

    StatusPage(Core core, int decisionDays) {
        this.core = core;
        this.codes = new StatusCodes(core::now);
        this.decisionDays = Math.max(1, decisionDays);
    }

    Authority authority() {
        return new Authority(core.access.authority(), core.authority.name(), core.authority.address(), core.authority.contact());
    }

    /** @param client the client's address (its failed lookups are counted), or {@code null} when not known */
    Optional<PublicStatus> lookUp(String reference, String code, String client) {
        String ref = reference == null ? "" : reference.strip().toUpperCase(Locale.ROOT);
        if (ref.isEmpty() || ref.length() > 40) {
            return Optional.empty();
        }
        // counted as failed until it proves otherwise: parallel guesses cannot pass the limit together. A reference that
        // does not exist counts as well, so that a refusal does not tell it from one that does
        StatusCodes.Attempt attempt = codes.attempt(ref, client);
        Optional<Case> found = core.store.findCaseByReference(ref);
        if (found.isEmpty() || !StatusCodes.matches(code, found.get().statusHash())) {
            return Optional.empty();
        }
        codes.release(attempt);
        return core.store.findCaseFile(found.get().id()).map(this::status);
    }

    private PublicStatus status(CaseFile file) {
        Case c = file.state();
        CaseState state = CaseState.of(c.state());
        ApplicationState visible = state.visible();
        Procedure procedure = core.running(c);
        LocalizedText title = procedure == null ? LocalizedText.of(c.procedureId(), c.procedureId()) : procedure.description().title();
        CaseDecision decision = c.decision();
        List<DocumentKind> documents = Documents.offered(core, c, file.data());
        Instant documentsUntil = documents.isEmpty() ? null
                : documents.contains(DocumentKind.DECISION) ? decision.offeredUntil() : c.dueAt();
        LocalizedText stateText;
        LocalizedText next;
        Instant by = null;
        switch (state) {
            case DIALOG, VERIFYING -> {
                by = c.dueAt();
                stateText = TEXTS.get("statusPage.not-submitted-yet-you-are");
                next = TEXTS.format("statusPage.continue-or-deleted", LocalizedText.of(when(by, TIME), when(by, TIME_EN)));
            }
            case AWAITING_PAYMENT, NOT_DECIDABLE -> {
                by = c.dueAt();
                stateText = state == CaseState.AWAITING_PAYMENT
                        ? TEXTS.get("statusPage.checked-the-fees-have-not")
                        : TEXTS.get("statusPage.cannot-be-decided-by-machine");
                next = TEXTS.format("statusPage.next-in-the-dialog-until", Texts.next(visible, c.correctionsLeft(), false),
                        LocalizedText.of(when(by, TIME), when(by, TIME_EN)));
            }
            case MANUAL_REVIEW, WITH_CLERKS -> {
                LocalDate expected = workingDaysAfter(LocalDate.ofInstant(c.paidAt() != null ? c.paidAt() : c.updatedAt(), Core.ZONE), decisionDays);
                by = expected.atTime(16, 0).atZone(Core.ZONE).toInstant();
                stateText = TEXTS.get("statusPage.submitted-the-registration-authority-decides");
                next = TEXTS.format("statusPage.a-clerk-decides-usually-by", LocalizedText.of(expected.format(DateTimeFormatter.ofPattern("d.M.yyyy")),
                        expected.format(DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH))));
            }
            case DECIDED, TRANSFER, CLERK_DECIDED, COMPLETED -> {
                boolean granted = decision == null || decision.approved();
                LocalDate day = decision == null ? null : LocalDate.ofInstant(decision.decidedAt(), Core.ZONE);
                String outcome = granted ? "granted" : "refused";
                stateText = day == null ? TEXTS.get("statusPage.decided-" + outcome)
                        : TEXTS.format("statusPage.decided-on-" + outcome, LocalizedText.of(day.format(DateTimeFormatter.ofPattern("d.M.yyyy")),
                                day.format(DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH))));
                if (!documents.isEmpty() && documents.contains(DocumentKind.DECISION)) {
                    by = documentsUntil;
                    next = TEXTS.format("statusPage.download-until", LocalizedText.of(when(by, TIME), when(by, TIME_EN)));
                } else if (decision != null && !decision.automated()) {
                    next = Texts.nextAfterClerk();
                } else if (state == CaseState.COMPLETED) {
                    next = Texts.next(ApplicationState.COMPLETED, 0, false);
                } else {
                    next = decision != null && decision.retrievedAt() != null
                            ? TEXTS.get("statusPage.you-have-retrieved-the-decision")
                            : TEXTS.get("statusPage.you-did-not-retrieve-the");
                }
            }
            case ABORTED, ABORTED_DELETED -> {
                boolean withdrawn = file.data().containsKey(DialogRules.WITHDRAWN);
                stateText = withdrawn ? TEXTS.get("statusPage.withdrawn")
                        : TEXTS.get("statusPage.stopped");
                next = withdrawn || state == CaseState.ABORTED_DELETED && file.data().isEmpty()
                        ? TEXTS.get("statusPage.the-online-application-has-ended")
                        : Texts.next(ApplicationState.ABORTED, 0, false);
            }
            default -> throw new IllegalStateException("no status text for " + state);
        }
        return new PublicStatus(c.reference() != null ? c.reference() : decision.reference(), new ProcedureId(c.procedureId()), title,
                visible, c.createdAt(), c.updatedAt(), stateText, next, by, documents, documentsUntil,
                decision == null ? null : decision.decidedAt(), decision == null ? null : decision.approved(), authority());
    }

    private static String when(Instant at, DateTimeFormatter format) {
        return at == null ? "" : at.atZone(Core.ZONE).format(format);
    }

    /** The day {@code days} working days (Monday to Friday) after {@code from}. */
    static LocalDate workingDaysAfter(LocalDate from, int days) {
        LocalDate day = from;
        for (int left = days; left > 0;) {
            day = day.plusDays(1);
            if (day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY) {
                left--;
            }
        }
        return day;
    }
}
