package org.openikfz.backoffice.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.openikfz.api.backoffice.BackOfficeException;
import org.openikfz.api.backoffice.DecisionReview;
import org.openikfz.api.backoffice.ManualSelection;
import org.openikfz.api.backoffice.ReviewStatistics;
import org.openikfz.api.backoffice.ReviewedDecision;
import org.openikfz.api.backoffice.Role;
import org.openikfz.api.backoffice.StaffMember;
import org.openikfz.api.backoffice.StaffSession;
import org.openikfz.api.backoffice.TraceEntry;
import org.openikfz.api.text.LocalizedText;
import org.openikfz.api.application.ApplicationException;
import org.openikfz.core.casework.CaseWork;
import org.openikfz.store.api.ApplicationStore;
import org.openikfz.store.api.DecisionRecord;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The Vorbehalt der Nachprüfung (FZV § 23(3)) for supervisors and auditors of an authority:
 * decisions drawn at random or selected, confirmed or revoked within one month from effectiveness,
 * the workings of each decision, and statistics per procedure. Every action is audited.
 */
@Component(service = DecisionReview.class)
public final class ReviewDesk implements DecisionReview {

    private final ApplicationStore store;
    private final CaseWork work;
    private final com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
    private final StaffAccounts staff;

    @Activate
    public ReviewDesk(@Reference ApplicationStore store, @Reference CaseWork work, @Reference StaffAccounts staff) {
        this.store = store;
        this.work = work;
        this.staff = staff;
    }

    @Override
    public List<ReviewedDecision> decisions(StaffSession session, boolean drawnOnly) {
        StaffMember member = staff.require(session, Role.SUPERVISOR, Role.AUDITOR);
        return store.decisions(member.authority(), 2000).stream()
                .filter(d -> !drawnOnly || !d.reviewState().equals(ReviewedDecision.NONE))
                .map(this::view).toList();
    }

    @Override
    public ReviewedDecision decision(StaffSession session, UUID application) {
        return view(record(staff.require(session, Role.SUPERVISOR, Role.AUDITOR), application));
    }

    @Override
    public ReviewedDecision select(StaffSession session, UUID application) {
        StaffMember member = staff.require(session, Role.SUPERVISOR);
        record(member, application);
        boolean drawn;
        try {
            drawn = work.drawForReview(application, member.user());
        } catch (ApplicationException e) {
            throw new BackOfficeException(BackOfficeException.Reason.WRONG_STATE, e.text()); // FZV § 23(3): the month has passed
        }
        if (!drawn) {
            throw wrongState("Diese Entscheidung ist schon zur Nachprüfung gezogen.", "This decision has been drawn for review already.");
        }
        return view(record(member, application));
    }

    @Override
    public ReviewedDecision confirm(StaffSession session, UUID application, String note) {
        StaffMember member = staff.require(session, Role.SUPERVISOR);
        record(member, application);
        String text = note == null ? "" : note.strip();
        if (!store.review(application, ReviewedDecision.OPEN, ReviewedDecision.CONFIRMED, null, member.user(), text.isEmpty() ? null : text)) {
            throw wrongState("Diese Entscheidung ist nicht zur Nachprüfung offen.", "This decision is not open for review.");
        }
        store.appendAudit(application, "REVIEW_CONFIRMED", "by=" + member.user());
        return view(record(member, application));
    }

    @Override
    public ReviewedDecision revoke(StaffSession session, UUID application, String reason) {
        StaffMember member = staff.require(session, Role.SUPERVISOR);
        DecisionRecord record = record(member, application);
        String why = reason == null ? "" : reason.strip();
        if (why.isEmpty() || why.length() > 4000) {
            throw new BackOfficeException(BackOfficeException.Reason.INVALID, LocalizedText.of(
                    "Bitte begründen Sie den Widerruf (höchstens 4000 Zeichen); die Begründung steht im Schreiben an den Halter.",
                    "Please give the reasons for the revocation (at most 4000 characters); they are printed in the letter."));
        }
        boolean revoked;
        try {
            revoked = work.revoke(record.applicationId(), why, member.user());
        } catch (ApplicationException e) {
            throw new BackOfficeException(BackOfficeException.Reason.WRONG_STATE, e.text()); // e.g. FZV § 23(3): the month has passed
        }
        if (!revoked) {
            throw wrongState("Diese Entscheidung ist nicht zur Nachprüfung offen.", "This decision is not open for review.");
        }
        return view(record(member, application));
    }

    @Override
    public List<TraceEntry> trace(StaffSession session, UUID application) {
        StaffMember member = staff.require(session, Role.SUPERVISOR, Role.AUDITOR);
        record(member, application);
        store.appendAudit(application, "TRACE_VIEWED", "by=" + member.user() + ";role=" + member.role());
        return entries(application);
    }

