package org.openikfz.backoffice.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.openikfz.api.application.ApplicationException;
import org.openikfz.api.backoffice.BackOfficeException;
import org.openikfz.api.backoffice.CaseFile;
import org.openikfz.api.backoffice.ClerkCase;
import org.openikfz.api.backoffice.ClerkWorkspace;
import org.openikfz.api.backoffice.PostalAddress;
import org.openikfz.api.backoffice.PostalItem;
import org.openikfz.api.backoffice.ReasonTemplate;
import org.openikfz.api.backoffice.Role;
import org.openikfz.api.backoffice.StaffMember;
import org.openikfz.api.backoffice.StaffSession;
import org.openikfz.api.connector.Holder;
import org.openikfz.api.connector.TransferTarget;
import org.openikfz.api.connector.VerifiedIdentity;
import org.openikfz.api.dialog.Answers;
import org.openikfz.api.dialog.DialogStep;
import org.openikfz.api.dialog.Field;
import org.openikfz.api.procedure.ProcedureDescription;
import org.openikfz.api.text.LocalizedText;
import org.openikfz.core.casework.CaseWork;
import org.openikfz.core.casework.ClerkView;
import org.openikfz.store.api.Application;
import org.openikfz.store.api.ApplicationStore;
import org.openikfz.store.api.AuditEvent;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The clerks' work on the cases the machine could not decide (FZV § 19(1) S. 4). Every call checks
 * the session with the staff directory (a session value alone proves nothing), the role, and that
 * the case belongs to the member's authority; another authority's case is "not found", so its
 * existence is not revealed. Every read of a case file and every decision is audited.
 */
@Component(service = ClerkWorkspace.class)
public final class ClerkDesk implements ClerkWorkspace {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd.MM.yyyy");
    /** The case file's German labels (what the checks established, the identification's level). */
    private static final java.util.ResourceBundle TEXTS = java.util.ResourceBundle.getBundle(
            "org.openikfz.backoffice.internal.CaseTexts", Locale.ROOT, ClerkDesk.class.getClassLoader());
    /** The text blocks for a decision's reasons ({@code ReasonTemplates.properties}). */
    private static final java.util.ResourceBundle REASONS = java.util.ResourceBundle.getBundle(
            "org.openikfz.backoffice.internal.ReasonTemplates", Locale.ROOT, ClerkDesk.class.getClassLoader());
    private static final int MAX_REASON = 4000;
    private static final Instant FAR_FUTURE = Instant.parse("9999-12-31T00:00:00Z");

    private final ApplicationStore store;
    private final CaseWork work;
    private final StaffAccounts staff;

    @Activate
    public ClerkDesk(@Reference ApplicationStore store, @Reference CaseWork work, @Reference StaffAccounts staff) {
        this.store = store;
        this.work = work;
        this.staff = staff;
    }

    @Override
    public List<ClerkCase> queue(StaffSession session) {
        StaffMember member = staff.require(session, Role.CLERK, Role.SUPERVISOR, Role.AUDITOR);
        List<Application> found = new ArrayList<>();
        for (String state : List.of("MANUAL_REVIEW", "WITH_CLERKS", "CLERK_DECIDED")) {
            for (Application application : store.findByState(state, FAR_FUTURE, 2000)) {
                if (application.authorityId().equals(member.authority())) {
                    found.add(application);
                }
            }
        }
        Map<UUID, String> held = store.caseAssignments(found.stream().map(Application::id).toList());
        List<ClerkCase> cases = new ArrayList<>();
        for (Application application : found) {
            cases.add(summary(application, held.get(application.id())));
        }
        cases.sort(Comparator.comparing((ClerkCase c) -> !c.state().equals(ClerkCase.OPEN)).thenComparing(ClerkCase::received));
        return cases;
    }

