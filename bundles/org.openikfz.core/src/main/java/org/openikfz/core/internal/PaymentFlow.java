package org.openikfz.core.internal;

import static org.openikfz.core.internal.EngineTexts.TEXTS;

import static org.openikfz.api.application.ApplicationException.Reason.UNAVAILABLE;
import static org.openikfz.api.application.ApplicationException.Reason.WRONG_STATE;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.openikfz.api.application.ApplicationException;
import org.openikfz.api.application.ApplicationRef;
import org.openikfz.api.application.ApplicationStatus;
import org.openikfz.api.connector.ConnectorUnavailableException;
import org.openikfz.api.connector.PaymentCancellation;
import org.openikfz.api.connector.PaymentProvider;
import org.openikfz.api.connector.TransferTarget;
import org.openikfz.api.dialog.Answers;
import org.openikfz.api.procedure.DecisionPolicy;
import org.openikfz.api.procedure.Output;
import org.openikfz.api.procedure.Procedure;
import org.openikfz.api.procedure.ProcedureDescription;
import org.openikfz.core.internal.dialog.DialogRules;
import org.openikfz.core.internal.lifecycle.CaseState;
import org.openikfz.core.internal.lifecycle.CaseHolds;
import org.openikfz.core.internal.lifecycle.Cases;
import org.openikfz.store.api.AuditEntry;
import org.openikfz.store.api.Case;
import org.openikfz.store.api.CaseDecision;
import org.openikfz.store.api.CaseFile;
import org.openikfz.store.api.DecisionRecord;

/**
 * FZV § 20(5): the fees are paid before the application is submitted; then the automated decision
 * (FZV § 19(1), § 23) or, by the procedure's policy, the clerks. Only for the answers the clear
 * verification checked, and only once.
 */
final class PaymentFlow {

    private static final System.Logger LOG = System.getLogger(PaymentFlow.class.getName());
    private final Core core;

    PaymentFlow(Core core) {
        this.core = core;
    }

    /**
     * The page to pay the fees on. One payment at a time (FZV § 20(5): the fees once): while the payment started last is
     * open, its page again (a closed tab, a double click, a client that retries), not a second payment; once it is paid,
     * none (the applicant submits). A new one only when there is none, or the last one failed or was for another amount.
     */
    URI startPayment(ApplicationRef ref, URI returnTo) {
        CaseFile file = core.authenticate(ref);
        Case c = file.state();
        // FZV § 20(5): the fees before the application, also of one the clerks will decide
        Core.requireState(c, CaseState.AWAITING_PAYMENT, CaseState.NOT_DECIDABLE);
        URI back = core.access.returnAddress(returnTo);
        requireVerifiedAnswers(file);
        PaymentProvider provider = paymentProvider();
        BigDecimal total = c.feeTotal() == null ? BigDecimal.ZERO : c.feeTotal();
        try {
            Optional<URI> started = startedPayment(provider, file, total);
            if (started.isPresent()) {
                return started.get();
            }
            PaymentProvider.Session session = provider.start(c.id(), total, back);
            try {
                core.store.inTransaction(s -> {
                    Cases.change(s, c, x -> x.withPayment(session.paymentId(), null).withDueAt(core.now().plus(core.idleTimeout)),
                            Map.of(DialogRules.PAYMENT_PAGE, session.paymentPage().toString(), DialogRules.PAYMENT_AMOUNT, total.toPlainString()));
                    s.appendAudit(c.id(), "PAYMENT_STARTED", "amount=" + total);
                    return null;
                });
            } catch (ApplicationException moved) {
                // another request changed the case meanwhile: when it started a payment (the same click twice), its page
                // is the one to pay. This request's session was shown to no one and the case does not know it: cancelled,
                // so that no page of it takes money the application would never see
                cancelUnused(provider, c, session.paymentId());
                return startedPayment(provider, core.authenticate(ref), total).orElseThrow(() -> moved);
            }
            return session.paymentPage();
        } catch (ConnectorUnavailableException e) {
            throw paymentUnavailable();
        }
    }

    /**
     * The page of the payment started last when it is still open and for this amount; refused when it is paid
     * already (the application is to be submitted, not paid again).
     */
    private static Optional<URI> startedPayment(PaymentProvider provider, CaseFile file, BigDecimal total) throws ConnectorUnavailableException {
        Case c = file.state();
        if (c.paymentId() == null) {
            return Optional.empty();
        }
        PaymentProvider.Status status = provider.status(c.paymentId());
        if (status == PaymentProvider.Status.PAID) {
            throw new ApplicationException(WRONG_STATE, TEXTS.get("paymentFlow.you-have-already-paid-the"));
        }
        String page = file.data().get(DialogRules.PAYMENT_PAGE);
        if (status == PaymentProvider.Status.OPEN && page != null && total.toPlainString().equals(file.data().get(DialogRules.PAYMENT_AMOUNT))) {
            return Optional.of(URI.create(page));
        }
        return Optional.empty();
    }