    @Override
    public String export(StaffSession session, UUID application) {
        StaffMember member = staff.require(session, Role.SUPERVISOR, Role.AUDITOR);
        ReviewedDecision decision = view(record(member, application));
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("application", decision.application().toString());
        doc.put("procedure", decision.procedure());
        doc.put("reference", decision.reference());
        doc.put("decidedAt", decision.decidedAt().toString());
        doc.put("effectiveOn", decision.effectiveOn() == null ? null : decision.effectiveOn().toString());
        doc.put("reviewableUntil", decision.reviewableUntil() == null ? null : decision.reviewableUntil().toString());
        doc.put("reviewState", decision.reviewState());
        doc.put("drawnBy", decision.drawnBy());
        doc.put("reviewer", decision.reviewer());
        List<Object> steps = new ArrayList<>();
        for (TraceEntry e : entries(application)) {
            Map<String, Object> step = new LinkedHashMap<>();
            step.put("seq", e.seq());
            step.put("step", e.step());
            step.put("outcome", e.outcome());
            step.put("inputs", e.inputs());
            step.put("established", e.established());
            step.put("rule", e.rule());
            step.put("version", e.version());
            steps.add(step);
        }
        doc.put("trace", steps);
        doc.put("exportedBy", member.user());
        doc.put("exportedAt", work.now().toString());
        store.appendAudit(application, "TRACE_EXPORTED", "by=" + member.user() + ";role=" + member.role());
        try {
            return json.writeValueAsString(doc);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("the export cannot be written as JSON", e);
        }
    }

    @Override
    public List<ReviewStatistics> statistics(StaffSession session) {
        StaffMember member = staff.require(session, Role.SUPERVISOR, Role.AUDITOR);
        Map<String, long[]> counts = new TreeMap<>();
        for (DecisionRecord d : store.decisions(member.authority(), Integer.MAX_VALUE)) {
            long[] c = counts.computeIfAbsent(d.procedureId(), k -> new long[6]);
            c[0]++;
            if ("RANDOM".equals(d.drawnBy())) {
                c[1]++;
            } else if ("MANUAL".equals(d.drawnBy())) {
                c[2]++;
            }
            switch (d.reviewState()) {
                case ReviewedDecision.OPEN -> c[3]++;
                case ReviewedDecision.CONFIRMED -> c[4]++;
                case ReviewedDecision.REVOKED -> c[5]++;
                default -> {
                }
            }
        }
        List<ReviewStatistics> statistics = new ArrayList<>();
        counts.forEach((procedure, c) -> statistics.add(new ReviewStatistics(procedure, c[0], c[1], c[2], c[3], c[4], c[5])));
        return statistics;
    }

    @Override
    public ManualSelection manualSelection(StaffSession session) {
        StaffMember member = staff.require(session, Role.SUPERVISOR, Role.AUDITOR);
        java.time.Instant last = store.decisions(member.authority(), Integer.MAX_VALUE).stream()
                .filter(d -> "MANUAL".equals(d.drawnBy()) && d.drawnAt() != null).map(DecisionRecord::drawnAt)
                .max(java.util.Comparator.naturalOrder()).orElse(null);
        int days = work.manualSelectionDays();
        boolean due = last == null || !work.now().isBefore(last.plus(java.time.Duration.ofDays(days)));
        return new ManualSelection(last, days, due);
    }

    private List<TraceEntry> entries(UUID application) {
        return store.trace(application).stream().map(t -> new TraceEntry(t.seq(), t.step(), t.outcome(), t.inputs(),
                t.established(), t.rule(), t.version())).toList();
    }

    private DecisionRecord record(StaffMember member, UUID application) {
        DecisionRecord record = application == null ? null : store.findDecision(application).orElse(null);
        if (record == null || !record.authorityId().equals(member.authority())) {
            throw new BackOfficeException(BackOfficeException.Reason.NOT_FOUND, LocalizedText.of(
                    "Diese Entscheidung gibt es nicht.", "There is no such decision."));
        }
        return record;
    }

    private ReviewedDecision view(DecisionRecord d) {
        String title = work.procedure(d.procedureId()).map(p -> p.title().get(Locale.GERMAN)).orElse(d.procedureId());
        return new ReviewedDecision(d.applicationId(), d.procedureId(), title, d.reference(), d.decidedAt(), d.effectiveOn(),
                work.reviewableUntil(d.effectiveOn()), d.reviewState(), d.drawnBy(), d.reviewer(), d.reviewedAt(), d.reviewNote());
    }

    private static BackOfficeException wrongState(String german, String english) {
        return new BackOfficeException(BackOfficeException.Reason.WRONG_STATE, LocalizedText.of(german, english));
    }
}