    @Override
    public CaseFile caseFile(StaffSession session, UUID id) {
        StaffMember member = staff.require(session, Role.CLERK, Role.SUPERVISOR, Role.AUDITOR);
        Application application = caseOf(member, id);
        ClerkView view = work.clerkView(id).orElseThrow(ClerkDesk::notFound);
        List<CaseFile.Entry> applicant = new ArrayList<>();
        Optional<VerifiedIdentity> identity = view.applicant();
        if (identity.isPresent()) {
            var person = identity.get().person();
            applicant.add(new CaseFile.Entry(identity.get().organisation() ? "Organisation" : "Name", person.name()));
            applicant.add(new CaseFile.Entry("Anschrift", String.join(", ", nonNull(person.street()),
                    nonNull(person.postalCode()) + " " + nonNull(person.city())).strip()));
            if (person.dateOfBirth() != null) {
                applicant.add(new CaseFile.Entry("Geburtsdatum", DATE.format(person.dateOfBirth())));
            }
            applicant.add(new CaseFile.Entry("Identifiziert mit", text("level." + identity.get().level(), identity.get().level())));
        } else {
            applicant.add(new CaseFile.Entry("Identifizierung", "nicht elektronisch ausgewiesen"));
        }
        List<CaseFile.Entry> answers = new ArrayList<>();
        Optional<ProcedureDescription> description = work.procedureOf(application.id());
        Answers given = view.answers();
        if (description.isPresent()) {
            for (DialogStep step : description.get().dialog().steps()) {
                for (Field field : step.fields()) {
                    // security codes and the IBAN are not in the case file (removed when it went to the clerks)
                    given.get(field.id()).filter(v -> !field.type().secret())
                            .ifPresent(v -> answers.add(new CaseFile.Entry(field.label().get(Locale.GERMAN), display(field, v))));
                }
            }
        } else {
            given.values().forEach((k, v) -> answers.add(new CaseFile.Entry(k, v)));
        }
        List<CaseFile.Entry> precheck = new ArrayList<>();
        // why the machine could not decide, as the checks tell the clerks (German); the log's English text only where a case has none
        // after a re-run of the checks: what that run left, under its time (nothing left: every check passed)
        String rechecked = view.rechecked() == null ? null : "Erneut geprüft am " + java.time.format.DateTimeFormatter
                .ofPattern("dd.MM.yyyy, HH:mm 'Uhr'").format(view.rechecked().atZone(java.time.ZoneId.of("Europe/Berlin")));
        view.reasons().forEach(r -> precheck.add(new CaseFile.Entry(rechecked != null ? rechecked : "Nicht maschinell prüfbar", r)));
        if (rechecked != null && view.reasons().isEmpty()) {
            precheck.add(new CaseFile.Entry(rechecked, "Alle Prüfungen bestanden"));
        }
        for (AuditEvent event : store.auditTrail(id)) {
            switch (event.type()) {
                case "OPPOSED" -> precheck.add(new CaseFile.Entry("Beanstandet und vom Antragsteller korrigiert", opposed(event.detail())));
                case "FAILED", "MANUAL" -> {
                    if (view.reasons().isEmpty() && rechecked == null) {
                        // a procedure the clerks always decide (FZV § 19(1) S. 4) is said so in German, not in the log's words
                        boolean policy = event.type().equals("MANUAL") && event.detail().equals(MANUAL_POLICY);
                        precheck.add(policy ? new CaseFile.Entry(text("manual.policy.title", "Entscheidung"), text("manual.policy", event.detail()))
                                : new CaseFile.Entry("Nicht maschinell prüfbar", event.detail()));
                    }
                }
                default -> {
                }
            }
        }
        view.facts().forEach((k, v) -> precheck.add(new CaseFile.Entry("Festgestellt: " + text("fact." + k, k), factValue(k, v))));
        store.appendAudit(id, "CASE_VIEWED", "by=" + member.user() + ";role=" + member.role());
        return new CaseFile(summary(application), applicant, answers, precheck);
    }

