package org.openikfz.core.internal;

import static org.openikfz.core.internal.EngineTexts.TEXTS;

import org.openikfz.api.dialog.SharedFields;
import static org.openikfz.api.application.ApplicationException.Reason.INVALID;
import static org.openikfz.api.application.ApplicationException.Reason.UNAVAILABLE;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.openikfz.api.application.ApplicationException;
import org.openikfz.api.application.Decision;
import org.openikfz.api.connector.Holder;
import org.openikfz.api.connector.TransferTarget;
import org.openikfz.api.connector.VerifiedIdentity;
import org.openikfz.api.dialog.Answers;
import org.openikfz.api.procedure.Output;
import org.openikfz.api.procedure.Procedure;
import org.openikfz.api.procedure.ProcedureDescription;
import org.openikfz.core.internal.dialog.DialogRules;
import org.openikfz.core.internal.lifecycle.CaseState;
import org.openikfz.core.internal.lifecycle.Cases;
import org.openikfz.store.api.Case;
import org.openikfz.store.api.CaseDecision;
import org.openikfz.store.api.CaseFile;
import org.openikfz.store.api.DecisionRecord;

/** The decisions of the authority's staff: a clerk's (FZV § 19(1) S. 4) and a supervisor's revocation (FZV § 23(3)). */
final class ClerkDecisions {

    private final Core core;
    private final int manualSelectionDays;
    /** The verification's re-run of a case's checks for the clerks (FZV § 19(1) S. 4). */
    private final java.util.function.Function<UUID, java.util.List<String>> recheck;

    ClerkDecisions(Core core, int manualSelectionDays) {
        this(core, manualSelectionDays, id -> {
            throw new ApplicationException(ApplicationException.Reason.UNAVAILABLE, TEXTS.get("clerkDecisions.the-checks-cannot-run-again"));
        });
    }

    ClerkDecisions(Core core, int manualSelectionDays, java.util.function.Function<UUID, java.util.List<String>> recheck) {
        this.core = core;
        this.manualSelectionDays = manualSelectionDays;
        this.recheck = recheck;
    }

    /** FZV § 19(1) S. 4: the checks of a case with the clerks run again; the clerks' reasons after the run (none: all passed). */
    java.util.List<String> recheck(UUID application) {
        return recheck.apply(application);
    }

    /** FZV § 23(3): the days between the supervisors' manual selections (configuration). */
    int manualSelectionDays() {
        return manualSelectionDays;
    }

    /** The engine's time (the clock service's). */
    java.time.Instant now() {
        return core.now();
    }

    /** The description of a procedure deployed right now. */
    java.util.Optional<org.openikfz.api.procedure.ProcedureDescription> description(String procedureId) {
        return java.util.Optional.ofNullable(core.registry.procedure(procedureId)).map(org.openikfz.api.procedure.Procedure::description);
    }

    /** The description of the procedure version a case runs on (its own while deployed, see {@link Core#running}). */
    java.util.Optional<org.openikfz.api.procedure.ProcedureDescription> descriptionOf(UUID id) {
        return core.store.findCase(id).map(core::running).map(org.openikfz.api.procedure.Procedure::description);
    }

    /**
     * A clerk's decision: mailed in writing, effective as its procedure says after mailing; queued with the
     * transfer to the Fachverfahren (and, when granted, to the KBA) and the letters, exactly once — a
     * case decided already is refused.
     *
     * @return {@code false} when the case is no longer open
     */
    boolean decide(UUID id, boolean approve, String reason, String clerk, String clerkName, Holder to) {
        Holder given = to == null ? null : checked(to);
        // the case may change between its reading and the transaction without being decided (MANUAL_REVIEW becomes
        // WITH_CLERKS once its transfer to the Fachverfahren is delivered): then it is read and judged again
        for (int attempt = 0; attempt < 3; attempt++) {
            Boolean decided = decideOnce(id, approve, reason, clerk, clerkName, given);
            if (decided != null) {
                return decided;
            }
        }
        return false;
    }