    /**
     * Whether the fees of this case are paid: recorded with the decision, or (before it) the provider says the payment
     * started last is; false while the provider cannot be asked.
     */
    boolean paid(Case c) {
        if (c.paidAt() != null) {
            return true;
        }
        CaseState state = CaseState.of(c.state());
        if (c.paymentId() == null || (state != CaseState.AWAITING_PAYMENT && state != CaseState.NOT_DECIDABLE)) {
            return false;
        }
        PaymentProvider provider = core.payment.get();
        try {
            // a read: the provider's answer of a moment ago will do (submitting asks it anew)
            return provider != null && core.paymentLookups.status(provider, c.paymentId(), core.now()) == PaymentProvider.Status.PAID;
        } catch (ConnectorUnavailableException e) {
            return false;
        }
    }

    ApplicationStatus submit(ApplicationRef ref) {
        CaseFile file = core.authenticate(ref);
        Core.requireState(file.state(), CaseState.AWAITING_PAYMENT, CaseState.NOT_DECIDABLE);
        String paymentId = Optional.ofNullable(file.state().paymentId()).orElseThrow(() -> new ApplicationException(WRONG_STATE,
                TEXTS.get("paymentFlow.please-pay-the-fees-first")));
        PaymentProvider.Status paid;
        try {
            paid = paymentProvider().status(paymentId);
        } catch (ConnectorUnavailableException e) {
            throw paymentUnavailable();
        }
        if (paid != PaymentProvider.Status.PAID) {
            throw new ApplicationException(WRONG_STATE, TEXTS.get("paymentFlow.the-payment-has-not-arrived"));
        }
        return new DialogFlow(core).status(decide(file), ref);
    }

    /** The paid application decided: automatically, or sent to the clerks by the procedure's policy. Once (compare and set). */
    CaseFile decide(CaseFile file) {
        Case c = file.state();
        requireVerifiedAnswers(file);
        Procedure procedure = core.procedure(c);
        ProcedureDescription description = procedure.description();
        Map<String, String> data = file.data();
        Answers answers = Core.answers(description, data);
        UUID id = c.id();
        Instant now = core.now();
        String paymentId = c.paymentId();
        // the machine could not decide it (FZV § 19(1) S. 4): applied for anyway, the clerks decide
        String notDecidable = CaseState.of(c.state()) == CaseState.NOT_DECIDABLE
                ? data.getOrDefault(DialogRules.NOT_DECIDABLE_REASONS, "not decidable by machine") : null;
        if (notDecidable == null && procedure.decisionPolicy(answers) == DecisionPolicy.AUTOMATED) {
            boolean provisional = core.outputs(procedure, c, data).contains(Output.PROVISIONAL_REGISTRATION_PROOF);
            Optional<String> plate = DialogRules.decidedPlate(description, answers, DialogRules.factsOf(data));
            // FZV § 23(3): under the Vorbehalt der Nachprüfung; a share is drawn at random for review
            boolean drawn = core.sampling.draw();
            Case decided = core.store.inTransaction(s -> {
                String reference = core.reference(s, c);
                Instant until = now.plus(Core.DOCUMENT_WINDOW);
                Case next = Cases.move(s, c, CaseState.DECIDED, x -> x.withPayment(paymentId, now)
                        .withDecision(new CaseDecision(reference, true, true, now, until, null, null, null, null)).withDueAt(until),
                        plate.map(k -> Map.of(DialogRules.DECIDED_PLATE, k)).orElse(Map.of()));
                s.recordDecision(new DecisionRecord(id, c.procedureId(), c.authorityId(), reference, core.registry.version(procedure), now, null,
                        drawn ? "OPEN" : "NONE", drawn ? "RANDOM" : null, drawn ? now : null, null, null, null));
                List<AuditEntry> events = new java.util.ArrayList<>(List.of(new AuditEntry(id, "PAID", "payment=" + paymentId),
                        new AuditEntry(id, "DECIDED", "reference=" + reference + ";decidedAt=" + now + ";offeredUntil=" + until
                                + ";provisional=" + provisional)));
                if (drawn) {
                    events.add(new AuditEntry(id, "REVIEW_DRAWN", "by=RANDOM;rate=" + core.sampling.rate()));
                }
                s.appendAudit(events);
                Confirmations.submitted(core, s, next, data, reference, true);
                return next;
            });
            core.observations.decision(c.procedureId(), org.openikfz.core.internal.operations.Observations.DecidedBy.AUTOMATED, true);
            Map<String, String> after = new java.util.HashMap<>(data);
            plate.ifPresent(k -> after.put(DialogRules.DECIDED_PLATE, k));
            return new CaseFile(decided, after);
        }
        // the back office's case file recognises this reason (ClerkDesk.MANUAL_POLICY) and says it in German
        String reason = notDecidable == null ? "decision policy MANUAL" : notDecidable;
        Case manual = core.store.inTransaction(s -> {
            Case next = Cases.move(s, c, CaseState.MANUAL_REVIEW, x -> x.withPayment(paymentId, now).withDueAt(null));
            s.removeData(id, DialogRules.secretFields(description));
            s.enqueue(id, TransferTarget.FACHVERFAHREN, core.transferPayload(next, description, answers, DialogRules.factsOf(data),
                    DialogRules.identityOf(data).orElse(null), null, Map.of("manualReview", true, "reason", reason)));
            s.appendAudit(List.of(new AuditEntry(id, "PAID", "payment=" + paymentId), new AuditEntry(id, "MANUAL", reason)));
            Confirmations.submitted(core, s, next, data, c.reference(), false);
            return next;
        });
        return new CaseFile(manual, data);
    }