    @Override
    public CaseFile recheck(StaffSession session, UUID id) {
        StaffMember member = staff.require(session, Role.CLERK, Role.SUPERVISOR);
        Application application = caseOf(member, id);
        String holder = holder(id);
        if (holder != null && !holder.equals(member.user()) && member.role() != Role.SUPERVISOR) {
            throw heldBy(holder);
        }
        try {
            work.recheck(application.id());
        } catch (ApplicationException e) {
            throw new BackOfficeException(BackOfficeException.Reason.WRONG_STATE, e.text());
        }
        store.appendAudit(id, "CASE_RECHECKED", "by=" + member.user());
        return caseFile(session, id);
    }

    @Override
    public Optional<PostalAddress> letterAddress(StaffSession session, UUID id) {
        StaffMember member = staff.require(session, Role.CLERK, Role.SUPERVISOR);
        return work.letterAddressee(caseOf(member, id).id())
                .map(h -> new PostalAddress(h.name(), nonNull(h.street()), nonNull(h.postalCode()), nonNull(h.city())));
    }

    @Override
    public ClerkCase take(StaffSession session, UUID id) {
        StaffMember member = staff.require(session, Role.CLERK, Role.SUPERVISOR);
        Application application = caseOf(member, id);
        if (application.state().equals("CLERK_DECIDED")) {
            throw new BackOfficeException(BackOfficeException.Reason.WRONG_STATE, LocalizedText.of(
                    "Dieser Fall ist schon entschieden.", "This case has been decided already."));
        }
        String holder = holder(id);
        boolean taken = member.user().equals(holder) || store.assignCase(id, null, member.user());
        if (!taken && member.role() == Role.SUPERVISOR && holder != null) {
            taken = store.assignCase(id, holder, member.user()); // a supervisor takes a case over
        }
        if (!taken) {
            throw heldBy(holder(id));
        }
        store.appendAudit(id, "CASE_ASSIGNED", "to=" + member.user() + (holder != null && !holder.equals(member.user()) ? ";from=" + holder : ""));
        return summary(store.find(id).orElseThrow());
    }

    @Override
    public ClerkCase giveBack(StaffSession session, UUID id) {
        StaffMember member = staff.require(session, Role.CLERK, Role.SUPERVISOR);
        caseOf(member, id);
        if (!store.assignCase(id, member.user(), null)) {
            throw new BackOfficeException(BackOfficeException.Reason.WRONG_STATE, LocalizedText.of(
                    "Sie bearbeiten diesen Fall nicht.", "You do not hold this case."));
        }
        store.appendAudit(id, "CASE_RELEASED", "by=" + member.user());
        return summary(store.find(id).orElseThrow());
    }

    private String holder(UUID id) {
        return store.caseAssignments(List.of(id)).get(id);
    }

    private static BackOfficeException heldBy(String holder) {
        return new BackOfficeException(BackOfficeException.Reason.WRONG_STATE, LocalizedText.of(
                "Diesen Fall bearbeitet " + holder + ". Bitte wählen Sie einen anderen Fall oder wenden Sie sich an die Leitung.",
                holder + " is working on this case. Please choose another case or ask your supervisor."));
    }

