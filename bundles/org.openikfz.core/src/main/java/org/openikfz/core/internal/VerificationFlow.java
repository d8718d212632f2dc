package org.openikfz.core.internal;

import static org.openikfz.core.internal.EngineTexts.TEXTS;

import org.openikfz.api.dialog.SharedFields;
import static org.openikfz.api.application.ApplicationException.Reason.INVALID;
import static org.openikfz.api.application.ApplicationException.Reason.TOO_MANY_REQUESTS;
import static org.openikfz.api.application.ApplicationException.Reason.UNAVAILABLE;
import static org.openikfz.api.application.ApplicationException.Reason.WRONG_STATE;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.RejectedExecutionException;
import org.openikfz.api.application.ApplicationException;
import org.openikfz.api.application.ApplicationRef;
import org.openikfz.api.application.ApplicationStatus;
import org.openikfz.api.application.FeeLine;
import org.openikfz.api.check.CheckContext;
import org.openikfz.api.check.CheckId;
import org.openikfz.api.check.Finding;
import org.openikfz.api.connector.TransferTarget;
import org.openikfz.api.connector.VerifiedIdentity;
import org.openikfz.api.dialog.Answers;
import org.openikfz.api.dialog.DialogStep;
import org.openikfz.api.dialog.Field;
import org.openikfz.api.dialog.FieldType;
import org.openikfz.api.fee.FeeItem;
import org.openikfz.api.fee.FeeRule;
import org.openikfz.api.procedure.Identification;
import org.openikfz.api.procedure.Procedure;
import org.openikfz.api.procedure.ProcedureDescription;
import org.openikfz.api.procedure.ProcedureId;
import org.openikfz.api.text.LocalizedText;
import org.openikfz.api.value.Land;
import org.openikfz.core.internal.dialog.DialogRules;
import org.openikfz.core.internal.lifecycle.CaseState;
import org.openikfz.core.internal.lifecycle.Cases;
import org.openikfz.core.internal.verification.Admission;
import org.openikfz.core.internal.verification.Corrections;
import org.openikfz.core.internal.verification.Pipeline;
import org.openikfz.store.api.Case;
import org.openikfz.store.api.CaseFile;
import org.openikfz.core.internal.access.Access;
import org.openikfz.core.internal.lifecycle.CaseHolds;
import org.openikfz.store.api.TraceRecord;

/**
 * FZV § 20(4): the machine verification of one application. It takes the case (state VERIFYING,
 * with a lease, {@link CaseHolds}) before it runs, so the answers cannot change under it and a second verification
 * of the same case is refused; its outcome is written only onto the version it took, with the
 * corrections counted there. Opposed: back to the dialog (or aborted after the third correction).
 * Failed: to the clerks. Clear: fees are due, for exactly the answers checked.
 */
final class VerificationFlow {

    private final Core core;
    private final Pipeline pipeline;
    private final Admission admission;

    /** The verification unit as the engine's configuration sets it up: its check threads, time bound and admission. */
    static VerificationFlow of(Core core, EngineConfig config, org.openikfz.core.internal.operations.Observations observations) {
        Pipeline pipeline = Pipeline.withThreads(Math.max(1, config.check_threads()),
                Duration.ofSeconds(Math.max(1, config.check_timeoutSeconds())), observations);
        return new VerificationFlow(core, pipeline, new Admission(config.verification_concurrent(), config.verification_opposedPerVehicle(),
                Duration.ofMinutes(Math.max(1, config.verification_vehicleWindowMinutes()))));
    }

    /** Stops the check threads (the engine's deactivation). */
    void close() {
        pipeline.close();
    }

    VerificationFlow(Core core, Pipeline pipeline, Admission admission) {
        this.core = core;
        this.pipeline = pipeline;
        this.admission = admission;
    }