    /** One attempt: true decided, false not open, null when the case changed meanwhile (its version moved on). */
    private Boolean decideOnce(UUID id, boolean approve, String reason, String clerk, String clerkName, Holder to) {
        CaseFile file = core.store.findCaseFile(id).orElse(null);
        if (file == null || !List.of(CaseState.MANUAL_REVIEW, CaseState.WITH_CLERKS).contains(CaseState.of(file.state().state()))) {
            return false;
        }
        Case c = file.state();
        Procedure procedure = core.running(c);
        if (procedure == null) {
            throw new ApplicationException(UNAVAILABLE, TEXTS.get("clerkDecisions.the-procedure-of-this-case"));
        }
        ProcedureDescription description = procedure.description();
        Map<String, String> data = file.data();
        Answers answers = Core.answers(description, data);
        Map<String, String> facts = DialogRules.factsOf(data);
        VerifiedIdentity applicant = DialogRules.identityOf(data).orElse(null);
        // FZV § 23(1) S. 3: the decision is mailed in writing, so it needs an addressee: the one the case knows, or the clerk's
        Holder addressee = to != null ? to : Letters.addressee(description, facts, applicant);
        if (addressee == null) {
            throw new ApplicationException(INVALID, TEXTS.get("clerkDecisions.no-complete-address-is-known"));
        }
        Instant now = core.now();
        LocalDate mailedOn = LocalDate.ofInstant(now, Core.ZONE);
        Optional<String> plate = approve ? DialogRules.decidedPlate(description, answers, facts) : Optional.empty();
        Set<Output> outputs = core.outputs(procedure, c, data);
        Boolean done = core.store.inTransaction(s -> {
            String reference = core.reference(s, c);
            // FZV § 23(1) S. 3: manual decisions are mailed in writing; effective on the day the procedure says (by default
            // the third day after mailing)
            CaseDecision decided = new CaseDecision(reference, false, approve, now, now, null, mailedOn,
                    mailedOn.plusDays(procedure.daysFromMailingToEffect()), null);
            Optional<Case> next = Cases.tryMove(s, c, CaseState.CLERK_DECIDED, x -> x.withDecision(decided)
                    .withDueAt(now.plus(Core.CLERK_LETTER_WINDOW)));
            if (next.isEmpty()) {
                return null;
            }
            Map<String, String> written = new LinkedHashMap<>(Map.of(DialogRules.CLERK_REASON, reason, DialogRules.CLERK_NAME, clerkName));
            written.putAll(DialogRules.clerkAddressee(addressee));
            plate.ifPresent(k -> written.put(DialogRules.DECIDED_PLATE, k));
            s.putData(id, written);
            // decided: the codes kept sealed for a re-run of the checks have served their purpose (FZV § 19(1) S. 6)
            s.removeData(id, data.keySet().stream().filter(k -> k.startsWith(DialogRules.SEALED)).toList());
            s.appendAudit(id, "DECIDED", "by=clerk;clerk=" + clerk + ";approved=" + approve + ";reference=" + reference
                    + ";decidedAt=" + now + ";offeredUntil=" + now);
            s.appendAudit(id, "MAILED", "mailedOn=" + mailedOn + ";effectiveOn=" + decided.effectiveOn());
            Confirmations.decidedByClerk(core, s, next.get(), data, reference, now);
            Map<String, String> all = new LinkedHashMap<>(data);
            all.putAll(written);
            Decision decision = Core.decision(next.get(), all);
            Map<String, Object> extra = new LinkedHashMap<>();
            extra.put("clerkDecision", Map.of("approved", approve, "reason", reason, "clerk", clerk, "addressee",
                    Letters.recipient(addressee)));
            s.enqueue(id, TransferTarget.FACHVERFAHREN, core.transferPayload(next.get(), description, answers, facts, applicant, decision, extra));
            if (!approve) {
                PlateRelease.queue(s, next.get(), description, data); // refused: no registration, the plate held for it is free
            }
            List<String> letters = new ArrayList<>(List.of(Letters.CLERK_DECISION));
            if (approve) {
                s.enqueue(id, TransferTarget.KBA, core.transferPayload(next.get(), description, answers, facts, applicant, decision, extra));
                letters.addAll(Letters.of(false, outputs));
            }
            for (String kind : letters) {
                Map<String, Object> outcome = new LinkedHashMap<>();
                if (kind.equals(Letters.CLERK_DECISION)) {
                    outcome.put("approved", approve);
                    outcome.put("reason", reason);
                }
                if (kind.equals(Letters.CLERK_DECISION) || kind.equals(Letters.REGISTRATION_DOCUMENTS)) {
                    outcome.put("recipient", Letters.recipient(addressee)); // the holder's letters: where the clerk said
                }
                s.enqueue(id, TransferTarget.POST, kind,
                        Letters.payload(kind, next.get().application(), description, decision, outputs, answers, facts, applicant, now, outcome));
            }
            s.appendAudit(id, "TRANSFER_QUEUED", "destinations=fachverfahren" + (approve ? ",kba" : "") + ";letters=" + String.join(",", letters));
            return true;
        });
        if (Boolean.TRUE.equals(done)) {
            core.observations.decision(c.procedureId(), org.openikfz.core.internal.operations.Observations.DecidedBy.CLERK, approve);
        }
        return done;
    }