    @Override
    public ClerkCase decide(StaffSession session, UUID id, boolean approve, String reason, PostalAddress to) {
        StaffMember member = staff.require(session, Role.CLERK, Role.SUPERVISOR);
        Application application = caseOf(member, id);
        String why = reason == null ? "" : reason.strip();
        if (why.isEmpty() || why.length() > MAX_REASON) {
            throw new BackOfficeException(BackOfficeException.Reason.INVALID, LocalizedText.of(
                    "Bitte begründen Sie die Entscheidung (höchstens " + MAX_REASON + " Zeichen); die Begründung steht im Bescheid.",
                    "Please give the reasons for the decision (at most " + MAX_REASON + " characters); they are printed in the decision."));
        }
        // deciding a case nobody holds takes it first, with the same conditional write as "Mir zuweisen": of a decision
        // and a colleague's taking at the same moment one wins, and the case is never decided by one and held by another
        String holder = holder(id);
        if (holder == null && store.assignCase(id, null, member.user())) {
            store.appendAudit(id, "CASE_ASSIGNED", "to=" + member.user() + ";by=decision");
            holder = member.user();
        } else if (holder == null) {
            holder = holder(id);
        }
        if (holder != null && !holder.equals(member.user()) && member.role() != Role.SUPERVISOR) {
            throw heldBy(holder); // taken by another clerk: not decided twice over
        }
        boolean decided;
        try {
            decided = work.decide(application.id(), approve, why, member.user(), member.displayName(), to == null ? null
                    : new Holder(nonNull(to.name()), to.street(), to.postalCode(), to.city(), null));
        } catch (ApplicationException e) {
            throw new BackOfficeException(e.reason() == ApplicationException.Reason.INVALID ? BackOfficeException.Reason.INVALID
                    : BackOfficeException.Reason.WRONG_STATE, e.text());
        }
        if (!decided) {
            throw new BackOfficeException(BackOfficeException.Reason.WRONG_STATE, LocalizedText.of(
                    "Dieser Fall ist schon entschieden.", "This case has been decided already."));
        }
        return summary(store.find(id).orElseThrow());
    }

    @Override
    public List<ReasonTemplate> reasonTemplates(StaffSession session) {
        staff.require(session, Role.CLERK, Role.SUPERVISOR);
        List<ReasonTemplate> templates = new ArrayList<>();
        for (String id : REASONS.getString("order").split(",")) {
            String key = id.strip();
            templates.add(new ReasonTemplate(key, REASONS.getString(key + ".title"), key.startsWith("grant."),
                    REASONS.getString(key + ".text")));
        }
        return templates;
    }

    @Override
    public Optional<byte[]> letter(StaffSession session, UUID id) {
        StaffMember member = staff.require(session, Role.CLERK, Role.SUPERVISOR, Role.AUDITOR);
        return work.clerkLetter(caseOf(member, id).id());
    }

    @Override
    public List<PostalItem> postalOutbox(StaffSession session) {
        StaffMember member = staff.require(session, Role.CLERK, Role.SUPERVISOR, Role.AUDITOR);
        return store.outbox(TransferTarget.POST, member.authority(), 500).stream()
                .map(e -> new PostalItem(e.id(), e.applicationId(), e.label() == null ? "Brief" : e.label(), e.createdAt(), e.deliveredAt()))
                .toList();
    }

    /** A case of the member's authority that is or was with the clerks; otherwise "not found". */
    private Application caseOf(StaffMember member, UUID id) {
        Application application = id == null ? null : store.find(id).orElse(null);
        if (application == null || !application.authorityId().equals(member.authority())
                || !List.of("MANUAL_REVIEW", "WITH_CLERKS", "CLERK_DECIDED").contains(application.state())) {
            throw notFound();
        }
        return application;
    }

    private static BackOfficeException notFound() {
        return new BackOfficeException(BackOfficeException.Reason.NOT_FOUND, LocalizedText.of(
                "Diesen Fall gibt es nicht, oder er ist abgeschlossen.", "There is no such case, or it is closed."));
    }

    private ClerkCase summary(Application application) {
        return summary(application, holder(application.id()));
    }