    ApplicationStatus verify(ApplicationRef ref) {
        CaseFile file = core.authenticate(ref);
        Case read = file.state();
        Instant now = core.now();
        boolean crashed = CaseState.of(read.state()) == CaseState.VERIFYING && read.leaseUntil() != null && !now.isBefore(read.leaseUntil());
        if (!crashed) {
            Core.requireState(read, CaseState.DIALOG);
        }
        Procedure procedure = core.procedure(read);
        ProcedureDescription description = procedure.description();
        Map<String, String> data = file.data();
        Answers answers = Core.answers(description, data);
        if (description.identification() == Identification.REQUIRED && !read.identified()) {
            throw new ApplicationException(WRONG_STATE, TEXTS.get("verificationFlow.for-this-procedure-you-must"));
        }
        List<String> missing = DialogRules.missingRequired(description, answers);
        if (!missing.isEmpty()) {
            // a label may end with a full stop of its own ("Ich habe den Hinweis gelesen und verstanden.")
            String list = String.join(", ", missing).replaceAll("\\.$", "");
            throw new ApplicationException(INVALID, LocalizedText.of("Bitte beantworten Sie noch: " + list + ".", "Please still answer: " + list + "."));
        }
        // FZV § 20(4) S. 3: after an opposing result the answers are corrected ("berichtigt"), then verified again; the
        // same answers again correct nothing, and would use a correction and a query of the registers for nothing
        if (!crashed && DialogRules.unchangedSinceOpposed(data)) {
            throw new ApplicationException(WRONG_STATE, TEXTS.get("verificationFlow.nothing-changed-since-the-last"));
        }
        // across applications: a vehicle whose codes were tried too often waits (FZV § 20(4) counts per application only);
        // the attempt is taken now, so that parallel verifications of one vehicle cannot outrun the bound
        List<String> vehicles = vehicles(description, answers);
        Optional<Duration> wait = admission.reserve(vehicles, now);
        if (wait.isPresent()) {
            long minutes = Math.max(1, (wait.get().toSeconds() + 59) / 60);
            throw new ApplicationException(TOO_MANY_REQUESTS, TEXTS.format("verificationFlow.vehicle-checked-too-often", LocalizedText.german(String.valueOf(minutes))), wait.get());
        }
        // the bulkhead: a verification holds its request thread while the registers answer; beyond the bound, refused at once
        if (!admission.tryEnter()) {
            admission.release(vehicles);
            throw busy();
        }
        boolean opposed = false;
        // the hold: no answer, login or withdrawal of this application is taken while it runs, and it does not start
        // while one is being written
        try (CaseHolds.Held held = core.holds.verification(read.id())) {
            // the lease: the whole pipeline's time bound and a margin; a crashed verification is released after it
            Instant leaseUntil = now.plusMillis(pipeline.timeout().toMillis() * (description.checks().size() + 1)).plusSeconds(30);
            Case taken = take(read, leaseUntil);
            Pipeline.Outcome outcome;
            try {
                outcome = run(taken, procedure, description, answers, data);
            } catch (RejectedExecutionException e) {
                release(read, taken);
                throw busy();
            } catch (RuntimeException | Error e) {
                release(read, taken);
                throw e;
            }
            CaseFile decided;
            try {
                decided = record(taken, description, answers, data, outcome);
            } catch (ApplicationException refused) {
                release(read, taken); // another application has the vehicle: back to the dialog, nothing counted
                throw refused;
            }
            opposed = !outcome.findings().isEmpty();
            return new DialogFlow(core).status(decided, ref);
        } finally {
            // an opposed verification keeps its attempt of the vehicle; any other gives it back
            if (!opposed) {
                admission.release(vehicles);
            }
            admission.leave();
        }
    }

    /** The states in which an application no longer holds its vehicle: ended before a decision, or transferred. */
    static final java.util.Set<String> ENDED = java.util.Set.of(CaseState.ABORTED.name(), CaseState.ABORTED_DELETED.name(),
            CaseState.COMPLETED.name());

    private static ApplicationException vehicleTaken() {
        return new ApplicationException(WRONG_STATE, TEXTS.get("verificationFlow.another-application-for-this-vehicle"));
    }