    /**
     * The applicant withdraws the application before submitting it: aborted, the codes gone at once and the
     * dialog data within 30 minutes (FZV § 19(1) S. 6). Once the fees are paid, submitting is what is left.
     */
    ApplicationStatus withdraw(ApplicationRef ref) {
        CaseFile file = core.authenticate(ref);
        Case c = file.state();
        Core.requireState(c, CaseState.DIALOG, CaseState.AWAITING_PAYMENT, CaseState.NOT_DECIDABLE);
        if (c.paymentId() != null) {
            PaymentProvider.Status paid;
            try {
                paid = cancelled(paymentProvider(), c.paymentId());
            } catch (ConnectorUnavailableException e) {
                throw paymentUnavailable();
            }
            if (paid == PaymentProvider.Status.PAID) {
                throw new ApplicationException(WRONG_STATE, TEXTS.get("paymentFlow.you-have-already-paid-the"));
            }
        }
        ProcedureDescription description = core.procedure(c).description();
        List<String> secrets = DialogRules.secretFields(description);
        Case withdrawn;
        try (CaseHolds.Held held = core.holds.change(c.id())) { // not while a verification holds it
            withdrawn = core.store.inTransaction(s -> {
                Case next = Cases.move(s, c, CaseState.ABORTED, x -> x.withLeaseUntil(null).withDueAt(core.now().plus(Core.ABORTED_RETENTION)));
                s.changeData(c.id(), Map.of(DialogRules.WITHDRAWN, "true"), secrets);
                s.appendAudit(c.id(), "WITHDRAWN", "by=applicant");
                PlateRelease.queue(s, next, description, file.data());
                return next;
            });
        }
        Map<String, String> after = new java.util.HashMap<>(file.data());
        secrets.forEach(after::remove);
        after.put(DialogRules.WITHDRAWN, "true");
        return new DialogFlow(core).status(new CaseFile(withdrawn, after), ref);
    }

    /**
     * The payment of an application that ends unpaid (withdrawn, abandoned) cancelled when the provider can, in one step
     * with a payment at that moment, so that its page takes no money for an application that no longer exists.
     *
     * @return the state afterwards: PAID when it was paid (the application is not to end then), else not payable any more
     *         (or, with a provider that cannot cancel, as it is)
     */
    static PaymentProvider.Status cancelled(PaymentProvider provider, String paymentId) throws ConnectorUnavailableException {
        return provider instanceof PaymentCancellation cancellation ? cancellation.cancel(paymentId) : provider.status(paymentId);
    }

    /** A payment session no case keeps, cancelled where the provider can; if it cannot now, the session lapses at the provider. */
    private static void cancelUnused(PaymentProvider provider, Case c, String paymentId) {
        if (!(provider instanceof PaymentCancellation cancellation)) {
            return;
        }
        try {
            cancellation.cancel(paymentId);
        } catch (ConnectorUnavailableException | RuntimeException e) {
            LOG.log(System.Logger.Level.INFO, "an unused payment session of application " + c.id() + " could not be cancelled ("
                    + e.getMessage() + "); it lapses at the provider unpaid");
        }
    }

    /** Payment and decision only for the answers the clear verification checked. */
    private void requireVerifiedAnswers(CaseFile file) {
        Procedure procedure = core.procedure(file.state());
        ProcedureDescription description = procedure.description();
        String now = DialogRules.answersHash(DialogRules.withoutSecrets(description, Core.answers(description, file.data())));
        if (!now.equals(file.state().verifiedHash())) {
            throw new ApplicationException(WRONG_STATE, TEXTS.get("paymentFlow.your-entries-changed-since-they"));
        }
    }

    private PaymentProvider paymentProvider() {
        PaymentProvider provider = core.payment.get();
        if (provider == null) {
            throw paymentUnavailable();
        }
        return provider;
    }

    private static ApplicationException paymentUnavailable() {
        return new ApplicationException(UNAVAILABLE, TEXTS.get("paymentFlow.payment-is-not-possible-right"));
    }
}