    private ClerkCase summary(Application application, String assignedTo) {
        List<AuditEvent> trail = store.auditTrail(application.id());
        Instant received = application.updatedAt();
        String reason = "";
        String decidedBy = null;
        Instant decidedAt = null;
        String state = ClerkCase.OPEN;
        for (AuditEvent event : trail) {
            switch (event.type()) {
                case "FAILED", "MANUAL" -> {
                    received = event.occurredAt();
                    reason = event.detail() == null ? "" : event.detail();
                }
                case "DECIDED" -> {
                    String detail = event.detail() == null ? "" : event.detail();
                    if (detail.contains("by=clerk")) {
                        decidedAt = event.occurredAt();
                        decidedBy = detail.replaceAll(".*clerk=([^;]*).*", "$1");
                        state = detail.contains("approved=true") ? ClerkCase.APPROVED : ClerkCase.REJECTED;
                    }
                }
                default -> {
                }
            }
        }
        Optional<ProcedureDescription> description = work.procedureOf(application.id());
        String title = description.map(d -> d.title().get(Locale.GERMAN)).orElse(application.procedureId());
        String reference = store.findCase(application.id()).map(c -> c.decision()).map(d -> d.reference()).orElse(null);
        String plate = null;
        String applicant = null;
        Optional<ClerkView> view = work.clerkView(application.id());
        if (view.isPresent()) {
            if (!view.get().reasons().isEmpty()) {
                reason = String.join(" ", view.get().reasons());
            }
            plate = plate(description, view.get());
            applicant = view.get().applicant().map(i -> i.person().name())
                    .orElse(view.get().facts().get("zfzr.holder.name"));
        }
        return new ClerkCase(application.id(), application.procedureId(), title, application.authorityId(), received, reason, state,
                decidedBy, decidedAt, reference, plate, applicant, assignedTo);
    }

    /** An OPPOSED event's detail ({@code findings=2;correctionsLeft=1}) as a clerk reads it. */
    static String opposed(String detail) {
        String findings = detail == null ? "?" : detail.replaceAll(".*findings=(\\d+).*", "$1");
        String left = detail == null ? "?" : detail.replaceAll(".*correctionsLeft=(\\d+).*", "$1");
        return findings + (findings.equals("1") ? " Beanstandung" : " Beanstandungen") + ", danach noch " + left
                + (left.equals("1") ? " Korrektur" : " Korrekturen") + " möglich (§ 20 Abs. 4 FZV)";
    }

    /** The plate the case is about: the first plate field answered, else the plate the register or the decision named. */
    private static String plate(Optional<ProcedureDescription> description, ClerkView view) {
        if (description.isPresent()) {
            for (DialogStep step : description.get().dialog().steps()) {
                for (Field field : step.fields()) {
                    if (field.type() == org.openikfz.api.dialog.FieldType.KENNZEICHEN) {
                        Optional<String> answer = view.answers().get(field.id()).filter(v -> !v.isBlank());
                        if (answer.isPresent()) {
                            return answer.get();
                        }
                    }
                }
            }
        }
        String registered = view.facts().get("zfzr.kennzeichen");
        return registered != null ? registered : view.facts().get("kennzeichen.zugeteilt");
    }

    /** The engine's audit reason when a procedure's policy, not a failed check, sends a case to the clerks. */
    static final String MANUAL_POLICY = "decision policy MANUAL";

    /** The German text of a key in {@code CaseTexts.properties}, or {@code otherwise}. */
    static String text(String key, String otherwise) {
        return TEXTS.containsKey(key) ? TEXTS.getString(key) : otherwise;
    }

    /** A fact's value as a clerk reads it: yes or no, a German date, or a named value. */
    static String factValue(String key, String value) {
        if (value == null) {
            return "";
        }
        if (value.equals("true") || value.equals("false")) {
            return value.equals("true") ? "Ja" : "Nein";
        }
        if (value.matches("\\d{4}-\\d{2}-\\d{2}")) {
            try {
                return DATE.format(LocalDate.parse(value));
            } catch (RuntimeException e) {
                return value;
            }
        }
        return text("value." + key + "." + value, value);
    }

    private static String display(Field field, String value) {
        return switch (field.type().editor()) {
            case YES_NO -> "true".equals(value) ? "Ja" : "Nein";
            case CHOICE -> field.choices().stream().filter(c -> c.value().equals(value)).findFirst()
                    .map(c -> c.label().get(Locale.GERMAN)).orElse(value);
            case DATE -> {
                try {
                    yield DATE.format(LocalDate.parse(value));
                } catch (RuntimeException e) {
                    yield value;
                }
            }
            default -> value;
        };
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }
}