    /**
     * What identifies the vehicle of an application, for one application at a time per vehicle: its plate and FIN as
     * answered and as the register gave them (an Außerbetriebsetzung names the plate, a Umschreibung may name the FIN),
     * and the eVB number (one insurance confirmation, one vehicle). Not a Wunschkennzeichen (it has its reservation).
     */
    static java.util.SortedSet<String> claims(ProcedureDescription description, Answers answers, Map<String, String> facts) {
        java.util.SortedSet<String> claims = new java.util.TreeSet<>(vehicles(description, answers));
        for (org.openikfz.api.check.FactKey<String> fact : List.of(org.openikfz.api.check.Facts.ZFZR_FIN,
                org.openikfz.api.check.Facts.ZFZR_KENNZEICHEN)) {
            String value = facts.get(fact.name());
            if (value != null) {
                String plain = NOT_IN_A_PLATE.matcher(value.toUpperCase(Locale.ROOT)).replaceAll("");
                if (!plain.isEmpty()) {
                    claims.add(plain);
                }
            }
        }
        for (DialogStep step : description.dialog().steps()) {
            for (Field field : step.fields()) {
                if (field.type().equals(FieldType.EVB)) {
                    answers.get(field.id()).filter(v -> !v.isBlank()).ifPresent(v -> claims.add("evb:" + v.toUpperCase(Locale.ROOT)));
                }
            }
        }
        return claims;
    }

    private static ApplicationException busy() {
        return new ApplicationException(UNAVAILABLE, TEXTS.get("verificationFlow.verification-is-very-busy-right"), Duration.ofMinutes(1));
    }

    /** The vehicle the answers name, by plate and by FIN (normalised), for the count per vehicle; not a Wunschkennzeichen. */
    static List<String> vehicles(ProcedureDescription description, Answers answers) {
        List<String> vehicles = new ArrayList<>();
        for (DialogStep step : description.dialog().steps()) {
            for (Field field : step.fields()) {
                boolean plate = field.type().equals(FieldType.KENNZEICHEN) && !field.id().equals(SharedFields.WUNSCHKENNZEICHEN);
                if (plate || field.type().equals(FieldType.FIN)) {
                    answers.get(field.id()).map(v -> NOT_IN_A_PLATE.matcher(v.toUpperCase(Locale.ROOT)).replaceAll("")).filter(v -> !v.isEmpty())
                            .ifPresent(v -> vehicles.add((plate ? "K:" : "F:") + v));
                }
            }
        }
        return vehicles;
    }

    /** What a plate or FIN is compared without (spaces, hyphens). */
    private static final java.util.regex.Pattern NOT_IN_A_PLATE = java.util.regex.Pattern.compile("[^A-Z0-9ÄÖÜ]");
    /** The checks that judge by the identity alone: the holder's residence (the competent authority) and the arrears. */
    private static final java.util.Set<CheckId> IDENTITY_CHECKS = java.util.Set.of(CheckId.ZUSTAENDIGKEIT, CheckId.KFZ_STEUER_RUECKSTAND,
            CheckId.GEBUEHREN_RUECKSTAND);

    /**
     * FZV §§ 20(1), 21: where the identified applicant is the holder (the registrations), the checks that need
     * only the identity run right after the login, so an application that cannot succeed online stops before
     * any code is uncovered. Only what they oppose counts (it cannot be corrected online); what they cannot
     * complete, and everything else, is for the verification, which runs them again.
     */
    List<Finding> identityFindings(Case c, Map<String, String> data) {
        Procedure procedure = core.running(c);
        if (procedure == null || procedure.description().identification() != Identification.REQUIRED) {
            return List.of();
        }
        List<CheckId> early = procedure.description().checks().stream().filter(IDENTITY_CHECKS::contains).toList();
        return early.isEmpty() ? List.of() : ahead(c, procedure, early, data, "identity");
    }