    /**
     * Revokes an automated decision under review (FZV § 23(3)): the application is refused; a letter
     * with the reason goes out (the Fachverfahren addresses it: the portal kept no address), and the
     * Fachverfahren and the KBA are told — exactly once.
     *
     * @return {@code false} when the decision was not open for review any more
     */
    boolean revoke(DecisionRecord record, String reason, String reviewer) {
        Instant now = core.now();
        boolean revoked = core.store.inTransaction(s -> {
            if (!s.review(record.applicationId(), "OPEN", "REVOKED", null, reviewer, reason)) {
                return false;
            }
            Map<String, Object> revocation = new LinkedHashMap<>();
            revocation.put("kind", "revocation");
            revocation.put("application", record.applicationId().toString());
            revocation.put("authority", record.authorityId());
            revocation.put("procedure", record.procedureId());
            revocation.put("reference", record.reference());
            revocation.put("decidedAt", record.decidedAt().toString());
            revocation.put("revokedAt", now.truncatedTo(ChronoUnit.SECONDS).toString());
            revocation.put("reviewer", reviewer);
            revocation.put("reason", reason);
            // FZV § 23(3): revoked and decided anew — the application is refused
            revocation.put("newDecision", "refused");
            revocation.put("recipient", null);
            String payload = Json.object(revocation);
            s.enqueue(record.applicationId(), TransferTarget.POST, "revocation", payload);
            s.enqueue(record.applicationId(), TransferTarget.FACHVERFAHREN, "revocation", payload);
            s.enqueue(record.applicationId(), TransferTarget.KBA, "revocation", payload);
            s.appendAudit(record.applicationId(), "REVOKED", "reference=" + record.reference() + ";by=" + reviewer);
            return true;
        });
        if (revoked) {
            // FZV § 23(3): revoked and decided anew, refused
            core.observations.decision(record.procedureId(), org.openikfz.core.internal.operations.Observations.DecidedBy.REVIEW, false);
        }
        return revoked;
    }

    /** Where the written decision of a case goes unless the clerk says otherwise; empty when no complete address is known. */
    Optional<Holder> addressee(UUID id) {
        CaseFile file = core.store.findCaseFile(id).orElse(null);
        Procedure procedure = file == null ? null : core.running(file.state());
        if (procedure == null) {
            return Optional.empty();
        }
        Map<String, String> data = file.data();
        return Optional.ofNullable(Letters.addressee(procedure.description(), DialogRules.factsOf(data),
                DialogRules.identityOf(data).orElse(null)));
    }

    /** A clerk's address for a letter, stripped; refused when a part is missing or too long, or the postal code is not one. */
    private static Holder checked(Holder to) {
        String name = strip(to.name());
        String street = strip(to.street());
        String postalCode = strip(to.postalCode());
        String city = strip(to.city());
        if (name.isEmpty() || street.isEmpty() || city.isEmpty() || name.length() > 200 || street.length() > 200 || city.length() > 100
                || !postalCode.matches("[0-9]{5}")) {
            throw new ApplicationException(INVALID, TEXTS.get("clerkDecisions.please-enter-the-complete-address"));
        }
        return new Holder(name, street, postalCode, city, null);
    }

    private static String strip(String s) {
        return s == null ? "" : s.strip();
    }

    /** The clerk's written decision as PDF, while the case file is in the portal. */
    Optional<byte[]> letter(UUID id) {
        CaseFile file = core.store.findCaseFile(id).orElse(null);
        if (file == null || CaseState.of(file.state().state()) != CaseState.CLERK_DECIDED) {
            return Optional.empty();
        }
        Map<String, String> data = file.data();
        Procedure procedure = core.running(file.state());
        Decision decision = Core.decision(file.state(), data);
        if (procedure == null || decision == null || !data.containsKey(DialogRules.CLERK_REASON)) {
            return Optional.empty();
        }
        return Optional.of(DecisionDocument.clerkDecision(core.authority, procedure.description(), decision,
                data.get(DialogRules.CLERK_REASON), data.get(DialogRules.CLERK_NAME),
                DialogRules.clerkAddresseeOf(data).or(() -> DialogRules.identityOf(data).map(VerifiedIdentity::person)).orElse(null),
                DialogRules.answersOf(data).get(SharedFields.FIN).orElse(null)));
    }

    /** The Zulassungsbehörde this platform serves (its key, e.g. ERZ). */
    String authority() {
        return core.access.authority();
    }
}
