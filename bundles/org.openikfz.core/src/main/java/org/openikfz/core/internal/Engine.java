package org.openikfz.core.internal;

import static org.openikfz.api.application.ApplicationException.Reason.INVALID;
import static org.openikfz.api.application.ApplicationException.Reason.NOT_FOUND;
import static org.openikfz.api.application.ApplicationException.Reason.UNAVAILABLE;
import static org.openikfz.api.application.ApplicationException.Reason.WRONG_STATE;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.openikfz.api.application.ApplicationException;
import org.openikfz.api.application.ApplicationRef;
import org.openikfz.api.application.ApplicationService;
import org.openikfz.api.application.ApplicationState;
import org.openikfz.api.application.ApplicationStatus;
import org.openikfz.api.application.Decision;
import org.openikfz.api.application.DocumentKind;
import org.openikfz.api.application.FeeLine;
import org.openikfz.api.check.Check;
import org.openikfz.api.check.CheckContext;
import org.openikfz.api.check.CheckId;
import org.openikfz.api.check.CheckResult;
import org.openikfz.api.check.Facts;
import org.openikfz.api.check.Finding;
import org.openikfz.api.connector.ConnectorUnavailableException;
import org.openikfz.api.connector.Holder;
import org.openikfz.api.connector.IdentityProvider;
import org.openikfz.api.connector.PaymentProvider;
import org.openikfz.api.connector.TransferMessage;
import org.openikfz.api.connector.TransferTarget;
import org.openikfz.api.connector.VerifiedIdentity;
import org.openikfz.api.dialog.Answers;
import org.openikfz.api.dialog.DialogStep;
import org.openikfz.api.dialog.Field;
import org.openikfz.api.dialog.FieldType;
import org.openikfz.api.fee.FeeItem;
import org.openikfz.api.fee.FeeRule;
import org.openikfz.api.procedure.DecisionPolicy;
import org.openikfz.api.procedure.Evaluation;
import org.openikfz.api.procedure.Identification;
import org.openikfz.api.procedure.Output;
import org.openikfz.api.procedure.Procedure;
import org.openikfz.api.procedure.ProcedureDescription;
import org.openikfz.api.procedure.ProcedureId;
import org.openikfz.api.procedure.Registration;
import org.openikfz.api.text.LocalizedText;
import org.openikfz.api.value.Evb;
import org.openikfz.api.value.Fin;
import org.openikfz.api.value.Iban;
import org.openikfz.api.value.Land;
import org.openikfz.api.value.Kennzeichen;
import org.openikfz.api.value.PlakettenCode;
import org.openikfz.api.value.ValueValidationException;
import org.openikfz.api.value.Zb1Code;
import org.openikfz.api.value.Zb2Code;
import org.openikfz.store.api.Application;
import org.openikfz.store.api.ApplicationStore;
import org.openikfz.store.api.AuditEvent;
import org.openikfz.store.api.DecisionRecord;
import org.openikfz.store.api.OutboxMessage;
import org.openikfz.store.api.TraceRecord;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The engine: every application goes through the rules of FZV §§ 19–23 here, and only here.
 *
 * <p>Procedures, checks and connectors come and go at runtime. An application whose procedure is not
 * deployed right now stays in the store untouched; every request for it answers "not available right
 * now" ({@link ApplicationException.Reason#UNAVAILABLE}), and it continues where it stood when the
 * procedure is back. A check that is missing or cannot complete sends the case to the clerks — never a
 * silent pass.
 *
 * <p>What the law asks to keep (the decision's reference and dates, who did what when) lives in the
 * audit trail, which survives the deletion of the dialog data; the dialog data (answers, findings,
 * fees, payment) are deleted immediately after the transfer, or 30 minutes after an abort.
 */
@Component(service = {ApplicationService.class, Engine.class}, configurationPid = EngineConfig.PID)
@Designate(ocd = EngineConfig.class)
public final class Engine implements ApplicationService {

    // FZV § 20(4): the applicant may correct opposed data at most three times
    static final int CORRECTIONS = 3;
    // FZV § 23(1): the automated decision is offered as a document for 30 minutes
    static final Duration DOCUMENT_WINDOW = Duration.ofMinutes(30);
    // FZV § 23(2): a mailed decision takes effect on the third day after mailing
    static final int MAILED_EFFECT_DAYS = 3;
    // FZV § 19(1) S. 6: dialog data are deleted at the latest 30 minutes after an abort
    static final Duration ABORTED_RETENTION = Duration.ofMinutes(30);
    // how long a clerk's decision letter stays downloadable in the back office before the case file is deleted
    static final Duration CLERK_LETTER_WINDOW = Duration.ofMinutes(30);
    // FZV § 18(3): log data are deleted automatically after six months
    static final int LOG_RETENTION_MONTHS = 6;
    static final ZoneId ZONE = ZoneId.of("Europe/Berlin");

    // states kept in the store; TRANSFER is a decided application whose transfer is queued
    static final String DIALOG = "DIALOG";
    static final String AWAITING_PAYMENT = "AWAITING_PAYMENT";
    static final String MANUAL_REVIEW = "MANUAL_REVIEW";
    static final String DECIDED = "DECIDED";
    static final String TRANSFER = "TRANSFER";
    static final String COMPLETED = "COMPLETED";
    static final String ABORTED = "ABORTED";
    // with the clerks of the back office: the case file (dialog data without security codes) stays
    // until a clerk decides; CLERK_DECIDED keeps it for the letter window, then it is deleted
    static final String WITH_CLERKS = "WITH_CLERKS";
    static final String CLERK_DECIDED = "CLERK_DECIDED";
    // terminal state once the dialog data are gone, so housekeeping never looks at it again
    static final String ABORTED_DELETED = "ABORTED_DELETED";

    // engine-internal dialog data; deleted with the answers
    private static final String DECIDED_PLATE = "_decision.kennzeichen";
    private static final String FINDINGS = "_findings";
    private static final String FEES = "_fees";
    private static final String VERIFIED = "_verified";
    private static final String PAYMENT = "_payment";
    private static final String IDENTITY = "_identity.";
    // the clerk's reason and name for the letter; deleted with the case file
    static final String CLERK_REASON = "_clerk.reason";
    static final String CLERK_NAME = "_clerk.name";
    // facts the checks established (Anlage 11: added to the application data); deleted with the answers
    private static final String FACT = "_fact.";

    private static final Logger LOG = System.getLogger(Engine.class.getName());
    private static final Instant FAR_FUTURE = Instant.parse("9999-12-31T00:00:00Z");

    private final ApplicationStore store;
    // dynamic and greedy: a clock service with a higher ranking takes over without a restart
    @Reference(policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile Clock clock;
    private final String authority;
    private final Land land;
    private final String authorityName;
    private final FeeTable fees;
    private final DatedSettings settings = DatedSettings.bundled();
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Procedure> procedures = new ConcurrentHashMap<>();
    private final Map<String, Check> checks = new ConcurrentHashMap<>();
    private final Map<String, TransferTarget> targets = new ConcurrentHashMap<>();
    private final ScheduledExecutorService housekeeping;
    private volatile PaymentProvider payment;
    private volatile IdentityProvider identity;
    private volatile Instant lastAuditPurge = Instant.EPOCH;
    private final ReviewSampling sampling;
    private final int manualSelectionDays;

    @Activate
    public Engine(@Reference ApplicationStore store, EngineConfig config) {
        this.store = store;
        this.authority = config.authority();
        this.land = Land.of(config.land());
        this.authorityName = config.authorityName();
        // fees are data: the bundled GebOSt table, with the Land's or district's entries from etc/ replacing its items
        this.fees = FeeTable.bundled().withOverrides(config.fees_file());
        this.sampling = new ReviewSampling(config.review_rate(), random);
        this.manualSelectionDays = Math.max(1, config.review_manualIntervalDays());
        this.housekeeping = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "openikfz-housekeeping"));
        long period = Math.max(50, config.housekeeping_period());
        housekeeping.scheduleWithFixedDelay(this::housekeepingSafely, period, period, TimeUnit.MILLISECONDS);
    }

    @Deactivate
    void deactivate() {
        housekeeping.shutdownNow();
    }

    // ---- dynamic references: things that come and go ----

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addProcedure(Procedure procedure) {
        procedures.put(procedure.description().id().value(), procedure);
    }

    void removeProcedure(Procedure procedure) {
        procedures.remove(procedure.description().id().value(), procedure);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addCheck(Check check) {
        checks.put(check.id().value(), check);
    }

    void removeCheck(Check check) {
        checks.remove(check.id().value(), check);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addTransferTarget(TransferTarget target) {
        targets.put(target.destination(), target);
    }

    void removeTransferTarget(TransferTarget target) {
        targets.remove(target.destination(), target);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void setPaymentProvider(PaymentProvider provider) {
        this.payment = provider;
    }

    void unsetPaymentProvider(PaymentProvider provider) {
        if (this.payment == provider) {
            this.payment = null;
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void setIdentityProvider(IdentityProvider provider) {
        this.identity = provider;
    }

    void unsetIdentityProvider(IdentityProvider provider) {
        if (this.identity == provider) {
            this.identity = null;
        }
    }

    // ---- the applicant's requests ----

    @Override
    public ApplicationRef open(ProcedureId procedureId, String authorityKey) {
        if (procedures.get(procedureId.value()) == null) {
            // nothing entered yet: unlike procedure(id), there are no entries to keep
            throw new ApplicationException(UNAVAILABLE, LocalizedText.of(
                    "Dieses Verfahren wird gerade nicht angeboten. Bitte versuchen Sie es später erneut.",
                    "This procedure is not offered right now. Please try again later."));
        }
        String token = token();
        String at = authorityKey == null || authorityKey.isBlank() ? authority : authorityKey;
        Application application = store.inTransaction(s -> {
            Application a = s.create(procedureId.value(), at, DIALOG, CORRECTIONS);
            s.appendAudit(a.id(), "OPENED", "procedure=" + procedureId.value() + ";token=" + sha256(token));
            return a;
        });
        return new ApplicationRef(application.id(), token);
    }

    @Override
    public ApplicationStatus status(ApplicationRef ref) {
        return status(authenticate(ref));
    }

    @Override
    public URI startIdentification(ApplicationRef ref, URI returnTo) {
        Application application = authenticate(ref);
        requireState(application, DIALOG);
        IdentityProvider provider = identity;
        if (provider == null) {
            throw new ApplicationException(UNAVAILABLE, LocalizedText.of(
                    "Die elektronische Identifizierung ist gerade nicht verfügbar. Bitte versuchen Sie es später erneut.",
                    "Electronic identification is not available right now. Please try again later."));
        }
        return provider.loginPage(application.id().toString(), returnTo);
    }

    @Override
    public ApplicationStatus completeIdentification(ApplicationRef ref, String code) {
        Application application = authenticate(ref);
        requireState(application, DIALOG);
        IdentityProvider provider = identity;
        if (provider == null) {
            throw new ApplicationException(UNAVAILABLE, LocalizedText.of(
                    "Die elektronische Identifizierung ist gerade nicht verfügbar.",
                    "Electronic identification is not available right now."));
        }
        VerifiedIdentity person;
        try {
            person = provider.redeem(code);
        } catch (ConnectorUnavailableException | RuntimeException e) {
            throw new ApplicationException(UNAVAILABLE, LocalizedText.of(
                    "Die Anmeldung konnte nicht abgeschlossen werden. Bitte melden Sie sich erneut an.",
                    "The login could not be completed. Please log in again."));
        }
        // FZV § 20(1): data the ID method provides are taken from it, not typed
        Map<String, String> data = new HashMap<>();
        data.put(IDENTITY + "level", person.level());
        data.put(IDENTITY + "subject", person.subject());
        data.put(IDENTITY + "organisation", Boolean.toString(person.organisation()));
        data.put(IDENTITY + "name", person.person().name());
        putIfPresent(data, IDENTITY + "street", person.person().street());
        putIfPresent(data, IDENTITY + "postalCode", person.person().postalCode());
        putIfPresent(data, IDENTITY + "city", person.person().city());
        if (person.person().dateOfBirth() != null) {
            data.put(IDENTITY + "dateOfBirth", person.person().dateOfBirth().toString());
        }
        store.inTransaction(s -> {
            s.putData(application.id(), data);
            s.appendAudit(application.id(), "IDENTIFIED", "level=" + person.level());
            return null;
        });
        return status(application);
    }

    @Override
    public Map<String, LocalizedText> answer(ApplicationRef ref, Map<String, String> answers) {
        Application application = authenticate(ref);
        requireState(application, DIALOG);
        ProcedureDescription description = procedure(application.procedureId()).description();
        Map<String, LocalizedText> errors = new LinkedHashMap<>();
        Map<String, String> valid = new HashMap<>();
        for (Map.Entry<String, String> answer : answers.entrySet()) {
            Optional<Field> field = description.dialog().field(answer.getKey());
            if (field.isEmpty()) {
                errors.put(answer.getKey(), LocalizedText.of("Diese Frage gibt es in diesem Verfahren nicht.",
                        "This question does not exist in this procedure."));
                continue;
            }
            String value = answer.getValue() == null ? "" : answer.getValue().strip();
            if (value.isEmpty()) {
                valid.put(answer.getKey(), "");
                continue;
            }
            try {
                valid.put(answer.getKey(), normalize(field.get(), value));
            } catch (ValueValidationException e) {
                errors.put(answer.getKey(), LocalizedText.of(e.getMessage(Locale.GERMAN), e.getMessage(Locale.ENGLISH)));
            } catch (IllegalArgumentException | DateTimeParseException e) {
                errors.put(answer.getKey(), invalidAnswer(field.get()));
            }
        }
        if (!valid.isEmpty()) {
            store.inTransaction(s -> {
                s.putData(application.id(), valid);
                s.appendAudit(application.id(), "ANSWERED", "fields=" + String.join(",", new java.util.TreeSet<>(valid.keySet())));
                return null;
            });
        }
        return errors;
    }

    @Override
    public ApplicationStatus verify(ApplicationRef ref) {
        Application application = authenticate(ref);
        requireState(application, DIALOG);
        Procedure procedure = procedure(application.procedureId());
        ProcedureDescription description = procedure.description();
        Map<String, String> data = store.getData(application.id());
        Answers answers = visibleAnswers(description, answersOf(data));
        if (description.identification() == Identification.REQUIRED && !data.containsKey(IDENTITY + "level")) {
            throw new ApplicationException(WRONG_STATE, LocalizedText.of(
                    "Für dieses Verfahren müssen Sie sich zuerst elektronisch ausweisen.",
                    "For this procedure you must first identify yourself electronically."));
        }
        List<String> missing = missingRequired(description, answers);
        if (!missing.isEmpty()) {
            throw new ApplicationException(INVALID, LocalizedText.of(
                    "Bitte beantworten Sie noch: " + String.join(", ", missing) + ".",
                    "Please still answer: " + String.join(", ", missing) + "."));
        }

        // FZV § 20(4): verification by an automated program; opposed and failed are kept apart.
        // The checks run in the procedure's order and add what they established (facts); then the
        // procedure judges its own conditions with those facts.
        List<Finding> findings = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        Map<String, String> facts = new LinkedHashMap<>();
        Optional<VerifiedIdentity> applicant = identityOf(data);
        LocalDate today = LocalDate.now(clock.withZone(ZONE));
        // FZV § 23(3): the workings of the decision stay inspectable — each step with what it saw and decided
        List<TraceRecord> trace = new ArrayList<>();
        trace.add(new TraceRecord(application.id(), 0, "answers", "INPUT", Trace.maskedAnswers(description, answers), "", "",
                Trace.version(procedure), null));
        for (CheckId id : description.checks()) {
            Check check = checks.get(id.value());
            if (check == null) {
                failures.add("check " + id + " not available");
                trace.add(new TraceRecord(application.id(), trace.size(), "check " + id.value(), "FAILED", null, "",
                        "check not available", null, null));
                continue;
            }
            CheckContext context = new Context(application.id(), description.id(), description, application.authorityId(),
                    land, answers, Map.copyOf(facts), applicant, today);
            CheckResult result = safely(() -> check.check(context), "check " + id);
            collect(result, findings, failures);
            trace.add(Trace.step(application.id(), trace.size(), "check " + id.value(), result, Trace.version(check)));
            if (result instanceof CheckResult.Clear clear) {
                facts.putAll(clear.facts());
            }
        }
        Evaluation evaluation = new ProcedureEvaluation(answers, Map.copyOf(facts), applicant, application.authorityId(), today);
        CheckResult judged = safely(() -> procedure.evaluate(evaluation), "procedure " + description.id());
        collect(judged, findings, failures);
        trace.add(Trace.step(application.id(), trace.size(), "procedure " + description.id().value(), judged, Trace.version(procedure)));
        List<FeeLine> feeLines = new ArrayList<>();
        if (failures.isEmpty() && findings.isEmpty()) {
            for (FeeRule rule : description.fees()) {
                if (!rule.applies(answers)) {
                    continue;
                }
                Optional<FeeItem> item = fees.find(rule.item(), today);
                if (item.isEmpty()) {
                    failures.add("fee item " + rule.item() + " not in the fee table for " + today);
                } else {
                    feeLines.add(new FeeLine(item.get().item(), item.get().title(), item.get().amount()));
                }
            }
        }

        UUID id = application.id();
        boolean correction = data.containsKey(VERIFIED);
        Map<String, String> factData = new HashMap<>();
        data.keySet().stream().filter(k -> k.startsWith(FACT)).forEach(k -> factData.put(k, ""));
        facts.forEach((k, v) -> factData.put(FACT + k, v));
        if (!findings.isEmpty()) {
            // FZV § 20(4): opposed — shown to the applicant; aborted when still opposed after the third
            // correction. Opposed comes before failed: what the applicant can correct is shown first.
            int left = correction ? application.correctionsLeft() - 1 : application.correctionsLeft();
            boolean abort = correction && left <= 0;
            store.inTransaction(s -> {
                transition(s, application, abort ? ABORTED : DIALOG, Math.max(0, left));
                s.putData(id, Map.of(FINDINGS, Findings.write(findings), VERIFIED, "true"));
                s.putData(id, factData);
                s.appendAudit(id, abort ? "ABORTED" : "OPPOSED", "findings=" + findings.size() + ";correctionsLeft=" + Math.max(0, left));
                s.replaceTrace(id, trace);
                return null;
            });
        } else if (!failures.isEmpty()) {
            // FZV § 19(1) S. 4: not decidable by machine — the Zulassungsbehörde's clerks decide
            String reasons = String.join("; ", failures);
            store.inTransaction(s -> {
                transition(s, application, MANUAL_REVIEW, application.correctionsLeft());
                s.putData(id, Map.of(FINDINGS, "", VERIFIED, "true"));
                s.putData(id, factData);
                // FZV § 21: the codes have served their purpose; the clerks' case file keeps none (nor the IBAN)
                s.removeData(id, secretFields(description));
                s.enqueue(id, TransferTarget.FACHVERFAHREN, transferPayload(application, description, answers, facts,
                        applicant.orElse(null), null, Map.of("manualReview", true, "reason", reasons)));
                s.appendAudit(id, "FAILED", reasons);
                s.replaceTrace(id, trace);
                return null;
            });
        } else {
            store.inTransaction(s -> {
                transition(s, application, AWAITING_PAYMENT, application.correctionsLeft());
                s.putData(id, Map.of(FINDINGS, "", VERIFIED, "true", FEES, Findings.writeFees(feeLines)));
                s.putData(id, factData);
                s.appendAudit(id, "VERIFIED", "fees=" + feeLines.size());
                s.replaceTrace(id, trace);
                return null;
            });
        }
        return status(store.find(id).orElseThrow());
    }

    @Override
    public URI startPayment(ApplicationRef ref, URI returnTo) {
        Application application = authenticate(ref);
        requireState(application, AWAITING_PAYMENT);
        PaymentProvider provider = paymentProvider();
        BigDecimal total = Findings.readFees(store.getData(application.id()).getOrDefault(FEES, "")).stream()
                .map(FeeLine::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
        try {
            PaymentProvider.Session session = provider.start(application.id(), total, returnTo);
            store.inTransaction(s -> {
                s.putData(application.id(), PAYMENT, session.paymentId());
                s.appendAudit(application.id(), "PAYMENT_STARTED", "amount=" + total);
                return null;
            });
            return session.paymentPage();
        } catch (ConnectorUnavailableException e) {
            throw paymentUnavailable();
        }
    }

    @Override
    public ApplicationStatus submit(ApplicationRef ref) {
        Application application = authenticate(ref);
        requireState(application, AWAITING_PAYMENT);
        UUID id = application.id();
        // FZV § 20(5): the fees are paid before the application is submitted
        String paymentId = store.getData(id, PAYMENT).orElseThrow(() -> new ApplicationException(WRONG_STATE,
                LocalizedText.of("Bitte bezahlen Sie zuerst die Gebühren.", "Please pay the fees first.")));
        PaymentProvider.Status paid;
        try {
            paid = paymentProvider().status(paymentId);
        } catch (ConnectorUnavailableException e) {
            throw paymentUnavailable();
        }
        if (paid != PaymentProvider.Status.PAID) {
            throw new ApplicationException(WRONG_STATE, LocalizedText.of(
                    "Die Zahlung ist noch nicht eingegangen. Bitte schließen Sie die Zahlung ab.",
                    "The payment has not arrived yet. Please complete the payment."));
        }
        Procedure procedure = procedure(application.procedureId());
        ProcedureDescription description = procedure.description();
        Map<String, String> data = store.getData(id);
        Answers answers = visibleAnswers(description, answersOf(data));
        Instant now = clock.instant();
        if (procedure.decisionPolicy(answers) == DecisionPolicy.AUTOMATED) {
            String reference = authority + "-" + LocalDate.now(clock.withZone(ZONE)).getYear() + "-"
                    + id.toString().substring(0, 8).toUpperCase(Locale.ROOT);
            boolean provisional = procedure.outputs(answers).contains(Output.PROVISIONAL_REGISTRATION_PROOF);
            Optional<String> plate = decidedPlate(description, answers, factsOf(data));
            store.inTransaction(s -> {
                transition(s, application, DECIDED, application.correctionsLeft());
                s.appendAudit(id, "PAID", "payment=" + paymentId);
                s.appendAudit(id, "DECIDED", "reference=" + reference + ";decidedAt=" + now
                        + ";offeredUntil=" + now.plus(DOCUMENT_WINDOW) + ";provisional=" + provisional);
                // FZV § 23(3): under the Vorbehalt der Nachprüfung; a share is drawn at random for review
                boolean drawn = sampling.draw();
                s.recordDecision(new DecisionRecord(id, application.procedureId(), application.authorityId(), reference,
                        Trace.version(procedure), now, null, drawn ? "OPEN" : "NONE", drawn ? "RANDOM" : null, drawn ? now : null,
                        null, null, null));
                if (drawn) {
                    s.appendAudit(id, "REVIEW_DRAWN", "by=RANDOM;rate=" + sampling.rate());
                }
                plate.ifPresent(k -> s.putData(id, DECIDED_PLATE, k));
                return null;
            });
        } else {
            store.inTransaction(s -> {
                transition(s, application, MANUAL_REVIEW, application.correctionsLeft());
                s.appendAudit(id, "PAID", "payment=" + paymentId);
                s.removeData(id, secretFields(description));
                s.enqueue(id, TransferTarget.FACHVERFAHREN, transferPayload(application, description, answers, factsOf(data),
                        identityOf(data).orElse(null), null, Map.of("manualReview", true, "reason", "decision policy MANUAL")));
                s.appendAudit(id, "MANUAL", "decision policy MANUAL");
                return null;
            });
        }
        return status(store.find(id).orElseThrow());
    }

    @Override
    public Optional<byte[]> decisionDocument(ApplicationRef ref) {
        return document(ref, DocumentKind.DECISION);
    }

    @Override
    public Optional<byte[]> document(ApplicationRef ref, DocumentKind kind) {
        Application application = authenticate(ref);
        Map<String, String> data = store.getData(application.id());
        if (!offered(application, data).contains(kind)) {
            return Optional.empty();
        }
        ProcedureDescription description = procedure(application.procedureId()).description();
        Map<String, String> facts = factsOf(data);
        if (kind == DocumentKind.SEPA_MANDATE_CONFIRMATION) {
            Optional<VerifiedIdentity> applicant = identityOf(data);
            return Optional.of(DecisionDocument.sepaMandateConfirmation(authorityName, description, facts,
                    applicant.map(a -> a.person().name()).orElse(null), LocalDate.now(clock.withZone(ZONE))));
        }
        Decision decision = decision(store.auditTrail(application.id()), data).orElseThrow();
        Instant now = clock.instant();
        if (decision.retrievedAt() == null) {
            // FZV § 23(2): retrieved as an electronic document, the decision takes effect that day
            LocalDate today = LocalDate.ofInstant(now, ZONE);
            String detail = "retrievedAt=" + now + ";effectiveOn=" + today;
            if (offered(application, data).contains(DocumentKind.PROVISIONAL_REGISTRATION_PROOF)) {
                // FZV §§ 31–32: with the downloaded decision the vehicle may be driven for a number of days
                detail += ";drivingAllowedUntil=" + today.plusDays(settings.provisionalValidityDays(today));
            }
            String retrieved = detail;
            store.inTransaction(s -> {
                s.appendAudit(application.id(), "RETRIEVED", retrieved);
                s.decisionEffective(application.id(), today);
                return null;
            });
            decision = decision(store.auditTrail(application.id()), data).orElseThrow();
        }
        String fin = answerOfType(description, answersOf(data), FieldType.FIN).orElse(facts.get(Facts.ZFZR_FIN));
        return Optional.of(kind == DocumentKind.DECISION
                ? DecisionDocument.decision(authorityName, description, decision, fin)
                : DecisionDocument.provisionalProof(authorityName, description, decision, fin));
    }

    /** The documents offered now: the decision's while its 30 minutes last, the SEPA confirmation while the data exist. */
    private List<DocumentKind> offered(Application application, Map<String, String> data) {
        List<DocumentKind> kinds = new ArrayList<>();
        Procedure procedure = procedures.get(application.procedureId());
        if (procedure == null) {
            return kinds;
        }
        Answers answers = visibleAnswers(procedure.description(), answersOf(data));
        Set<Output> outputs = procedure.outputs(answers);
        if (application.state().equals(DECIDED)) {
            Decision decision = decision(store.auditTrail(application.id()), data).orElse(null);
            // FZV § 23(1): offered for 30 minutes
            if (decision != null && clock.instant().isBefore(decision.offeredUntil())) {
                kinds.add(DocumentKind.DECISION);
                if (outputs.contains(Output.PROVISIONAL_REGISTRATION_PROOF)) {
                    kinds.add(DocumentKind.PROVISIONAL_REGISTRATION_PROOF);
                }
            }
        }
        // FZV Anlage 11 Nr. 5: the holder can save or print a confirmation of the verified SEPA mandate
        if (outputs.contains(Output.SEPA_MANDATE_CONFIRMATION) && !factsOf(data).getOrDefault(Facts.SEPA_MANDATE_REFERENCE, "").isEmpty()
                && List.of(AWAITING_PAYMENT, DECIDED, TRANSFER).contains(application.state())) {
            kinds.add(DocumentKind.SEPA_MANDATE_CONFIRMATION);
        }
        return kinds;
    }

    // ---- housekeeping: deadlines, transfer, deletion ----

    private void housekeepingSafely() {
        try {
            housekeeping();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "housekeeping failed, will retry: " + e);
        }
    }

    /** One round of the background work; runs periodically, and may be called directly (tests). */
    public void housekeeping() {
        Clock current = clock;
        if (current == null) {
            return; // not fully activated yet
        }
        Instant now = current.instant();
        closeDecisionWindows(now);
        deliverOutbox();
        finishTransferred(now);
        deleteAborted(now);
        purgeAuditLog(now);
    }

    /** FZV § 23(1)/(2), § 23(4): when the 30 minutes are over, mail what was not retrieved, then transfer. */
    private void closeDecisionWindows(Instant now) {
        for (Application application : store.findByState(DECIDED, FAR_FUTURE, 500)) {
            Map<String, String> data = store.getData(application.id());
            Decision decision = decision(store.auditTrail(application.id()), data).orElse(null);
            if (decision == null || now.isBefore(decision.offeredUntil())) {
                continue;
            }
            Procedure procedure = procedures.get(application.procedureId());
            if (procedure == null) {
                continue; // its letters depend on the procedure: waits until it is back, nothing is lost
            }
            boolean mail = decision.retrievedAt() == null;
            ProcedureDescription description = procedure.description();
            Answers answers = visibleAnswers(description, answersOf(data));
            Map<String, String> facts = factsOf(data);
            VerifiedIdentity applicant = identityOf(data).orElse(null);
            Set<Output> outputs = procedure.outputs(answers);
            store.inTransaction(s -> {
                if (s.transition(application.id(), DECIDED, TRANSFER, application.correctionsLeft()).isEmpty()) {
                    return null; // someone else got there first
                }
                Decision transferred = decision;
                if (mail) {
                    // FZV § 23(1) S. 2, (2): not retrieved — a printout is mailed; effective on the third day after mailing
                    LocalDate mailedOn = LocalDate.ofInstant(now, ZONE);
                    LocalDate effectiveOn = mailedOn.plusDays(MAILED_EFFECT_DAYS);
                    s.appendAudit(application.id(), "MAILED", "mailedOn=" + mailedOn + ";effectiveOn=" + effectiveOn);
                    s.decisionEffective(application.id(), effectiveOn);
                    transferred = decision(s.auditTrail(application.id()), data).orElseThrow();
                }
                Map<String, Object> extra = Map.of("printAndMail", mail);
                // FZV § 19(1) S. 2, § 23(4): to the authority's procedures and to the KBA
                for (String destination : List.of(TransferTarget.FACHVERFAHREN, TransferTarget.KBA)) {
                    s.enqueue(application.id(), destination,
                            transferPayload(application, description, answers, facts, applicant, transferred, extra));
                }
                List<String> letters = Letters.of(mail, outputs);
                for (String kind : letters) {
                    s.enqueue(application.id(), TransferTarget.POST, Letters.payload(kind, application, description,
                            transferred, answers, facts, applicant, clock.instant()));
                }
                s.appendAudit(application.id(), "TRANSFER_QUEUED", "destinations=fachverfahren,kba"
                        + (letters.isEmpty() ? "" : ";letters=" + String.join(",", letters)));
                return null;
            });
        }
    }

    /** FZV § 19(1), § 23(4): deliver queued transfers; receivers are idempotent by message id (exactly once). */
    private void deliverOutbox() {
        for (OutboxMessage message : store.undelivered(200)) {
            TransferTarget target = targets.get(message.destination());
            if (target == null) {
                continue; // not available right now: stays queued
            }
            Application application = store.find(message.applicationId()).orElse(null);
            String procedureId = application == null ? "unknown" : application.procedureId();
            try {
                target.deliver(new TransferMessage(message.id(), message.applicationId(), procedureId, true, message.payload()));
            } catch (ConnectorUnavailableException | RuntimeException e) {
                LOG.log(Level.INFO, "transfer " + message.id() + " to " + message.destination() + " postponed: " + e.getMessage());
                continue;
            }
            if (store.markDelivered(message.id())) {
                store.appendAudit(message.applicationId(), "DELIVERED", "destination=" + message.destination() + ";message=" + message.id());
            }
        }
    }

    /**
     * FZV § 19(1) S. 6: once everything is transferred, the dialog data are deleted at once. A case
     * for the clerks moves to their queue once the Fachverfahren has it; its case file (without
     * codes) stays until a clerk has decided, and the letter window after that has passed.
     */
    private void finishTransferred(Instant now) {
        List<OutboxMessage> pending = store.undelivered(10_000);
        for (String state : List.of(TRANSFER, MANUAL_REVIEW, CLERK_DECIDED)) {
            // a clerk's decision moved the case to CLERK_DECIDED: its letter window counts from that change
            Instant before = state.equals(CLERK_DECIDED) ? now.minus(CLERK_LETTER_WINDOW) : FAR_FUTURE;
            for (Application application : store.findByState(state, before, 500)) {
                if (pending.stream().anyMatch(m -> m.applicationId().equals(application.id()))) {
                    continue;
                }
                boolean delete = !state.equals(MANUAL_REVIEW);
                String done = delete ? COMPLETED : WITH_CLERKS;
                store.inTransaction(s -> {
                    if (s.transition(application.id(), state, done, application.correctionsLeft()).isEmpty()) {
                        return null; // someone else got there first
                    }
                    if (delete) {
                        int deleted = s.deleteData(application.id());
                        s.appendAudit(application.id(), "DATA_DELETED", "items=" + deleted + ";after=transfer");
                    } else {
                        s.appendAudit(application.id(), "WITH_CLERKS", "case file kept for the clerks");
                    }
                    return null;
                });
            }
        }
    }

    /** FZV § 19(1) S. 6: dialog data of an aborted application are gone at the latest after 30 minutes. */
    private void deleteAborted(Instant now) {
        for (Application application : store.findByState(ABORTED, FAR_FUTURE, 500)) {
            Instant abortedAt = store.auditTrail(application.id()).stream().filter(e -> e.type().equals("ABORTED"))
                    .map(AuditEvent::occurredAt).findFirst().orElse(application.updatedAt());
            // delete a little early rather than late: the housekeeping period must not push it past 30 minutes
            if (now.isBefore(abortedAt.plus(ABORTED_RETENTION).minusSeconds(60))) {
                continue;
            }
            store.inTransaction(s -> {
                if (s.transition(application.id(), ABORTED, ABORTED_DELETED, 0).isEmpty()) {
                    return null;
                }
                int deleted = s.deleteData(application.id());
                s.appendAudit(application.id(), "DATA_DELETED", "items=" + deleted + ";after=abort");
                return null;
            });
        }
    }

    /** FZV § 18(3): log data are deleted automatically after six months. */
    private void purgeAuditLog(Instant now) {
        if (Duration.between(lastAuditPurge, now).toHours() < 1) {
            return;
        }
        lastAuditPurge = now;
        Instant cutoff = now.atZone(ZONE).minusMonths(LOG_RETENTION_MONTHS).toInstant();
        store.purgeAudit(cutoff);
        // decision records and traces hold no personal data in clear; they go with the log data
        store.purgeDecisions(cutoff);
    }

    // ---- for the back office (ClerkDesk, same bundle) ----

    /** The ids of the fields whose answers are never kept after use (codes, IBAN). */
    private static List<String> secretFields(ProcedureDescription description) {
        List<String> secret = new ArrayList<>();
        for (DialogStep step : description.dialog().steps()) {
            for (Field field : step.fields()) {
                if (field.type().secret()) {
                    secret.add(field.id());
                }
            }
        }
        return secret;
    }

    Optional<ProcedureDescription> description(String procedureId) {
        return Optional.ofNullable(procedures.get(procedureId)).map(Procedure::description);
    }

    Instant now() {
        return clock.instant();
    }

    /** FZV § 23(3): the days between the supervisors' manual selections (configuration). */
    int manualSelectionDays() {
        return manualSelectionDays;
    }

    /**
     * A clerk's decision (FZV § 19(1) S. 4): mailed in writing, effective on the third day after
     * mailing; queued with the transfer to the Fachverfahren (and, when granted, to the KBA) and the
     * letters, exactly once — a case decided already is refused.
     *
     * @return {@code false} when the case is no longer open
     */
    boolean decideByClerk(Application application, boolean approve, String reason, String clerk, String clerkName) {
        Procedure procedure = procedures.get(application.procedureId());
        if (procedure == null) {
            throw new ApplicationException(UNAVAILABLE, LocalizedText.of(
                    "Das Verfahren dieses Falls ist gerade nicht verfügbar. Bitte entscheiden Sie in einigen Minuten.",
                    "The procedure of this case is not available right now. Please decide in a few minutes."));
        }
        UUID id = application.id();
        ProcedureDescription description = procedure.description();
        Map<String, String> data = store.getData(id);
        Answers answers = visibleAnswers(description, answersOf(data));
        Map<String, String> facts = factsOf(data);
        VerifiedIdentity applicant = identityOf(data).orElse(null);
        Instant now = clock.instant();
        LocalDate mailedOn = LocalDate.ofInstant(now, ZONE);
        String reference = authority + "-" + mailedOn.getYear() + "-" + id.toString().substring(0, 8).toUpperCase(Locale.ROOT);
        Optional<String> plate = approve ? decidedPlate(description, answers, facts) : Optional.empty();
        return store.inTransaction(s -> {
            boolean open = s.transition(id, WITH_CLERKS, CLERK_DECIDED, application.correctionsLeft()).isPresent()
                    || s.transition(id, MANUAL_REVIEW, CLERK_DECIDED, application.correctionsLeft()).isPresent();
            if (!open) {
                return false;
            }
            s.putData(id, Map.of(CLERK_REASON, reason, CLERK_NAME, clerkName));
            plate.ifPresent(k -> s.putData(id, DECIDED_PLATE, k));
            s.appendAudit(id, "DECIDED", "by=clerk;clerk=" + clerk + ";approved=" + approve + ";reference=" + reference
                    + ";decidedAt=" + now + ";offeredUntil=" + now);
            // manual decisions are mailed in writing; effective on the third day after mailing
            s.appendAudit(id, "MAILED", "mailedOn=" + mailedOn + ";effectiveOn=" + mailedOn.plusDays(MAILED_EFFECT_DAYS));
            Decision decision = decision(s.auditTrail(id), s.getData(id)).orElseThrow();
            Map<String, Object> extra = new LinkedHashMap<>();
            extra.put("clerkDecision", Map.of("approved", approve, "reason", reason, "clerk", clerk));
            s.enqueue(id, TransferTarget.FACHVERFAHREN, transferPayload(application, description, answers, facts, applicant, decision, extra));
            List<String> letters = new ArrayList<>(List.of(Letters.CLERK_DECISION));
            if (approve) {
                s.enqueue(id, TransferTarget.KBA, transferPayload(application, description, answers, facts, applicant, decision, extra));
                letters.addAll(Letters.of(false, procedure.outputs(answers)));
            }
            for (String kind : letters) {
                Map<String, Object> outcome = kind.equals(Letters.CLERK_DECISION) ? Map.of("approved", approve, "reason", reason) : Map.of();
                s.enqueue(id, TransferTarget.POST, kind,
                        Letters.payload(kind, application, description, decision, answers, facts, applicant, now, outcome));
            }
            s.appendAudit(id, "TRANSFER_QUEUED", "destinations=fachverfahren" + (approve ? ",kba" : "") + ";letters=" + String.join(",", letters));
            return true;
        });
    }

    /**
     * Revokes an automated decision under review (FZV § 23(3)): the application is refused; a letter
     * with the reason goes out (the Fachverfahren addresses it: the portal kept no address), and the
     * Fachverfahren and the KBA are told — exactly once.
     *
     * @return {@code false} when the decision was not open for review any more
     */
    boolean revoke(DecisionRecord record, String reason, String reviewer) {
        Instant now = clock.instant();
        return store.inTransaction(s -> {
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
    }

    /** The clerk's written decision as PDF, while the case file is in the portal. */
    Optional<byte[]> clerkLetter(Application application) {
        if (!application.state().equals(CLERK_DECIDED)) {
            return Optional.empty();
        }
        Map<String, String> data = store.getData(application.id());
        Optional<ProcedureDescription> description = description(application.procedureId());
        Optional<Decision> decision = decision(store.auditTrail(application.id()), data);
        if (description.isEmpty() || decision.isEmpty() || !data.containsKey(CLERK_REASON)) {
            return Optional.empty();
        }
        return Optional.of(DecisionDocument.clerkDecision(authorityName, description.get(), decision.get(),
                data.get(CLERK_REASON), data.get(CLERK_NAME), identityOf(data).map(VerifiedIdentity::person).orElse(null),
                answersOf(data).get(Registration.FIN).orElse(null)));
    }

    // ---- helpers ----

    private ApplicationStatus status(Application application) {
        Map<String, String> data = store.getData(application.id());
        List<AuditEvent> trail = store.auditTrail(application.id());
        ApplicationState state = switch (application.state()) {
            case DIALOG -> ApplicationState.DIALOG;
            case AWAITING_PAYMENT -> ApplicationState.AWAITING_PAYMENT;
            case MANUAL_REVIEW, WITH_CLERKS -> ApplicationState.MANUAL_REVIEW;
            case DECIDED, TRANSFER, CLERK_DECIDED -> ApplicationState.DECIDED;
            case COMPLETED -> ApplicationState.COMPLETED;
            default -> ApplicationState.ABORTED;
        };
        boolean paid = trail.stream().anyMatch(e -> e.type().equals("PAID"));
        Procedure procedure = procedures.get(application.procedureId());
        Map<String, String> visible = new HashMap<>();
        if (procedure != null) {
            for (Map.Entry<String, String> e : answersOf(data).values().entrySet()) {
                Optional<Field> field = procedure.description().dialog().field(e.getKey());
                if (field.isPresent() && !field.get().type().secret()) {
                    visible.put(e.getKey(), e.getValue());
                }
            }
        }
        Decision decision = decision(trail, data).orElse(null);
        LocalizedText next = state == ApplicationState.DECIDED && decision != null && !decision.automated()
                ? Texts.nextAfterClerk() : Texts.next(state, application.correctionsLeft());
        return new ApplicationStatus(application.id(), new ProcedureId(application.procedureId()), state,
                application.correctionsLeft(), Findings.read(data.getOrDefault(FINDINGS, "")),
                Findings.readFees(data.getOrDefault(FEES, "")), data.containsKey(IDENTITY + "level"), paid,
                decision, next, visible, offered(application, data));
    }

    /** The decision as the audit trail records it (it survives the deletion of the dialog data). */
    private Optional<Decision> decision(List<AuditEvent> trail, Map<String, String> data) {
        Map<String, String> decided = null;
        Map<String, String> retrieved = null;
        Map<String, String> mailed = null;
        for (AuditEvent event : trail) {
            switch (event.type()) {
                case "DECIDED" -> decided = details(event.detail());
                case "RETRIEVED" -> retrieved = details(event.detail());
                case "MAILED" -> mailed = details(event.detail());
                default -> {
                }
            }
        }
        if (decided == null) {
            return Optional.empty();
        }
        LocalDate effectiveOn = retrieved != null ? LocalDate.parse(retrieved.get("effectiveOn"))
                : mailed != null ? LocalDate.parse(mailed.get("effectiveOn")) : null;
        String until = retrieved == null ? null : retrieved.get("drivingAllowedUntil");
        boolean byClerk = "clerk".equals(decided.get("by"));
        boolean granted = !"false".equals(decided.get("approved"));
        return Optional.of(new Decision(decided.get("reference"), !byClerk, Instant.parse(decided.get("decidedAt")),
                Instant.parse(decided.get("offeredUntil")),
                retrieved == null ? null : Instant.parse(retrieved.get("retrievedAt")),
                mailed == null ? null : LocalDate.parse(mailed.get("mailedOn")), effectiveOn,
                granted ? LocalizedText.of("Ihrem Antrag wird entsprochen.", "Your application is granted.")
                        : LocalizedText.of("Ihr Antrag wird abgelehnt. Die Begründung steht im Bescheid, den Sie per Post erhalten.",
                                "Your application is refused. The reasons are in the decision you receive by post."),
                data.get(DECIDED_PLATE), until == null ? null : LocalDate.parse(until)));
    }

    private static Map<String, String> details(String detail) {
        Map<String, String> map = new HashMap<>();
        for (String part : detail.split(";")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                map.put(part.substring(0, eq), part.substring(eq + 1));
            }
        }
        return map;
    }

    private Application authenticate(ApplicationRef ref) {
        if (ref == null) {
            throw notFound();
        }
        Application application = store.find(ref.id()).orElseThrow(Engine::notFound);
        String expected = store.auditTrail(application.id()).stream().filter(e -> e.type().equals("OPENED"))
                .map(e -> details(e.detail()).get("token")).findFirst().orElse("");
        byte[] given = sha256(ref.accessToken()).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(given, expected.getBytes(StandardCharsets.US_ASCII))) {
            throw notFound();
        }
        return application;
    }

    private Procedure procedure(String id) {
        Procedure procedure = procedures.get(id);
        if (procedure == null) {
            throw new ApplicationException(UNAVAILABLE, LocalizedText.of(
                    "Dieses Verfahren ist gerade nicht verfügbar. Ihre Angaben bleiben erhalten; bitte versuchen Sie es in einigen Minuten erneut.",
                    "This procedure is not available right now. Your entries are kept; please try again in a few minutes."));
        }
        return procedure;
    }

    private PaymentProvider paymentProvider() {
        PaymentProvider provider = payment;
        if (provider == null) {
            throw paymentUnavailable();
        }
        return provider;
    }

    private static ApplicationException paymentUnavailable() {
        return new ApplicationException(UNAVAILABLE, LocalizedText.of(
                "Die Bezahlung ist gerade nicht möglich. Ihre Angaben bleiben erhalten; bitte versuchen Sie es später erneut.",
                "Payment is not possible right now. Your entries are kept; please try again later."));
    }

    private static ApplicationException notFound() {
        return new ApplicationException(NOT_FOUND, LocalizedText.of(
                "Diesen Antrag gibt es nicht, oder er gehört nicht zu Ihrer Sitzung.",
                "This application does not exist, or it does not belong to your session."));
    }

    private static void requireState(Application application, String state) {
        if (!application.state().equals(state)) {
            throw new ApplicationException(WRONG_STATE, LocalizedText.of(
                    "Dieser Schritt passt nicht zum Stand Ihres Antrags.",
                    "This step does not fit the state of your application."));
        }
    }

    private static void transition(ApplicationStore s, Application application, String to, int correctionsLeft) {
        if (s.transition(application.id(), application.state(), to, correctionsLeft).isEmpty()) {
            throw new ApplicationException(WRONG_STATE, LocalizedText.of(
                    "Ihr Antrag wurde inzwischen weiterbearbeitet. Bitte laden Sie die Seite neu.",
                    "Your application has moved on meanwhile. Please reload the page."));
        }
    }

    private static CheckResult safely(java.util.function.Supplier<CheckResult> check, String what) {
        try {
            CheckResult result = check.get();
            return result == null ? CheckResult.failed(what + " gave no result") : result;
        } catch (RuntimeException e) {
            return CheckResult.failed(what + " could not be completed: " + e.getClass().getSimpleName());
        }
    }

    private static void collect(CheckResult result, List<Finding> findings, List<String> failures) {
        switch (result) {
            case CheckResult.Opposed opposed -> findings.addAll(opposed.findings());
            case CheckResult.Failed failed -> failures.add(failed.reason());
            case CheckResult.Clear clear -> {
            }
        }
    }

    private static List<String> missingRequired(ProcedureDescription description, Answers answers) {
        List<String> missing = new ArrayList<>();
        for (DialogStep step : description.dialog().steps()) {
            if (!step.visible(answers)) {
                continue;
            }
            for (Field field : step.fields()) {
                if (field.required() && field.visible(answers) && answers.get(field.id()).map(String::isBlank).orElse(true)) {
                    missing.add(field.label().get(Locale.GERMAN));
                }
            }
        }
        return missing;
    }

    /** Edge validation: each answer is parsed by its field's value type and kept in canonical form. */
    static String normalize(Field field, String value) {
        return switch (field.type()) {
            case KENNZEICHEN -> Kennzeichen.of(value).formatted();
            case FIN -> Fin.of(value).value();
            case PLAKETTEN_CODE -> PlakettenCode.of(value).value();
            case ZB1_CODE -> Zb1Code.of(value).value();
            case ZB2_CODE -> Zb2Code.of(value).value();
            case EVB -> Evb.of(value).value();
            case IBAN -> Iban.of(value).value();
            case DATE -> LocalDate.parse(value).toString();
            case MONTH -> month(value).toString();
            case YES_NO -> switch (value.toLowerCase(Locale.ROOT)) {
                case "true", "ja", "yes" -> "true";
                case "false", "nein", "no" -> "false";
                default -> throw new IllegalArgumentException("not yes/no");
            };
            case CHOICE -> field.choices().stream().filter(c -> c.value().equals(value)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("not a choice")).value();
            case TEXT -> {
                if (value.length() > 200) {
                    throw new IllegalArgumentException("too long");
                }
                yield value;
            }
        };
    }

    /** A month as {@code 2027-04}, {@code 04.2027}, {@code 4/2027}. */
    static YearMonth month(String value) {
        java.util.regex.Matcher german = java.util.regex.Pattern.compile("(\\d{1,2})\\s*[./]\\s*(\\d{4})").matcher(value);
        if (german.matches()) {
            return YearMonth.of(Integer.parseInt(german.group(2)), Integer.parseInt(german.group(1)));
        }
        return YearMonth.parse(value);
    }

    private static LocalizedText invalidAnswer(Field field) {
        return switch (field.type()) {
            case DATE -> LocalizedText.of("Bitte geben Sie ein Datum an (TT.MM.JJJJ).", "Please enter a date.");
            case MONTH -> LocalizedText.of("Bitte geben Sie Monat und Jahr an, zum Beispiel 04.2027.",
                    "Please enter month and year, e.g. 04.2027.");
            case YES_NO -> LocalizedText.of("Bitte wählen Sie Ja oder Nein.", "Please choose yes or no.");
            case CHOICE -> LocalizedText.of("Bitte wählen Sie eine der Möglichkeiten.", "Please choose one of the options.");
            default -> LocalizedText.of("Diese Angabe ist zu lang (höchstens 200 Zeichen).",
                    "This entry is too long (200 characters at most).");
        };
    }

    /**
     * The answers to the steps and fields that are shown for them: an answer given before the applicant
     * changed an earlier one (and so hid its field) takes no part in checks, fees or the transfer.
     */
    static Answers visibleAnswers(ProcedureDescription description, Answers answers) {
        Answers current = answers;
        while (true) {
            Map<String, String> kept = new HashMap<>();
            for (DialogStep step : description.dialog().steps()) {
                if (!step.visible(current)) {
                    continue;
                }
                for (Field field : step.fields()) {
                    if (field.visible(current)) {
                        current.get(field.id()).ifPresent(v -> kept.put(field.id(), v));
                    }
                }
            }
            if (kept.equals(current.values())) {
                return current;
            }
            current = new Answers(kept);
        }
    }

    static Answers answersOf(Map<String, String> data) {
        Map<String, String> answers = new HashMap<>();
        data.forEach((k, v) -> {
            if (!k.startsWith("_") && !v.isEmpty()) {
                answers.put(k, v);
            }
        });
        return new Answers(answers);
    }

    /** The first visible answer of a field type; for plates the vehicle's present plate, not a chosen one. */
    private static Optional<String> answerOfType(ProcedureDescription description, Answers answers, FieldType type) {
        return description.dialog().steps().stream().filter(s -> s.visible(answers)).flatMap(s -> s.fields().stream())
                .filter(f -> f.type() == type && f.visible(answers) && !f.id().equals(Registration.WUNSCHKENNZEICHEN))
                .map(f -> answers.get(f.id())).flatMap(Optional::stream).findFirst();
    }

    /** The plate a decision is about: the one assigned or reserved for it, else the vehicle's present plate. */
    private static Optional<String> decidedPlate(ProcedureDescription description, Answers answers, Map<String, String> facts) {
        String assigned = facts.get(Facts.KENNZEICHEN_ZUGETEILT);
        return assigned != null && !assigned.isEmpty() ? Optional.of(assigned)
                : answerOfType(description, answers, FieldType.KENNZEICHEN);
    }

    static Map<String, String> factsOf(Map<String, String> data) {
        Map<String, String> facts = new HashMap<>();
        data.forEach((k, v) -> {
            if (k.startsWith(FACT) && !v.isEmpty()) {
                facts.put(k.substring(FACT.length()), v);
            }
        });
        return facts;
    }

    /** The applicant as identified (FZV § 20(1)): kept in the dialog data, deleted with them. */
    static Optional<VerifiedIdentity> identityOf(Map<String, String> data) {
        String level = data.get(IDENTITY + "level");
        if (level == null) {
            return Optional.empty();
        }
        String born = data.get(IDENTITY + "dateOfBirth");
        Holder person = new Holder(data.getOrDefault(IDENTITY + "name", ""), data.get(IDENTITY + "street"),
                data.get(IDENTITY + "postalCode"), data.get(IDENTITY + "city"), born == null ? null : LocalDate.parse(born));
        return Optional.of(new VerifiedIdentity(data.getOrDefault(IDENTITY + "subject", "unknown"), person, level,
                Boolean.parseBoolean(data.get(IDENTITY + "organisation"))));
    }

    private String transferPayload(Application application, ProcedureDescription description, Answers answers,
            Map<String, String> facts, VerifiedIdentity applicant, Decision decision, Map<String, Object> extra) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("application", application.id().toString());
        doc.put("procedure", application.procedureId());
        doc.put("authority", application.authorityId());
        // FZV § 19(1): transferred applications are marked as internet applications
        doc.put("internetApplication", true);
        doc.put("procedureTitle", description == null ? null : description.title().toString());
        // security codes and the IBAN were verified and are not passed on: the verified mandate travels
        // as its reference and masked IBAN (facts), the codes have served their purpose (FZV § 21)
        Map<String, String> passedOn = new java.util.TreeMap<>();
        answers.values().forEach((k, v) -> {
            boolean secret = description == null || description.dialog().field(k).map(f -> f.type().secret()).orElse(true);
            if (!secret) {
                passedOn.put(k, v);
            }
        });
        doc.put("answers", passedOn);
        // Anlage 11: the verified and created data are added to the application data
        doc.put("facts", new java.util.TreeMap<>(facts));
        doc.put("applicant", Letters.person(applicant));
        if (decision != null) {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("reference", decision.reference());
            d.put("automated", decision.automated());
            d.put("decidedAt", decision.decidedAt().toString());
            d.put("retrievedAt", decision.retrievedAt() == null ? null : decision.retrievedAt().toString());
            d.put("mailedOn", decision.mailedOn() == null ? null : decision.mailedOn().toString());
            d.put("effectiveOn", decision.effectiveOn() == null ? null : decision.effectiveOn().toString());
            d.put("kennzeichen", decision.kennzeichen());
            d.put("drivingAllowedUntil", decision.drivingAllowedUntil() == null ? null : decision.drivingAllowedUntil().toString());
            doc.put("decision", d);
        }
        doc.putAll(extra);
        doc.put("transferredAt", clock.instant().truncatedTo(ChronoUnit.SECONDS).toString());
        return Json.object(doc);
    }

    private String token() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void putIfPresent(Map<String, String> map, String key, String value) {
        if (value != null) {
            map.put(key, value);
        }
    }

    private record Context(UUID application, ProcedureId procedure, ProcedureDescription description, String authority,
            Land land, Answers answers, Map<String, String> facts, Optional<VerifiedIdentity> applicant, LocalDate today)
            implements CheckContext {
    }

    private record ProcedureEvaluation(Answers answers, Map<String, String> facts, Optional<VerifiedIdentity> applicant,
            String authority, LocalDate today) implements Evaluation {
    }
}