    /** The answers after which the plate is checked (and a Wunschkennzeichen reserved) at once. */
    private static final java.util.Set<String> PLATE_ANSWERS = java.util.Set.of(SharedFields.KENNZEICHEN_WAHL,
            SharedFields.WUNSCHKENNZEICHEN, SharedFields.KENNZEICHEN_ART);

    /**
     * FZV § 20(4): a Wunschkennzeichen that is taken, or does not fit the authority or the kind of plate, is said as
     * soon as it is answered, in the dialog, and reserved for the application when it is free: it never uses one of
     * the three corrections. The verification reserves it again (idempotent per application). Only what the plate
     * allocation opposes counts here; what it cannot complete is for the verification.
     *
     * @param answered the fields answered just now: the plate is asked only when one of them is about it
     */
    List<Finding> plateFindings(Case c, Map<String, String> data, java.util.Set<String> answered) {
        Procedure procedure = core.running(c);
        Answers answers = DialogRules.answersOf(data);
        if (procedure == null || answered.stream().noneMatch(PLATE_ANSWERS::contains)
                || !procedure.description().checks().contains(CheckId.KENNZEICHEN_ZUTEILUNG)
                || !SharedFields.WAHL_WUNSCH.equals(answers.get(SharedFields.KENNZEICHEN_WAHL).map(String::strip).orElse(""))
                || answers.get(SharedFields.WUNSCHKENNZEICHEN).filter(w -> !w.isBlank()).isEmpty()) {
            return List.of();
        }
        return ahead(c, procedure, List.of(CheckId.KENNZEICHEN_ZUTEILUNG), data, "plate");
    }

    /** Some of the procedure's checks ahead of the verification: only what they oppose counts, the rest is the verification's. */
    private List<Finding> ahead(Case c, Procedure procedure, List<CheckId> checks, Map<String, String> data, String label) {
        ProcedureDescription description = procedure.description();
        Answers answers = DialogRules.answersOf(data);
        Optional<VerifiedIdentity> applicant = DialogRules.identityOf(data);
        LocalDate today = core.today();
        UUID id = c.id();
        try {
            return pipeline.run(id, checks, checkId -> core.registry.check(checkId.value()),
                    facts -> Context.of(id, description, c.authorityId(), core.land, answers, facts, applicant, today),
                    new TraceRecord(id, 0, label, "INPUT", "", "", "", core.registry.version(procedure), null),
                    facts -> org.openikfz.api.check.CheckResult.clear(), label, core.registry.version(procedure)).findings();
        } catch (RejectedExecutionException busy) {
            return List.of(); // the verification checks it all the same
        }
    }

