package org.openikfz.core.internal;

import static org.openikfz.core.internal.EngineTexts.TEXTS;

import static org.openikfz.api.application.ApplicationException.Reason.WRONG_STATE;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;
import org.openikfz.api.application.ApplicationException;
import org.openikfz.api.procedure.ProcedureDescription;
import org.openikfz.api.text.LocalizedText;
import org.openikfz.core.casework.CaseWork;
import org.openikfz.core.casework.ClerkView;
import org.openikfz.core.internal.dialog.DialogRules;
import org.openikfz.store.api.ApplicationStore;
import org.openikfz.store.api.DecisionRecord;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** The engine's service for the back office's desks (their own bundle): the clerks' and reviewers' side of the engine. */
@Component(service = CaseWork.class)
public final class CaseWorkService implements CaseWork {

    private final ApplicationStore store;
    private final ClerkDecisions clerks;

    @Activate
    public CaseWorkService(@Reference ApplicationStore store, @Reference Engine engine) {
        this.store = store;
        this.clerks = engine.clerks();
    }

    @Override
    public String authority() {
        return clerks.authority();
    }

    @Override
    public Optional<ClerkView> clerkView(UUID application) {
        return store.findCaseFile(application).map(file -> new ClerkView(DialogRules.identityOf(file.data()),
                DialogRules.answersOf(file.data()), DialogRules.factsOf(file.data()),
                java.util.Arrays.stream(file.data().getOrDefault(DialogRules.CLERK_REASONS, "").split("\n")).filter(r -> !r.isBlank()).toList(),
                java.util.Optional.ofNullable(file.data().get(DialogRules.RECHECKED)).map(Instant::parse).orElse(null)));
    }

    @Override
    public java.util.List<String> recheck(UUID application) {
        return clerks.recheck(application);
    }

    @Override
    public boolean decide(UUID application, boolean approve, String reason, String clerk, String clerkName,
            org.openikfz.api.connector.Holder to) {
        return clerks.decide(application, approve, reason, clerk, clerkName, to);
    }

    @Override
    public Optional<org.openikfz.api.connector.Holder> letterAddressee(UUID application) {
        return clerks.addressee(application);
    }

    @Override
    public boolean drawForReview(UUID application, String supervisor) {
        DecisionRecord record = store.findDecision(application).orElse(null);
        if (record == null) {
            return false;
        }
        requireReviewable(record);
        return store.inTransaction(s -> {
            if (!s.review(application, "NONE", "OPEN", "MANUAL", null, null)) {
                return false;
            }
            s.appendAudit(application, "REVIEW_DRAWN", "by=MANUAL;supervisor=" + supervisor);
            return true;
        });
    }

    @Override
    public boolean revoke(UUID application, String reason, String reviewer) {
        DecisionRecord record = store.findDecision(application).orElse(null);
        if (record == null) {
            return false;
        }
        requireReviewable(record);
        return clerks.revoke(record, reason, reviewer);
    }

    /** FZV § 23(3): one month from effectiveness, then the decision stands. */
    private void requireReviewable(DecisionRecord record) {
        LocalDate today = LocalDate.ofInstant(clerks.now(), Core.ZONE);
        if (!ReviewSampling.revocable(record.effectiveOn(), today)) {
            LocalDate until = ReviewSampling.reviewableUntil(record.effectiveOn());
            throw new ApplicationException(WRONG_STATE, TEXTS.format("caseWorkService.review-too-late", LocalizedText.german(String.valueOf(until))));
        }
    }

    @Override
    public Optional<byte[]> clerkLetter(UUID application) {
        return clerks.letter(application);
    }

    @Override
    public Optional<ProcedureDescription> procedure(String procedureId) {
        return clerks.description(procedureId);
    }

    @Override
    public Optional<ProcedureDescription> procedureOf(UUID application) {
        return clerks.descriptionOf(application);
    }

    @Override
    public Instant now() {
        return clerks.now();
    }

    @Override
    public int manualSelectionDays() {
        return clerks.manualSelectionDays();
    }

    @Override
    public LocalDate reviewableUntil(LocalDate effectiveOn) {
        return ReviewSampling.reviewableUntil(effectiveOn);
    }
}