    /**
     * FZV § 19(1) S. 4: the clerks run the checks of a case with them again, once the system that failed is back, with
     * the codes sealed for it. Nothing about the case's state changes (no correction, no decision: the clerks decide);
     * what the checks established replaces the earlier facts, and the reasons the clerks read are what is left (none:
     * every check passed). The trace is the new run's.
     *
     * @return the clerks' reasons after the run; empty when every check passed
     * @throws ApplicationException WRONG_STATE when the case is not with the clerks, or its codes were not kept
     */
    List<String> recheck(UUID id) {
        CaseFile file = core.store.findCaseFile(id).orElseThrow(Access::notFound);
        Case c = file.state();
        if (!CaseState.of(c.state()).withClerks() || CaseState.of(c.state()) == CaseState.CLERK_DECIDED) {
            throw new ApplicationException(WRONG_STATE, TEXTS.get("verificationFlow.this-case-is-not-any"));
        }
        Procedure procedure = core.procedure(c);
        ProcedureDescription description = procedure.description();
        Map<String, String> data = new HashMap<>(file.data());
        if (core.seal == null || file.data().keySet().stream().noneMatch(k -> k.startsWith(DialogRules.SEALED))) {
            throw new ApplicationException(WRONG_STATE, TEXTS.get("verificationFlow.the-security-codes-of-this"));
        }
        for (String field : DialogRules.secretFields(description)) {
            String sealed = data.get(DialogRules.SEALED + field);
            if (sealed != null) {
                data.put(field, core.seal.open(id, sealed));
            }
        }
        Answers answers = DialogRules.answersOf(data);
        Pipeline.Outcome outcome = run(c, procedure, description, answers, data);
        List<String> reasons = new ArrayList<>();
        outcome.findings().forEach(f -> reasons.add("Beanstandet: " + f.message().get(Locale.GERMAN)));
        outcome.failureTexts().forEach(t -> reasons.add(t.get(Locale.GERMAN)));
        Map<String, String> written = new HashMap<>();
        file.data().keySet().stream().filter(k -> k.startsWith(DialogRules.FACT)).forEach(k -> written.put(k, ""));
        outcome.facts().forEach((k, v) -> written.put(DialogRules.FACT + k, v));
        written.put(DialogRules.CLERK_REASONS, String.join("\n", reasons));
        written.put(DialogRules.RECHECKED, core.now().toString());
        Case at = c;
        for (int attempt = 1; ; attempt++) {
            Case read = at;
            // compare and set on the version the checks started from
            boolean recorded = core.store.inTransaction(s -> {
                if (s.updateCase(read).isEmpty()) {
                    return false;
                }
                s.putData(id, written);
                s.appendAudit(id, "RECHECKED", "opposed=" + outcome.findings().size() + ";failed=" + outcome.failures().size());
                s.replaceTrace(id, outcome.trace());
                return true;
            });
            if (recorded) {
                return reasons;
            }
            // the case moved on while the checks ran. A clerk's decision wins, and this run writes nothing. The move to
            // the clerks' queue once the Fachverfahren has the case (MANUAL_REVIEW -> WITH_CLERKS, in the background)
            // leaves it the clerks' with the same data: the result stands, written onto the new version.
            Case now = core.store.findCase(id).orElseThrow(Access::notFound);
            CaseState state = CaseState.of(now.state());
            if (attempt == 3 || !state.withClerks() || state == CaseState.CLERK_DECIDED) {
                throw Cases.movedOn();
            }
            at = now;
        }
    }

    private Pipeline.Outcome run(Case c, Procedure procedure, ProcedureDescription description, Answers answers, Map<String, String> data) {
        Optional<VerifiedIdentity> applicant = DialogRules.identityOf(data);
        LocalDate today = core.today();
        UUID id = c.id();
        TraceRecord input = new TraceRecord(id, 0, "answers", "INPUT", Trace.maskedAnswers(description, answers), "", "",
                core.registry.version(procedure), null);
        return pipeline.run(id, core.registry.order(description), checkId -> core.registry.check(checkId.value()),
                facts -> Context.of(id, description, c.authorityId(), core.land, answers, facts, applicant, today),
                input, facts -> procedure.evaluate(new ProcedureEvaluation(answers, facts, applicant, c.authorityId(), today)),
                "procedure " + description.id().value(), core.registry.version(procedure));
    }

    /** Writes the outcome onto the version the verification took; nothing else can have changed it. */
    private CaseFile record(Case taken, ProcedureDescription description, Answers answers, Map<String, String> data,
            Pipeline.Outcome outcome) {
        UUID id = taken.id();
        List<String> failures = new ArrayList<>(outcome.failures());
        List<String> feeFailures = new ArrayList<>();
        // why the machine cannot decide, for the clerks in German (the failures above are the log's)
        List<String> clerkReasons = new ArrayList<>(outcome.failureTexts().stream().map(t -> t.get(Locale.GERMAN)).toList());
        List<FeeLine> feeLines = new ArrayList<>();
        LocalDate today = core.today();
        // FZV § 20(5): the fees of an application, also of one the clerks will decide because the machine could not
        if (outcome.findings().isEmpty()) {
            for (FeeRule rule : description.fees()) {
                if (!rule.applies(answers)) {
                    continue;
                }
                Optional<FeeItem> item = core.fees.find(rule.item(), today);
                if (item.isEmpty()) {
                    feeFailures.add("fee item " + rule.item() + " not in the fee table for " + today);
                    clerkReasons.add("Die Gebühr " + rule.item() + " steht nicht in der Gebührentabelle für den "
                            + today.format(java.time.format.DateTimeFormatter.ofPattern("dd.MM.yyyy")) + "; sie ist von Hand festzusetzen.");
                } else {
                    feeLines.add(new FeeLine(item.get().item(), item.get().title(), item.get().amount()));
                }
            }
        }
        boolean correction = data.containsKey(DialogRules.VERIFIED);
        Map<String, String> written = new HashMap<>();
        DialogRules.noteOutcome(written, data, !outcome.findings().isEmpty());
        data.keySet().stream().filter(k -> k.startsWith(DialogRules.FACT)).forEach(k -> written.put(k, ""));
        outcome.facts().forEach((k, v) -> written.put(DialogRules.FACT + k, v));
        written.put(DialogRules.VERIFIED, "true");
        if (!clerkReasons.isEmpty() || data.containsKey(DialogRules.CLERK_REASONS)) {
            // only when there are some, or to clear an earlier verification's: a clear one writes no extra row
            written.put(DialogRules.CLERK_REASONS, String.join("\n", clerkReasons));
        }
        List<String> secrets = DialogRules.secretFields(description);
        Instant now = core.now();
        Case result = core.store.inTransaction(s -> {
            Case next;
            if (outcome.findings().isEmpty()) {
                // one application at a time per vehicle: the register is changed once, by one decision
                Optional<UUID> other = s.claimVehicles(id, claims(description, answers, outcome.facts()), ENDED);
                if (other.isPresent()) {
                    throw vehicleTaken();
                }
            }
            if (!outcome.findings().isEmpty()) {
                // FZV § 20(4): opposed — shown to the applicant; aborted when still opposed after the third correction.
                // Opposed comes before failed: what the applicant can correct is shown first.
                Corrections.Outcome corrections = Corrections.afterOpposed(taken.correctionsLeft(), correction);
                CaseState to = corrections.abort() ? CaseState.ABORTED : CaseState.DIALOG;
                next = Cases.move(s, taken, to, c -> c.withCorrectionsLeft(corrections.left()).withLeaseUntil(null)
                        .withDueAt(corrections.abort() ? now.plus(Core.ABORTED_RETENTION) : now.plus(core.idleTimeout)));
                written.put(DialogRules.FINDINGS, Findings.write(outcome.findings()));
                // FZV § 21: once aborted, the codes serve no purpose any more (removed in the same write as the findings)
                s.changeData(id, written, corrections.abort() ? secrets : List.of());
                s.appendAudit(id, corrections.abort() ? "ABORTED" : "OPPOSED",
                        "findings=" + outcome.findings().size() + ";correctionsLeft=" + corrections.left());
                if (corrections.abort()) {
                    PlateRelease.queue(s, next, description, data);
                }
            } else if (!feeFailures.isEmpty()) {
                // FZV § 19(1) S. 4: not decidable by machine and no fee to ask for — the Zulassungsbehörde's clerks decide
                String reasons = String.join("; ", java.util.stream.Stream.concat(failures.stream(), feeFailures.stream()).toList());
                next = Cases.move(s, taken, CaseState.MANUAL_REVIEW, c -> c.withLeaseUntil(null).withDueAt(null));
                written.put(DialogRules.FINDINGS, "");
                written.putAll(core.sealed(id, secrets, data));
                // FZV § 21: the clerks' case file keeps no code in clear (nor the IBAN); sealed, for a re-run of the checks
                s.changeData(id, written, secrets);
                s.enqueue(id, TransferTarget.FACHVERFAHREN, core.transferPayload(next, description, answers, outcome.facts(),
                        DialogRules.identityOf(data).orElse(null), null, Map.of("manualReview", true, "reason", reasons)));
                s.appendAudit(id, "FAILED", reasons);
            } else {
                // clear: the fees are due before submitting (FZV § 20(5)). Or FZV § 19(1) S. 4 with the 2019 memo on
                // § 15h(1) S. 3: not decidable by machine — the applicant may still apply (the fees first; then the
                // clerks decide) or withdraw
                boolean decidable = failures.isEmpty();
                BigDecimal total = feeLines.stream().map(FeeLine::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
                next = Cases.move(s, taken, decidable ? CaseState.AWAITING_PAYMENT : CaseState.NOT_DECIDABLE, c -> c.withLeaseUntil(null)
                        .withVerified(DialogRules.answersHash(DialogRules.withoutSecrets(description, answers)), total, c.procedureVersion())
                        .withDueAt(now.plus(core.idleTimeout)));
                written.put(DialogRules.FINDINGS, "");
                written.put(DialogRules.FEES, Findings.writeFees(feeLines));
                if (!decidable) {
                    written.put(DialogRules.NOT_DECIDABLE_REASONS, String.join("; ", failures));
                    written.putAll(core.sealed(id, secrets, data)); // for the clerks' re-run, should the applicant apply anyway
                }
                // FZV § 21: verified, the codes have served their purpose (the decision and the clerks need only what was
                // established; their case file keeps no code, nor the IBAN)
                s.changeData(id, written, secrets);
                s.appendAudit(id, decidable ? "VERIFIED" : "NOT_DECIDABLE", decidable ? "fees=" + feeLines.size() : String.join("; ", failures));
            }
            s.replaceTrace(id, outcome.trace());
            return next;
        });
        Map<String, String> after = new HashMap<>(data);
        after.putAll(written);
        if (CaseState.of(result.state()) != CaseState.DIALOG) {
            secrets.forEach(after::remove);
        }
        return new CaseFile(result, after);
    }

    /**
     * The case as the verification takes it (VERIFYING, with its lease), for exactly the answers read. Another node
     * sees only what is in the database: on a shared one the lease is written (a commit of its own). When no other
     * process writes the database, the hold is the lease: nothing is written, and the case is only read again, since an
     * answer may have been written between the first read and the hold.
     */
    private Case take(Case read, Instant leaseUntil) {
        Case leased = read.withState(CaseState.VERIFYING.name()).withLeaseUntil(leaseUntil).withDueAt(leaseUntil);
        java.util.function.Supplier<ApplicationException> saving =
                () -> new ApplicationException(WRONG_STATE, TEXTS.get("verificationFlow.your-entries-are-being-saved"));
        if (core.store.sharedBetweenProcesses()) {
            return core.store.updateCase(leased).orElseThrow(saving);
        }
        core.store.findCase(read.id()).filter(current -> current.version() == read.version()).orElseThrow(saving);
        return leased;
    }

    /**
     * A verification that could not run gives the case back to the dialog, nothing counted: written only where the
     * database holds a lease (its own, or a crashed verification's it took over); a hold in memory ends with the call.
     */
    private void release(Case read, Case taken) {
        if (taken.version() != read.version() || CaseState.of(read.state()) == CaseState.VERIFYING) {
            core.store.updateCase(taken.withState(CaseState.DIALOG.name()).withLeaseUntil(null).withDueAt(core.now().plus(core.idleTimeout)));
        }
    }

    private record Context(UUID application, String procedure, org.openikfz.api.dialog.Dialog dialog, boolean identificationRequired,
            String authority, Land land, Answers answers, Map<String, String> facts, Optional<VerifiedIdentity> applicant, LocalDate today)
            implements CheckContext {

        static Context of(UUID application, ProcedureDescription description, String authority, Land land, Answers answers,
                Map<String, String> facts, Optional<VerifiedIdentity> applicant, LocalDate today) {
            return new Context(application, description.id().value(), description.dialog(),
                    description.identification() == Identification.REQUIRED, authority, land, answers, facts, applicant, today);
        }

        @Override
        public <T> Optional<T> fact(org.openikfz.api.check.FactKey<T> key) {
            return key.from(facts);
        }
    }
}
