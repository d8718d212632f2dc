package org.openikfz.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openikfz.store.api.ApplicationStore;
import org.openikfz.api.application.ApplicationException;
import org.openikfz.api.application.ApplicationRef;
import org.openikfz.api.application.ApplicationState;
import org.openikfz.api.application.ApplicationStatus;
import org.openikfz.api.application.DocumentKind;
import org.openikfz.api.check.Check;
import org.openikfz.api.check.CheckContext;
import org.openikfz.api.check.CheckId;
import org.openikfz.api.check.CheckResult;
import org.openikfz.api.check.Finding;
import org.openikfz.api.connector.PaymentProvider;
import org.openikfz.api.connector.TransferMessage;
import org.openikfz.api.connector.TransferTarget;
import org.openikfz.api.dialog.Dialog;
import org.openikfz.api.dialog.DialogStep;
import org.openikfz.api.dialog.Field;
import org.openikfz.api.dialog.FieldType;
import org.openikfz.api.fee.FeeRule;
import org.openikfz.api.procedure.Applicant;
import org.openikfz.api.procedure.DecisionPolicy;
import org.openikfz.api.procedure.Identification;
import org.openikfz.api.procedure.LegalBasis;
import org.openikfz.api.procedure.Procedure;
import org.openikfz.api.procedure.ProcedureDescription;
import org.openikfz.api.procedure.ProcedureId;
import org.openikfz.api.text.LocalizedText;
import org.openikfz.api.value.Land;
import org.openikfz.core.internal.access.Access;
import org.openikfz.core.internal.verification.Admission;
import org.openikfz.core.internal.verification.Pipeline;

/**
 * The shared rules of FZV §§ 19–23 as the engine's units apply them, without the framework: an
 * in-memory store, a clock the test moves, a procedure with one security code and one check the test
 * steers, a payment provider and transfer targets of its own.
 */
class FlowsTest {

    /** The address of the client that looks up a status (the tests' citizen). */
    private static final String CITIZEN = "203.0.113.7";

    private static final ProcedureId PROCEDURE = new ProcedureId("abmeldungtest");
    private static final CheckId CHECK = new CheckId("test.register");

    private final Moved clock = new Moved(Instant.parse("2026-12-05T10:00:00Z"));
    private final InMemoryStore store = new InMemoryStore(clock, sharedBetweenProcesses());
    private final Registry registry = new Registry();
    /** The test procedure's days from mailing to effect (FZV § 23(2): 3; an Außerbetriebsetzung: 0). */
    private final java.util.concurrent.atomic.AtomicInteger mailedEffectDays = new java.util.concurrent.atomic.AtomicInteger(3);
    private final Procedure procedure = new TestProcedure(mailedEffectDays);
    /** What the check answers next: clear, opposed (a finding on the code) or failed. */
    private final AtomicReference<CheckResult> register = new AtomicReference<>(new CheckResult.Clear(Map.of("fin", "WVW1")));
    /** When set, the check answers through this (a register that takes its time). */
    private final AtomicReference<java.util.concurrent.Callable<CheckResult>> slowRegister = new AtomicReference<>();
    private final Map<String, PaymentProvider.Status> payments = new java.util.concurrent.ConcurrentHashMap<>();
    /** The payments the provider was asked to start, in order. */
    private final List<String> started = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** When set, a start waits here (two requests inside the provider at the same time). */
    private final AtomicReference<java.util.concurrent.CyclicBarrier> startGate = new AtomicReference<>();
    private final java.util.concurrent.atomic.AtomicBoolean paymentDown = new java.util.concurrent.atomic.AtomicBoolean();
    /** How often the provider was asked for a payment's state. */
    private final java.util.concurrent.atomic.AtomicInteger statusAsked = new java.util.concurrent.atomic.AtomicInteger();
    // the senders of the destinations deliver at once
    private final List<TransferMessage> delivered = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final Pipeline pipeline = Pipeline.withThreads(2, Duration.ofSeconds(5));
    /** One verification at a time; five opposed per vehicle and hour. */
    private final Admission admission = new Admission(1, 5, Duration.ofHours(1));
    private final Core core;
    private final DialogFlow dialog;
    private final VerificationFlow verification;
    private final PaymentFlow payment;
    private final Documents documents;
    private final Background background;

    /**
     * Whether the store is one other processes write too (PostgreSQL: the verification writes its lease into the case);
     * {@link SingleProcessFlowsTest} runs every flow again on a store only this process writes (the embedded H2).
     */
    boolean sharedBetweenProcesses() {
        return true;
    }

    FlowsTest() {
        class Provider implements PaymentProvider, org.openikfz.api.connector.PaymentCancellation {
            @Override
            public Session start(UUID applicationId, BigDecimal amount, URI returnTo) {
                java.util.concurrent.CyclicBarrier gate = startGate.get();
                if (gate != null) {
                    try {
                        gate.await(10, java.util.concurrent.TimeUnit.SECONDS);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }
                // a provider's ids: one per payment, never the same twice
                String id;
                synchronized (started) {
                    id = "pay-" + applicationId + "-" + started.size();
                    started.add(id);
                }
                payments.put(id, PaymentProvider.Status.OPEN);
                return new Session(id, URI.create("https://pay.example/" + id));
            }

            @Override
            public Status status(String paymentId) throws org.openikfz.api.connector.ConnectorUnavailableException {
                statusAsked.incrementAndGet();
                if (paymentDown.get()) {
                    throw new org.openikfz.api.connector.ConnectorUnavailableException("payment provider down");
                }
                return payments.getOrDefault(paymentId, Status.FAILED);
            }

            @Override
            public Status cancel(String paymentId) throws org.openikfz.api.connector.ConnectorUnavailableException {
                status(paymentId); // down is down
                return payments.computeIfPresent(paymentId, (k, v) -> v == Status.OPEN ? Status.FAILED : v) == Status.PAID ? Status.PAID
                        : Status.FAILED;
            }
        }
        PaymentProvider provider = new Provider();
        TransferTarget target = new TransferTarget() {
            @Override
            public String destination() {
                return "any";
            }

            @Override
            public void deliver(TransferMessage message) {
                delivered.add(message);
            }
        };
        registry.add(procedure, Map.of());
        registry.add(new Check() {
            @Override
            public CheckId id() {
                return CHECK;
            }

            @Override
            public CheckResult check(CheckContext context) {
                java.util.concurrent.Callable<CheckResult> slow = slowRegister.get();
                if (slow != null) {
                    try {
                        return slow.call();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }
                return register.get();
            }
        }, Map.of());
        SecureRandom random = new SecureRandom();
        core = new Core(store, () -> clock, registry, new Access(random, "ERZ", List.of(URI.create("https://portal.example"))),
                Letterhead.of("Landratsamt Erzgebirgskreis", ""), Land.of("SN"), FeeTable.bundled(), DatedSettings.bundled(), new ReviewSampling(0.0, random),
                Duration.ofMinutes(30), () -> provider, () -> null, java.util.Set.of());
        dialog = new DialogFlow(core);
        verification = new VerificationFlow(core, pipeline, admission);
        payment = new PaymentFlow(core);
        documents = new Documents(core);
        background = new Background(core, destination -> target, payment);
    }

    @AfterEach
    void stop() {
        pipeline.close();
    }

    // FZV § 20(5): fees are paid before the application is submitted; the decision follows at once
    @Test
    void a_procedure_the_district_does_not_offer_cannot_be_opened() {
        Core zwickau = new Core(core.store, core.clock, core.registry, core.access, Letterhead.of("Landratsamt Zwickau", ""), Land.of("SN"),
                FeeTable.bundled(), DatedSettings.bundled(), core.sampling, Duration.ofMinutes(30), core.payment, core.identity,
                Set.of("umschreibung"));
        ApplicationException refused = assertThrows(ApplicationException.class, () -> new DialogFlow(zwickau).open(PROCEDURE, null));
        assertEquals(ApplicationException.Reason.INVALID, refused.reason());
        assertTrue(refused.getMessage(java.util.Locale.GERMAN).contains("nicht online an"), refused.getMessage(java.util.Locale.GERMAN));
        // the same procedure where the district offers it
        assertTrue(dialog.open(PROCEDURE, null) != null);
    }

    @Test
    void fees_are_paid_before_the_automated_decision() {
        ApplicationRef ref = verified();
        ApplicationException unpaid = assertThrows(ApplicationException.class, () -> payment.submit(ref));
        assertEquals(ApplicationException.Reason.WRONG_STATE, unpaid.reason());
        pay(ref);
        ApplicationStatus decided = payment.submit(ref);
        assertEquals(ApplicationState.DECIDED, decided.state());
        assertTrue(decided.decision().reference().matches("ERZ-\\d{4}-\\d{8}"), decided.decision().reference());
        // once: a second submission does not decide again
        assertThrows(ApplicationException.class, () -> payment.submit(ref));
        assertEquals(1, store.auditTypes(ref.id()).stream().filter("DECIDED"::equals).count());
    }

    // FZV § 20(4): after a clear verification nothing can be changed; the payment is for exactly those answers
    @Test
    void answers_cannot_change_after_the_verification() {
        ApplicationRef ref = verified();
        ApplicationException refused = assertThrows(ApplicationException.class, () -> dialog.answer(ref, Map.of("kennzeichen", "ERZ-X 2")));
        assertEquals(ApplicationException.Reason.WRONG_STATE, refused.reason());
        assertEquals("ERZ-AB 1", store.getData(ref.id()).get("kennzeichen"));
    }

    // FZV § 21, § 19(1) S. 6: the security code is gone once it served its purpose
    @Test
    void the_security_code_is_deleted_when_verified() {
        ApplicationRef ref = verified();
        assertFalse(store.getData(ref.id()).containsKey("zb1Code"));
    }

    // FZV § 20(4): opposed three times after the first verification — aborted, the codes deleted
    @Test
    void three_corrections_then_aborted() {
        ApplicationRef ref = answered();
        register.set(new CheckResult.Opposed(List.of(new Finding("zb1Code", LocalizedText.of("falsch", "wrong")))));
        assertEquals(3, verification.verify(ref).correctionsLeft());
        for (int left = 2; left >= 0; left--) {
            dialog.answer(ref, Map.of("zb1Code", "Ab3De4" + "GHJ".charAt(left)));
            ApplicationStatus status = verification.verify(ref);
            assertEquals(left, status.correctionsLeft());
        }
        assertEquals("ABORTED", store.findCase(ref.id()).orElseThrow().state());
        assertFalse(store.getData(ref.id()).containsKey("zb1Code"));
    }

    // FZV § 20(4) S. 3: after an opposing result the answers are corrected, then verified again. The same answers again
    // (a second click, a retry, the same answers sent once more) are refused: no correction used, no register asked
    @Test
    void unchanged_answers_are_not_verified_again_after_an_opposing_result() {
        ApplicationRef ref = answered();
        java.util.concurrent.atomic.AtomicInteger asked = new java.util.concurrent.atomic.AtomicInteger();
        slowRegister.set(() -> {
            asked.incrementAndGet();
            return new CheckResult.Opposed(List.of(new Finding("zb1Code", LocalizedText.of("falsch", "wrong"))));
        });
        assertEquals(3, verification.verify(ref).correctionsLeft());
        ApplicationException again = assertThrows(ApplicationException.class, () -> verification.verify(ref));
        assertEquals(ApplicationException.Reason.WRONG_STATE, again.reason());
        assertTrue(again.getMessage().contains("unverändert"), again.getMessage());
        dialog.answer(ref, Map.of("kennzeichen", "ERZ-AB 1", "zb1Code", "Ab3De4F"));
        assertThrows(ApplicationException.class, () -> verification.verify(ref), "the same answers sent again change nothing");
        assertEquals(1, asked.get(), "the register was asked once");
        assertEquals(3, dialog.status(ref).correctionsLeft());

        dialog.answer(ref, Map.of("zb1Code", "Ab3De4G"));
        assertEquals(2, verification.verify(ref).correctionsLeft(), "a changed answer is a correction");
        slowRegister.set(null);
        dialog.answer(ref, Map.of("zb1Code", "Ab3De4F"));
        assertEquals(ApplicationState.AWAITING_PAYMENT, verification.verify(ref).state());
        assertEquals(2, asked.get(), "asked for the correction only");
    }

    @Test
    void a_vehicle_whose_codes_were_tried_too_often_waits_whatever_the_application() {
        register.set(new CheckResult.Opposed(List.of(new Finding("kennzeichen", LocalizedText.of("passt nicht", "no match")))));
        for (int i = 0; i < 5; i++) {
            verification.verify(answered("ERZ-AB 1"));
        }
        ApplicationRef sixth = answered("ERZ-AB 1");
        ApplicationException refused = assertThrows(ApplicationException.class, () -> verification.verify(sixth));
        assertEquals(ApplicationException.Reason.TOO_MANY_REQUESTS, refused.reason());
        assertEquals(java.util.Optional.of(Duration.ofHours(1)), refused.retryAfter());
        assertTrue(refused.getMessage(java.util.Locale.GERMAN).contains("60 Minuten"), refused.getMessage(java.util.Locale.GERMAN));
        ApplicationStatus untouched = dialog.status(sixth);
        assertEquals(ApplicationState.DIALOG, untouched.state());
        assertEquals(3, untouched.correctionsLeft());
        // written differently, the same plate
        ApplicationRef respelled = dialog.open(PROCEDURE, null);
        dialog.answer(respelled, Map.of("kennzeichen", "erz-ab 1", "zb1Code", "Ab3De4F"));
        assertEquals(ApplicationException.Reason.TOO_MANY_REQUESTS,
                assertThrows(ApplicationException.class, () -> verification.verify(respelled)).reason());
        // another vehicle is not affected, and an hour later this one may be verified again
        ApplicationRef other = dialog.open(PROCEDURE, null);
        dialog.answer(other, Map.of("kennzeichen", "ERZ-AB 7", "zb1Code", "Ab3De4F"));
        register.set(new CheckResult.Clear(Map.of()));
        assertEquals(ApplicationState.AWAITING_PAYMENT, verification.verify(other).state());
        clock.advance(Duration.ofHours(1));
        assertEquals(ApplicationState.AWAITING_PAYMENT, verification.verify(sixth).state());
    }

    // the bulkhead: while the register keeps the allowed number of verifications waiting, one more is refused at once,
    // without touching its application (no lease taken, no correction used)
    @Test
    void a_verification_beyond_the_bulkhead_is_refused_at_once() throws Exception {
        java.util.concurrent.CountDownLatch answer = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch inRegister = registerAnswersClearAfter(answer);
        ApplicationRef first = answered();
        ApplicationRef second = answered();
        java.util.concurrent.CompletableFuture<ApplicationStatus> running =
                java.util.concurrent.CompletableFuture.supplyAsync(() -> verification.verify(first));
        assertTrue(inRegister.await(5, java.util.concurrent.TimeUnit.SECONDS));
        ApplicationException busy = assertThrows(ApplicationException.class, () -> verification.verify(second));
        assertEquals(ApplicationException.Reason.UNAVAILABLE, busy.reason());
        assertTrue(busy.retryAfter().isPresent());
        assertEquals("DIALOG", store.findCase(second.id()).orElseThrow().state());
        assertEquals(3, dialog.status(second).correctionsLeft());
        answer.countDown();
        assertEquals(ApplicationState.AWAITING_PAYMENT, running.get(5, java.util.concurrent.TimeUnit.SECONDS).state());
        slowRegister.set(null);
        assertEquals(ApplicationState.AWAITING_PAYMENT, verification.verify(second).state(), "its turn after the first");
    }

    // FZV § 20(4): a verification is bound to the answers it checks. While it runs, nothing of the dialog changes (an
    // answer, a withdrawal, the deletion of a dialog whose idle time ends meanwhile), and it is one write of the case:
    // where no other process writes the database, the hold in memory is its lease
    @Test
    void nothing_changes_the_dialog_while_a_verification_runs() throws Exception {
        java.util.concurrent.CountDownLatch answer = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch inRegister = registerAnswersClearAfter(answer);
        ApplicationRef ref = answered("ERZ-AB 41");
        clock.advance(Duration.ofMinutes(29).plusSeconds(50)); // the idle time ends while the register answers
        long before = store.findCase(ref.id()).orElseThrow().version();
        java.util.concurrent.CompletableFuture<ApplicationStatus> running =
                java.util.concurrent.CompletableFuture.supplyAsync(() -> verification.verify(ref));
        try {
            assertTrue(inRegister.await(5, java.util.concurrent.TimeUnit.SECONDS));
            ApplicationException refused = assertThrows(ApplicationException.class, () -> dialog.answer(ref, Map.of("kennzeichen", "ERZ-AB 42")));
            assertEquals(ApplicationException.Reason.WRONG_STATE, refused.reason());
            assertTrue(refused.getMessage(java.util.Locale.GERMAN).contains("gerade geprüft"), refused.getMessage(java.util.Locale.GERMAN));
            assertEquals(ApplicationException.Reason.WRONG_STATE, assertThrows(ApplicationException.class, () -> payment.withdraw(ref)).reason());
            clock.advance(Duration.ofSeconds(20));
            background.deadlines();
        } finally {
            answer.countDown();
        }
        ApplicationStatus verified = running.get(5, java.util.concurrent.TimeUnit.SECONDS);
        assertEquals(ApplicationState.AWAITING_PAYMENT, verified.state(), "the dialog was not deleted under it");
        assertEquals(3, verified.correctionsLeft());
        assertEquals("ERZ-AB 41", dialog.status(ref).answers().get("kennzeichen"));
        assertEquals(before + (sharedBetweenProcesses() ? 2 : 1), store.findCase(ref.id()).orElseThrow().version(),
                sharedBetweenProcesses() ? "the lease and the outcome" : "the outcome only: the lease is the hold in memory");
        assertEquals(0, core.holds.size(), "every hold given back");
        assertEquals(Map.of(), dialog.answer(answered("ERZ-AB 43"), Map.of("kennzeichen", "ERZ-AB 44")), "others answer as before");
    }

    // ... and while an answer is being written no verification starts: it would check what is about to change
    @Test
    void a_verification_does_not_start_while_an_answer_is_being_written() {
        ApplicationRef ref = answered();
        java.util.concurrent.atomic.AtomicInteger asked = new java.util.concurrent.atomic.AtomicInteger();
        slowRegister.set(() -> {
            asked.incrementAndGet();
            return new CheckResult.Clear(Map.of());
        });
        long before = store.findCase(ref.id()).orElseThrow().version();
        try (org.openikfz.core.internal.lifecycle.CaseHolds.Held writing = core.holds.change(ref.id())) {
            ApplicationException refused = assertThrows(ApplicationException.class, () -> verification.verify(ref));
            assertEquals(ApplicationException.Reason.WRONG_STATE, refused.reason());
            assertTrue(refused.getMessage(java.util.Locale.GERMAN).contains("gespeichert"), refused.getMessage(java.util.Locale.GERMAN));
        }
        assertEquals(0, asked.get(), "the register was not asked");
        assertEquals(before, store.findCase(ref.id()).orElseThrow().version(), "the case untouched");
        assertEquals(3, dialog.status(ref).correctionsLeft());
        assertEquals(ApplicationState.AWAITING_PAYMENT, verification.verify(ref).state(), "once the answer is written");
    }

    // FZV § 19(1) S. 4 with the 2019 memo on § 15h(1) S. 3: a check that cannot answer is never a silent pass; the
    // applicant chooses to apply anyway (fees first, § 20(5)) — then the clerks decide — or to withdraw
    @Test
    void a_failing_check_lets_the_applicant_apply_to_the_clerks_after_paying() {
        ApplicationRef ref = answered();
        register.set(new CheckResult.Failed("register unavailable"));
        ApplicationStatus notDecidable = verification.verify(ref);
        assertEquals(ApplicationState.NOT_DECIDABLE, notDecidable.state());
        assertTrue(notDecidable.next().get(java.util.Locale.GERMAN).contains("zurück"), "the choice is offered");
        assertFalse(notDecidable.fees().isEmpty(), "the fees of the application (§ 20(5))");
        assertFalse(store.getData(ref.id()).containsKey("zb1Code"));
        assertEquals(List.of(), store.outboxOf(ref.id()), "nothing goes to the authority before the applicant applies");
        assertThrows(ApplicationException.class, () -> payment.submit(ref), "not without paying");

        pay(ref);
        assertEquals(ApplicationState.MANUAL_REVIEW, payment.submit(ref).state());
        assertEquals(List.of(TransferTarget.FACHVERFAHREN), store.outboxOf(ref.id()).stream().map(m -> m.destination()).toList());
        assertTrue(store.outboxOf(ref.id()).get(0).payload().contains("register unavailable"), "the clerks learn why");
    }

    // FZV § 19(1) S. 4: the clerk's decision stands although the case moved on to WITH_CLERKS (its transfer to the
    // Fachverfahren delivered) between the decision's reading of the case and its transaction
    @Test
    void a_clerk_decides_a_case_that_moved_on_meanwhile() {
        ApplicationRef ref = answered();
        register.set(new CheckResult.Failed("register unavailable"));
        verification.verify(ref);
        pay(ref);
        assertEquals(ApplicationState.MANUAL_REVIEW, payment.submit(ref).state());
        store.afterNextRead(() -> org.openikfz.core.internal.lifecycle.Cases.tryMove(store, store.findCase(ref.id()).orElseThrow(),
                org.openikfz.core.internal.lifecycle.CaseState.WITH_CLERKS, x -> x).orElseThrow());
        ClerkDecisions clerks = new ClerkDecisions(core, 7);
        assertTrue(clerks.decide(ref.id(), true, "Angaben mit dem Register abgeglichen", "anna", "Anna Schmidt", ERIKA));
        assertEquals("CLERK_DECIDED", store.findCase(ref.id()).orElseThrow().state());
        assertFalse(clerks.decide(ref.id(), false, "doch nicht", "anna", "Anna Schmidt", ERIKA), "decided once");
    }

    private static final org.openikfz.api.connector.Holder ERIKA = new org.openikfz.api.connector.Holder("Erika Mustermann",
            "Hauptstraße 1", "09456", "Annaberg-Buchholz", null);

    // FZV § 23(1) S. 3: a clerk's decision is mailed in writing. A case whose applicant was not identified and whose register
    // could not be asked knows no address: the clerk must give one (complete), and the letter and the PDF name it
    @Test
    void a_clerks_letter_never_goes_without_an_addressee() throws Exception {
        ApplicationRef ref = answered();
        register.set(new CheckResult.Failed("register unavailable"));
        verification.verify(ref);
        pay(ref);
        assertEquals(ApplicationState.MANUAL_REVIEW, payment.submit(ref).state());
        ClerkDecisions clerks = new ClerkDecisions(core, 7);
        assertEquals(java.util.Optional.empty(), clerks.addressee(ref.id()), "neither identified nor known to the register");

        ApplicationException none = assertThrows(ApplicationException.class,
                () -> clerks.decide(ref.id(), true, "Angaben mit dem Register abgeglichen", "anna", "Anna Schmidt", null));
        assertEquals(ApplicationException.Reason.INVALID, none.reason());
        assertTrue(none.text().get(java.util.Locale.GERMAN).contains("Anschrift"), none.text().get(java.util.Locale.GERMAN));
        ApplicationException incomplete = assertThrows(ApplicationException.class, () -> clerks.decide(ref.id(), true,
                "Angaben mit dem Register abgeglichen", "anna", "Anna Schmidt",
                new org.openikfz.api.connector.Holder("Erika Mustermann", "Hauptstraße 1", "0945", "Annaberg-Buchholz", null)));
        assertEquals(ApplicationException.Reason.INVALID, incomplete.reason());
        assertEquals("MANUAL_REVIEW", store.findCase(ref.id()).orElseThrow().state(), "nothing decided");
        assertEquals(List.of(TransferTarget.FACHVERFAHREN), store.outboxOf(ref.id()).stream().map(m -> m.destination()).toList());

        assertTrue(clerks.decide(ref.id(), true, "Angaben mit dem Register abgeglichen", "anna", "Anna Schmidt",
                new org.openikfz.api.connector.Holder("  Erika Mustermann ", "Hauptstraße 1", " 09456", "Annaberg-Buchholz", null)));
        String letter = store.outboxOf(ref.id()).stream().filter(m -> m.destination().equals(TransferTarget.POST)).findFirst()
                .orElseThrow().payload();
        assertTrue(letter.contains("\"recipient\":{\"name\":\"Erika Mustermann\",\"street\":\"Hauptstraße 1\",\"postalCode\":\"09456\"")
                && letter.contains("clerk-decision"), letter);
        String transfer = store.outboxOf(ref.id()).stream().filter(m -> m.destination().equals(TransferTarget.FACHVERFAHREN))
                .reduce((first, second) -> second).orElseThrow().payload();
        assertTrue(transfer.contains("\"addressee\":{\"name\":\"Erika Mustermann\""), "the Fachverfahren learns it too: " + transfer);
        try (var pdf = org.apache.pdfbox.Loader.loadPDF(clerks.letter(ref.id()).orElseThrow())) {
            String text = new org.apache.pdfbox.text.PDFTextStripper().getText(pdf);
            assertTrue(text.contains("Erika Mustermann") && text.contains("09456 Annaberg-Buchholz"), text);
            // where to object, whatever the authority's name's article ("bei der Landratsamt" was wrong)
            assertTrue(text.contains("zur Niederschrift bei:\nLandratsamt Erzgebirgskreis"), text);
            assertFalse(text.contains("bei der Landratsamt"), text);
        }
    }

    @Test
    void an_application_the_machine_cannot_decide_can_be_withdrawn_until_it_is_paid() {
        register.set(new CheckResult.Failed("register unavailable"));
        ApplicationRef withdrawn = answered();
        verification.verify(withdrawn);
        ApplicationStatus status = payment.withdraw(withdrawn);
        assertEquals(ApplicationState.ABORTED, status.state());
        assertTrue(status.next().get(java.util.Locale.GERMAN).contains("zurückgezogen"));
        assertEquals(List.of(), store.outboxOf(withdrawn.id()));
        clock.advance(Duration.ofMinutes(31));
        background.deadlines();
        assertEquals(Map.of(), store.getData(withdrawn.id()), "deleted within 30 minutes (§ 19(1) S. 6)");

        ApplicationRef paid = answered();
        verification.verify(paid);
        pay(paid);
        ApplicationException refused = assertThrows(ApplicationException.class, () -> payment.withdraw(paid));
        assertTrue(refused.getMessage(java.util.Locale.GERMAN).contains("bezahlt"));
        assertEquals(ApplicationState.MANUAL_REVIEW, payment.submit(paid).state());
        assertThrows(ApplicationException.class, () -> payment.withdraw(paid), "with the clerks: too late to withdraw");
    }

    // FZV § 19(1) S. 6: an abandoned dialog and an unpaid verified application lose their data after the idle time
    @Test
    void abandoned_dialogs_are_deleted_after_the_idle_time() {
        ApplicationRef abandoned = answered();
        ApplicationRef unpaid = verified();
        clock.advance(Duration.ofMinutes(29));
        background.deadlines();
        assertEquals("Ab3De4F", store.getData(abandoned.id()).get("zb1Code"));
        assertEquals("DIALOG", store.findCase(abandoned.id()).orElseThrow().state());

        clock.advance(Duration.ofMinutes(2));
        background.deadlines();
        for (ApplicationRef ref : List.of(abandoned, unpaid)) {
            assertEquals(Map.of(), store.getData(ref.id()));
            assertEquals("ABORTED_DELETED", store.findCase(ref.id()).orElseThrow().state());
            assertTrue(store.auditTypes(ref.id()).contains("DATA_DELETED"));
        }
    }

    // a plate held for an application that ends without a registration (withdrawn, aborted after the third correction,
    // deleted as abandoned, refused by a clerk) is given back: the Fachverfahren, which allocates plates, is told in the same transaction.
    // Not for a procedure without plates, not for an application without answers, and once per application
    @Test
    void an_application_that_ends_without_a_registration_gives_its_plate_back() {
        ProcedureId withPlates = new ProcedureId("zulassungtest");
        registry.add(new TestProcedure(mailedEffectDays, DecisionPolicy.AUTOMATED, withPlates, List.of(CHECK, CheckId.KENNZEICHEN_ZUTEILUNG)),
                Map.of());
        registry.add(new Check() {
            @Override
            public CheckId id() {
                return CheckId.KENNZEICHEN_ZUTEILUNG;
            }

            @Override
            public CheckResult check(CheckContext context) {
                return new CheckResult.Clear(Map.of("kennzeichen.zugeteilt", "ERZ-WK 42"));
            }

            @Override
            public Set<org.openikfz.api.check.FactKey<?>> produces() {
                return Set.of(org.openikfz.api.check.Facts.KENNZEICHEN_ZUGETEILT);
            }
        }, Map.of());
        java.util.function.Function<String, ApplicationRef> answeredWithPlates = plate -> {
            ApplicationRef ref = dialog.open(withPlates, null);
            assertEquals(Map.of(), dialog.answer(ref, Map.of("kennzeichen", plate, "zb1Code", "Ab3De4F")));
            return ref;
        };
        ApplicationRef withdrawn = answeredWithPlates.apply("ERZ-AB 301");
        ApplicationRef abandoned = answeredWithPlates.apply("ERZ-AB 302");
        ApplicationRef aborted = answeredWithPlates.apply("ERZ-AB 303");
        ApplicationRef refused = answeredWithPlates.apply("ERZ-AB 304");
        ApplicationRef approved = answeredWithPlates.apply("ERZ-AB 305");
        ApplicationRef empty = dialog.open(withPlates, null);
        ApplicationRef noPlates = answered();
        ApplicationRef registered = answeredWithPlates.apply("ERZ-AB 306");
        payment.withdraw(withdrawn);
        payment.withdraw(noPlates);
        assertEquals(ApplicationState.AWAITING_PAYMENT, verification.verify(registered).state());
        pay(registered);
        assertEquals(ApplicationState.DECIDED, payment.submit(registered).state());
        register.set(new CheckResult.Failed("register unavailable"));
        ClerkDecisions clerks = new ClerkDecisions(core, 7);
        for (ApplicationRef ref : List.of(refused, approved)) {
            verification.verify(ref);
            pay(ref);
            assertEquals(ApplicationState.MANUAL_REVIEW, payment.submit(ref).state());
        }
        assertTrue(clerks.decide(refused.id(), false, "Fahrzeug nicht zulassungsfähig", "anna", "Anna Schmidt", ERIKA));
        assertTrue(clerks.decide(approved.id(), true, "Angaben mit dem Register abgeglichen", "anna", "Anna Schmidt", ERIKA));
        register.set(CheckResult.opposed(new Finding("zb1Code", LocalizedText.of("Falsch", "Wrong"))));
        for (String code : List.of("Ab3De4F", "Xb3De4F", "Yb3De4F", "Zb3De4F")) {
            dialog.answer(aborted, Map.of("kennzeichen", "ERZ-AB 303", "zb1Code", code));
            verification.verify(aborted);
        }
        assertEquals("ABORTED", store.findCase(aborted.id()).orElseThrow().state());
        clock.advance(Duration.ofMinutes(31));
        background.deadlines(); // the abandoned dialogs are deleted
        clock.advance(Duration.ofHours(1));
        background.deadlines(); // and the aborted applications' data
        for (ApplicationRef ref : List.of(withdrawn, abandoned, aborted, refused)) {
            List<String> releases = store.outboxOf(ref.id()).stream().filter(m -> m.destination().equals(TransferTarget.FACHVERFAHREN))
                    .map(m -> m.payload()).filter(p -> p.contains(PlateRelease.KIND)).toList();
            assertEquals(1, releases.size(), ref + ": " + releases);
            assertTrue(releases.get(0).contains("\"kind\":\"kennzeichen-freigabe\"") && releases.get(0).contains(ref.id().toString())
                    && releases.get(0).contains("\"authority\":\"ERZ\""), releases.get(0));
            assertFalse(releases.get(0).contains("Ab3De4F") || releases.get(0).contains("ERZ-AB"), "no answer in it: " + releases.get(0));
        }
        assertEquals("ABORTED_DELETED", store.findCase(abandoned.id()).orElseThrow().state());
        assertTrue(store.outboxOf(approved.id()).stream().noneMatch(m -> m.payload().contains(PlateRelease.KIND)), "approved: registered with it");
        assertEquals(List.of(), store.outboxOf(empty.id()), "nothing answered, nothing held");
        assertEquals(List.of(), store.outboxOf(noPlates.id()), "a procedure without plates");

        // the registrations complete (the transferred one; the clerks' cases after their letter window): a registered
        // vehicle keeps its plate, and a refused application's plate is not given back a second time
        background.deliverOutbox();
        background.finishTransferred();
        background.deliverOutbox();
        for (ApplicationRef ref : List.of(registered, approved, refused)) {
            assertEquals("COMPLETED", store.findCase(ref.id()).orElseThrow().state(), ref.toString());
            long releases = delivered.stream().filter(m -> m.applicationId().equals(ref.id()) && m.payload().contains(PlateRelease.KIND)).count()
                    + store.outboxOf(ref.id()).stream().filter(m -> m.payload() != null && m.payload().contains(PlateRelease.KIND)).count();
            assertEquals(ref == refused ? 1 : 0, releases, ref.toString());
        }
    }

    // paid, but the applicant never came back: paying the verified application is submitting it
    @Test
    void a_paid_application_left_alone_is_decided_not_deleted() {
        ApplicationRef ref = verified();
        pay(ref);
        clock.advance(Duration.ofMinutes(31));
        background.deadlines();
        assertEquals("DECIDED", store.findCase(ref.id()).orElseThrow().state());
    }

    // one application at a time per vehicle: a second one for the same vehicle is refused (no correction used) until the
    // first has ended; else two decisions would change the register twice (deregistered twice, or taken over after)
    @Test
    void a_second_application_for_the_same_vehicle_waits_until_the_first_has_ended() {
        ApplicationRef first = verified();
        ApplicationRef second = answered("ERZ-AB 1");
        ApplicationException refused = assertThrows(ApplicationException.class, () -> verification.verify(second));
        assertEquals(ApplicationException.Reason.WRONG_STATE, refused.reason());
        assertTrue(refused.getMessage().contains("anderer Antrag"), refused.getMessage());
        assertEquals("DIALOG", store.findCase(second.id()).orElseThrow().state(), "back to the dialog");
        assertEquals(3, dialog.status(second).correctionsLeft(), "no correction used");
        ApplicationRef other = dialog.open(PROCEDURE, null);
        dialog.answer(other, Map.of("kennzeichen", "ERZ-AB 7", "zb1Code", "Ab3De4F"));
        assertEquals(ApplicationState.AWAITING_PAYMENT, verification.verify(other).state(), "another vehicle is not held up");

        payment.withdraw(first);
        assertEquals(ApplicationState.AWAITING_PAYMENT, verification.verify(second).state(), "the first withdrawn: the vehicle is free");
        assertEquals(Set.of(second.id()), Set.copyOf(store.claims().entrySet().stream()
                .filter(e -> !e.getValue().equals(other.id())).map(Map.Entry::getValue).toList()));
    }

    // two applications for one vehicle verified at the same moment: one of them gets it
    @Test
    void two_applications_for_one_vehicle_verified_at_once_give_it_to_one() throws Exception {
        VerificationFlow parallel = new VerificationFlow(core, pipeline, new Admission(4, 5, Duration.ofHours(1)));
        ApplicationRef a = answered("ERZ-AB 1");
        ApplicationRef b = answered("ERZ-AB 1");
        java.util.concurrent.CyclicBarrier together = new java.util.concurrent.CyclicBarrier(2);
        slowRegister.set(() -> {
            together.await(10, java.util.concurrent.TimeUnit.SECONDS); // both checks run at once
            return new CheckResult.Clear(Map.of("fin", "WVW1"));
        });
        java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
        List<String> outcomes = Races.atOnce(2, () -> {
            ApplicationRef mine = n.getAndIncrement() == 0 ? a : b;
            try {
                return parallel.verify(mine).state().name();
            } catch (ApplicationException e) {
                return e.reason().name();
            }
        });
        slowRegister.set(null);
        assertEquals(List.of("AWAITING_PAYMENT", "WRONG_STATE"), outcomes.stream().sorted().toList(), outcomes.toString());
        assertEquals(1, List.of(a, b).stream().filter(r -> store.findCase(r.id()).orElseThrow().state().equals("AWAITING_PAYMENT")).count());
    }

    /** What the tests' identity provider gives for a one-time code (of the login it was issued for). */
    private interface Redeem {
        org.openikfz.api.connector.VerifiedIdentity apply(String code) throws org.openikfz.api.connector.ConnectorUnavailableException;
    }

    /** The dialog of an engine whose identity provider redeems codes as {@code redeem} says. */
    private DialogFlow withIdentityProvider(Redeem redeem) {
        org.openikfz.api.connector.IdentityProvider eid = new org.openikfz.api.connector.IdentityProvider() {
            @Override
            public URI loginPage(String state, URI returnTo) {
                return URI.create("https://eid.example/login?state=" + state);
            }

            @Override
            public org.openikfz.api.connector.VerifiedIdentity redeem(String code) {
                throw new UnsupportedOperationException("bound to the login's state");
            }

            @Override
            public org.openikfz.api.connector.VerifiedIdentity redeem(String code, String state)
                    throws org.openikfz.api.connector.ConnectorUnavailableException {
                return redeem.apply(code);
            }
        };
        return new DialogFlow(new Core(store, () -> clock, registry, core.access, Letterhead.of("Landratsamt Erzgebirgskreis", ""),
                Land.of("SN"), FeeTable.bundled(), DatedSettings.bundled(), core.sampling, Duration.ofMinutes(30), core.payment, () -> eid,
                Set.of()));
    }

    // a wrong, used or foreign one-time code is the applicant's to fix (log in again), not an outage: 422, not 503; an
    // unreachable provider is an outage. Neither takes any identity over.
    @Test
    void a_refused_login_code_is_invalid_and_an_unreachable_provider_unavailable() {
        java.util.concurrent.atomic.AtomicBoolean down = new java.util.concurrent.atomic.AtomicBoolean();
        DialogFlow flow = withIdentityProvider(code -> {
            if (down.get()) {
                throw new org.openikfz.api.connector.ConnectorUnavailableException("timeout");
            }
            throw new org.openikfz.api.connector.IdentificationRefusedException("unknown code");
        });
        ApplicationRef ref = flow.open(PROCEDURE, null);
        ApplicationException notStarted = assertThrows(ApplicationException.class, () -> flow.completeIdentification(ref, "guess"));
        assertEquals(ApplicationException.Reason.INVALID, notStarted.reason(), "no login was started for this application");
        flow.startIdentification(ref, URI.create("https://portal.example/back"));
        ApplicationException refused = assertThrows(ApplicationException.class, () -> flow.completeIdentification(ref, "someone-elses"));
        assertEquals(ApplicationException.Reason.INVALID, refused.reason());
        assertEquals("Die Anmeldung konnte nicht abgeschlossen werden. Bitte melden Sie sich erneut an.", refused.getMessage(java.util.Locale.GERMAN));
        down.set(true);
        ApplicationException unavailable = assertThrows(ApplicationException.class, () -> flow.completeIdentification(ref, "any"));
        assertEquals(ApplicationException.Reason.UNAVAILABLE, unavailable.reason());
        assertTrue(store.getData(ref.id()).keySet().stream().noneMatch(k -> k.startsWith("_identity.")), "no identity taken over");
        assertFalse(store.findCase(ref.id()).orElseThrow().identified());
    }

    // FZV § 20(1): the identity comes from the eID. A second login replaces the first as a whole: a company logging in after
    // a person does not keep the person's date of birth
    @Test
    void a_second_login_replaces_the_first_identity_as_a_whole() {
        Map<String, org.openikfz.api.connector.VerifiedIdentity> people = Map.of(
                "erika", new org.openikfz.api.connector.VerifiedIdentity("sub-erika", new org.openikfz.api.connector.Holder("Erika Mustermann",
                        "Heidestraße 17", "09456", "Annaberg-Buchholz", LocalDate.of(1964, 8, 12)), "high", false),
                "gmbh", new org.openikfz.api.connector.VerifiedIdentity("sub-gmbh", new org.openikfz.api.connector.Holder("Muster GmbH",
                        null, null, null, null), "substantial", true));
        DialogFlow flow = withIdentityProvider(people::get);
        ApplicationRef ref = flow.open(PROCEDURE, null);
        flow.startIdentification(ref, URI.create("https://portal.example/back"));
        assertEquals("Erika Mustermann", flow.completeIdentification(ref, "erika").applicant());
        assertEquals("1964-08-12", store.getData(ref.id()).get("_identity.dateOfBirth"));
        flow.startIdentification(ref, URI.create("https://portal.example/back"));
        assertEquals("Muster GmbH", flow.completeIdentification(ref, "gmbh").applicant());
        Map<String, String> identity = new java.util.TreeMap<>(store.getData(ref.id()));
        identity.keySet().removeIf(k -> !k.startsWith("_identity."));
        assertEquals(Map.of("_identity.name", "Muster GmbH", "_identity.level", "substantial", "_identity.subject", "sub-gmbh",
                "_identity.organisation", "true"), identity, "nothing of Erika left");
    }

    // FZV § 20(5): the fees once. Asked again while the payment is open (a closed tab, a retry), the same page, no second payment
    @Test
    void a_second_payment_start_gives_the_open_payment_again() {
        ApplicationRef ref = verified();
        URI first = payment.startPayment(ref, URI.create("https://portal.example/back"));
        URI again = payment.startPayment(ref, URI.create("https://portal.example/back"));
        assertEquals(first, again);
        assertEquals(1, started.size(), "one payment started: " + started);
        // one that failed is replaced by a new one
        payments.put(started.get(0), PaymentProvider.Status.FAILED);
        URI fresh = payment.startPayment(ref, URI.create("https://portal.example/back"));
        assertNotEquals(first, fresh);
        assertEquals(2, started.size());
    }

    // withdrawn or abandoned unpaid: the open payment is cancelled, so its page takes no money for an application that is gone
    @Test
    void the_open_payment_of_a_withdrawn_or_abandoned_application_is_cancelled() {
        ApplicationRef withdrawn = verified();
        payment.startPayment(withdrawn, URI.create("https://portal.example/back"));
        String first = store.findCase(withdrawn.id()).orElseThrow().paymentId();
        assertEquals(ApplicationState.ABORTED, payment.withdraw(withdrawn).state());
        assertEquals(PaymentProvider.Status.FAILED, payments.get(first), "cancelled at the provider");

        ApplicationRef abandoned = verified();
        payment.startPayment(abandoned, URI.create("https://portal.example/back"));
        String second = store.findCase(abandoned.id()).orElseThrow().paymentId();
        clock.advance(Duration.ofMinutes(31));
        background.deadlines();
        assertEquals("ABORTED_DELETED", store.findCase(abandoned.id()).orElseThrow().state());
        assertEquals(PaymentProvider.Status.FAILED, payments.get(second), "cancelled at the provider");
    }

    // a client reading its status in a loop while its payment is open does not make one request to the provider per read
    // (a Land's or the federation's service); the answer is at most a few seconds old, and submitting asks anew
    @Test
    void status_reads_while_the_payment_is_open_ask_the_provider_at_most_every_few_seconds() {
        ApplicationRef ref = verified();
        payment.startPayment(ref, URI.create("https://portal.example/back"));
        int before = statusAsked.get();
        for (int i = 0; i < 50; i++) {
            assertFalse(dialog.status(ref).paid());
        }
        assertEquals(before + 1, statusAsked.get(), "50 reads, one question to the provider");
        String id = store.findCase(ref.id()).orElseThrow().paymentId();
        payments.put(id, PaymentProvider.Status.PAID);
        assertFalse(dialog.status(ref).paid(), "within the few seconds: the answer of a moment ago");
        clock.advance(PaymentLookups.FRESH);
        assertTrue(dialog.status(ref).paid(), "then the provider's word again");
        assertEquals(before + 2, statusAsked.get());
        // submitting does not rely on a read's answer: paid within the seconds of an "open", it is decided at once
        ApplicationRef other = verified();
        payment.startPayment(other, URI.create("https://portal.example/back"));
        assertFalse(dialog.status(other).paid());
        payments.put(store.findCase(other.id()).orElseThrow().paymentId(), PaymentProvider.Status.PAID);
        assertEquals(ApplicationState.DECIDED, payment.submit(other).state());
    }

    // paid but not submitted (the payment page did not bring the applicant back): asked to submit, never to pay again
    @Test
    void a_paid_application_is_not_paid_again_and_cannot_be_withdrawn() {
        ApplicationRef ref = verified();
        pay(ref);
        ApplicationStatus status = dialog.status(ref);
        assertTrue(status.paid(), "the provider says it is paid");
        assertEquals("Die Gebühren sind bezahlt. Bitte stellen Sie den Antrag jetzt verbindlich.", status.next().get(java.util.Locale.GERMAN));
        ApplicationException again = assertThrows(ApplicationException.class,
                () -> payment.startPayment(ref, URI.create("https://portal.example/back")));
        assertEquals(ApplicationException.Reason.WRONG_STATE, again.reason());
        assertEquals(1, started.size(), "no second payment: " + started);
        assertThrows(ApplicationException.class, () -> payment.withdraw(ref));
        assertEquals(ApplicationState.DECIDED, payment.submit(ref).state());
    }

    // the same click twice, both requests inside the provider at once: both get the one page the case keeps, and the
    // other session is cancelled at the provider (FZV § 20(5): the fees once; no page that takes money the case never sees)
    @Test
    void two_payment_starts_at_once_show_one_page() throws Exception {
        ApplicationRef ref = verified();
        startGate.set(new java.util.concurrent.CyclicBarrier(2));
        List<URI> pages = Races.atOnce(2, () -> payment.startPayment(ref, URI.create("https://portal.example/back")));
        startGate.set(null);
        assertEquals(pages.get(0), pages.get(1), "one page for both: " + pages);
        String kept = store.findCase(ref.id()).orElseThrow().paymentId();
        assertEquals(URI.create("https://pay.example/" + kept), pages.get(0), "the page of the payment the case keeps");
        assertEquals(2, started.size(), "both requests were at the provider: " + started);
        for (String id : started) {
            assertEquals(id.equals(kept) ? PaymentProvider.Status.OPEN : PaymentProvider.Status.FAILED, payments.get(id), id);
        }
    }

    // while the payment provider cannot say whether it was paid, a verified application is not deleted on a guess
    @Test
    void an_application_whose_payment_cannot_be_asked_is_kept() {
        ApplicationRef ref = verified();
        payment.startPayment(ref, URI.create("https://portal.example/back"));
        paymentDown.set(true);
        clock.advance(Duration.ofMinutes(31));
        background.deadlines();
        assertEquals("AWAITING_PAYMENT", store.findCase(ref.id()).orElseThrow().state());
        assertFalse(store.getData(ref.id()).isEmpty());
        paymentDown.set(false);
        clock.advance(Duration.ofMinutes(2));
        background.deadlines();
        assertEquals("ABORTED_DELETED", store.findCase(ref.id()).orElseThrow().state(), "not paid after all: deleted then");
    }

    // FZV § 23(1), (2), (4): offered 30 minutes; not retrieved — mailed, effective on the third day; then transferred and deleted
    @Test
    void a_decision_not_retrieved_is_mailed_transferred_and_its_data_deleted() {
        ApplicationRef ref = decided();
        clock.advance(Duration.ofMinutes(31));
        background.deadlines();
        assertEquals("TRANSFER", store.findCase(ref.id()).orElseThrow().state());
        LocalDate mailed = LocalDate.ofInstant(clock.instant(), ZoneId.of("Europe/Berlin"));
        assertEquals(mailed.plusDays(3), store.findCase(ref.id()).orElseThrow().decision().effectiveOn());
        assertEquals(Set.of(TransferTarget.FACHVERFAHREN, TransferTarget.KBA, TransferTarget.POST),
                Set.copyOf(store.outboxOf(ref.id()).stream().map(m -> m.destination()).toList()));
        assertTrue(documents.document(ref, DocumentKind.DECISION).isEmpty(), "the window is over");

        background.deliverOutbox();
        assertEquals(store.outboxOf(ref.id()).size(), delivered.size());
        background.finishTransferred();
        assertEquals("COMPLETED", store.findCase(ref.id()).orElseThrow().state());
        assertEquals(Map.of(), store.getData(ref.id()));
    }

    // the windows of a peak close fifty cases to a commit; a case that cannot be written holds up no other
    @Test
    void a_case_that_cannot_be_transferred_holds_up_no_other_in_its_group() {
        ApplicationRef broken = decided();
        ApplicationRef sound = decided();
        store.refuseTransfersOf = broken.id();
        clock.advance(Duration.ofMinutes(31));
        assertEquals(1, background.deadlines(), "the case that could not be written is not counted as worked off");
        assertEquals(0, background.deadlines(), "a round of nothing but it is no backlog to go on with at once");
        assertEquals("TRANSFER", store.findCase(sound.id()).orElseThrow().state());
        assertEquals(3, store.outboxOf(sound.id()).size());
        assertEquals("DECIDED", store.findCase(broken.id()).orElseThrow().state(), "not half-written: still to be closed");
        assertEquals(List.of(), store.outboxOf(broken.id()));
        store.refuseTransfersOf = null;
        background.deadlines();
        assertEquals("TRANSFER", store.findCase(broken.id()).orElseThrow().state(), "closed once it can be written");
        assertEquals(3, store.outboxOf(broken.id()).size());
    }

    // a receiver that takes a while per message (the simulators write each to their disk; a real register answers over the
    // network) is sent to by several senders at once, one per lane of applications; one application's messages keep their order
    @Test
    void a_destination_is_sent_to_in_lanes_at_once_and_each_application_in_order() throws Exception {
        List<ApplicationRef> refs = new java.util.ArrayList<>();
        for (int i = 0; i < 12; i++) {
            refs.add(decided());
        }
        clock.advance(Duration.ofMinutes(31));
        background.deadlines();
        Map<String, List<Long>> arrived = new java.util.concurrent.ConcurrentHashMap<>();
        Map<String, Integer> mostAtOnce = new java.util.concurrent.ConcurrentHashMap<>();
        Map<String, TransferTarget> receivers = new java.util.concurrent.ConcurrentHashMap<>();
        java.util.function.Function<String, TransferTarget> receiver = destination -> receivers.computeIfAbsent(destination, d -> {
            java.util.concurrent.atomic.AtomicInteger atOnce = new java.util.concurrent.atomic.AtomicInteger();
            java.util.concurrent.CountDownLatch second = new java.util.concurrent.CountDownLatch(1);
            java.util.concurrent.atomic.AtomicBoolean first = new java.util.concurrent.atomic.AtomicBoolean(true);
            return new TransferTarget() {
                @Override
                public String destination() {
                    return d;
                }

                @Override
                public void deliver(TransferMessage message) {
                    int now = atOnce.incrementAndGet();
                    mostAtOnce.merge(d, now, Math::max);
                    try {
                        if (now > 1) {
                            second.countDown();
                        } else if (first.getAndSet(false)) {
                            // the first message takes until a second one to this destination arrives (at most 5 s)
                            second.await(5, java.util.concurrent.TimeUnit.SECONDS);
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    arrived.computeIfAbsent(d, x -> java.util.Collections.synchronizedList(new java.util.ArrayList<>())).add(message.id());
                    atOnce.decrementAndGet();
                }
            };
        });
        Background lanes = new Background(core, receiver, payment, "single", Duration.ofMinutes(2), 500, 4);
        try {
            lanes.deliverOutbox();
        } finally {
            lanes.close();
        }
        assertEquals(List.of(), store.undelivered(Integer.MAX_VALUE));
        assertTrue(mostAtOnce.get(TransferTarget.KBA) >= 2, "the KBA was sent to one message at a time: " + mostAtOnce);
        for (ApplicationRef ref : refs) {
            for (String destination : List.of(TransferTarget.FACHVERFAHREN, TransferTarget.KBA, TransferTarget.POST)) {
                List<Long> queued = store.outboxOf(ref.id()).stream().filter(m -> m.destination().equals(destination))
                        .map(org.openikfz.store.api.OutboxMessage::id).sorted().toList();
                List<Long> received = arrived.get(destination).stream().filter(queued::contains).toList();
                assertEquals(queued, received, destination + " received the messages of " + ref.id() + " out of their order");
            }
        }
    }

    // several nodes on one database: each sends only what it claimed, so two nodes' rounds at once send each message once
    @Test
    void two_nodes_deliver_each_message_once() throws Exception {
        for (int i = 0; i < 6; i++) {
            decided();
        }
        clock.advance(Duration.ofMinutes(31));
        background.deadlines();
        int queued = store.undelivered(Integer.MAX_VALUE).size();
        assertTrue(queued >= 18, "three messages per case at least: " + queued);
        TransferTarget slow = new TransferTarget() {
            @Override
            public String destination() {
                return "any";
            }

            @Override
            public void deliver(TransferMessage message) {
                delivered.add(message);
                Thread.yield();
            }
        };
        Background a = new Background(core, destination -> slow, payment, "node-a", Duration.ofMinutes(2), 4);
        Background b = new Background(core, destination -> slow, payment, "node-b", Duration.ofMinutes(2), 4);
        try (var both = java.util.concurrent.Executors.newFixedThreadPool(2)) {
            for (int round = 0; round < 20 && !store.undelivered(Integer.MAX_VALUE).isEmpty(); round++) {
                var x = both.submit(a::deliverOutbox);
                var y = both.submit(b::deliverOutbox);
                x.get();
                y.get();
            }
        } finally {
            a.close();
            b.close();
        }
        assertEquals(List.of(), store.undelivered(Integer.MAX_VALUE));
        assertEquals(queued, delivered.size(), "each message once");
        assertEquals(queued, delivered.stream().map(TransferMessage::id).distinct().count());
    }

    // several nodes: node B read the due cases, node A closed the window before B got to the case; B must not queue it again
    @Test
    void a_decision_window_another_node_closed_meanwhile_is_not_closed_again() {
        ApplicationRef ref = decided();
        clock.advance(Duration.ofMinutes(31));
        List<org.openikfz.store.api.Case> seenByB = store.casesDue(clock.instant(), 500);
        assertEquals(1, seenByB.size());
        background.deadlines(); // node A
        assertEquals("TRANSFER", store.findCase(ref.id()).orElseThrow().state());
        int queued = store.outboxOf(ref.id()).size();
        // node B: the same engine on the same store, but its list of due cases was read before A's round
        ApplicationStore staleList = (ApplicationStore) java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {ApplicationStore.class}, (proxy, method, args) -> {
                    if (method.getName().equals("casesDue") && args.length == 2) {
                        return seenByB;
                    }
                    try {
                        return method.invoke(store, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        Core nodeB = new Core(staleList, () -> clock, registry, new Access(new SecureRandom(), "ERZ", List.of(URI.create("https://portal.example"))),
                Letterhead.of("Landratsamt Erzgebirgskreis", ""), Land.of("SN"), FeeTable.bundled(), DatedSettings.bundled(),
                new ReviewSampling(0.0, new SecureRandom()), Duration.ofMinutes(30), () -> null, () -> null, Set.of());
        Background b = new Background(nodeB, destination -> null, new PaymentFlow(nodeB), "node-b", Duration.ofMinutes(2), 100);
        try {
            b.deadlines();
        } finally {
            b.close();
        }
        assertEquals(queued, store.outboxOf(ref.id()).size(), "transfer and letter queued once");
        assertEquals(1, store.auditTypes(ref.id()).stream().filter("TRANSFER_QUEUED"::equals).count());
        assertEquals(1, store.auditTypes(ref.id()).stream().filter("MAILED"::equals).count());
    }

    // a node that died holding claims: the other node sends its messages once the claim lapsed, not before
    @Test
    void the_claims_of_a_dead_node_lapse_to_the_other() {
        decided();
        clock.advance(Duration.ofMinutes(31));
        background.deadlines();
        int queued = store.undelivered(Integer.MAX_VALUE).size();
        java.time.Instant now = java.time.Instant.now();
        // node-a claimed them and died (the lease is real time: it lapsed two seconds after the claim)
        assertEquals(queued, store.claimUndelivered("node-a", now, now.plusSeconds(2), 100).size());
        Background b = new Background(core, destination -> new TransferTarget() {
            @Override
            public String destination() {
                return "any";
            }

            @Override
            public void deliver(TransferMessage message) {
                delivered.add(message);
            }
        }, payment, "node-b", Duration.ofMinutes(2), 100);
        try {
            assertEquals(0, b.deliverOutbox(), "held by node-a");
            assertEquals(List.of(), delivered);
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!store.undelivered(Integer.MAX_VALUE).isEmpty() && System.nanoTime() < deadline) {
                b.deliverOutbox();
                Thread.onSpinWait();
            }
        } finally {
            b.close();
        }
        assertEquals(List.of(), store.undelivered(Integer.MAX_VALUE));
        assertEquals(queued, delivered.size());
    }

    // FZV § 24 (2019: § 15h(3)): the letters follow what the checks established (here: the register does not name the
    // applicant as holder), not the applicant's answers: the engine gives the procedure the case's facts
    @Test
    void the_letters_follow_the_facts_the_checks_established() {
        register.set(new CheckResult.Clear(Map.of(org.openikfz.api.check.Facts.ZFZR_APPLICANT_IS_HOLDER.name(), "false",
                org.openikfz.api.check.Facts.ZFZR_HOLDER_NAME.name(), "Erika Mustermann")));
        ApplicationRef other = decided();
        register.set(new CheckResult.Clear(Map.of(org.openikfz.api.check.Facts.ZFZR_APPLICANT_IS_HOLDER.name(), "true",
                org.openikfz.api.check.Facts.ZFZR_HOLDER_NAME.name(), "Erika Mustermann")));
        ApplicationRef holder = decided();
        documents.document(holder, DocumentKind.DECISION).orElseThrow();
        documents.document(other, DocumentKind.DECISION).orElseThrow();
        clock.advance(Duration.ofMinutes(31));
        background.deadlines();
        assertEquals(List.of(Letters.NOTICE_TO_HOLDER), letters(other));
        assertEquals(List.of(), letters(holder));
    }

    private List<String> letters(ApplicationRef ref) {
        return store.outboxOf(ref.id()).stream().filter(m -> m.destination().equals(TransferTarget.POST))
                .map(m -> m.payload().replaceAll("(?s).*\"kind\":\"([^\"]+)\".*", "$1")).toList();
    }

    // while the procedure's bundle is away (an upgrade), a decided case is "not available right now", never gone or empty
    @Test
    void a_decision_whose_procedure_is_away_is_unavailable_not_gone() {
        ApplicationRef ref = decided();
        registry.remove(procedure);
        ApplicationException status = assertThrows(ApplicationException.class, () -> dialog.status(ref));
        assertEquals(ApplicationException.Reason.UNAVAILABLE, status.reason());
        ApplicationException pdf = assertThrows(ApplicationException.class, () -> documents.document(ref, DocumentKind.DECISION));
        assertEquals(ApplicationException.Reason.UNAVAILABLE, pdf.reason());
        registry.add(procedure, Map.of());
        assertTrue(documents.document(ref, DocumentKind.DECISION).isPresent(), "back with the bundle");
        assertEquals(ApplicationState.DECIDED, dialog.status(ref).state());
    }

    // a procedure upgrade (v2 deployed next to v1): an application finishes on the rules of the version it was opened
    // with; new ones get v2; once v1 is gone, its open applications continue on v2
    @Test
    void an_application_finishes_on_the_procedure_version_it_was_opened_with() {
        registry.remove(procedure);
        Procedure v1 = new TestProcedure(mailedEffectDays, DecisionPolicy.AUTOMATED);
        Procedure v2 = new TestProcedure(mailedEffectDays, DecisionPolicy.MANUAL);
        registry.add(v1, Map.of("service.id", 10L), Registry.Origin.of("org.example.abmeldung", "1.0.0"));
        ApplicationRef onV1 = answered();
        ApplicationRef leftOnV1 = answered();
        registry.add(v2, Map.of("service.id", 11L), Registry.Origin.of("org.example.abmeldung", "2.0.0"));
        ApplicationRef onV2 = answered();
        assertEquals("org.example.abmeldung 1.0.0", store.findCase(onV1.id()).orElseThrow().procedureVersion());
        assertEquals("org.example.abmeldung 2.0.0", store.findCase(onV2.id()).orElseThrow().procedureVersion());
        // v1 decides by machine, v2 leaves it to the clerks
        assertEquals(ApplicationState.AWAITING_PAYMENT, verification.verify(onV1).state());
        pay(onV1);
        assertEquals(ApplicationState.DECIDED, payment.submit(onV1).state());
        assertEquals(ApplicationState.AWAITING_PAYMENT, verification.verify(onV2).state());
        pay(onV2);
        assertEquals(ApplicationState.MANUAL_REVIEW, payment.submit(onV2).state());
        // the clerks see each case with the questions its applicant answered: its own version's description
        ClerkDecisions clerks = new ClerkDecisions(core, 7);
        assertEquals(DecisionPolicy.AUTOMATED, clerks.descriptionOf(leftOnV1.id()).orElseThrow().decisionPolicy());
        assertEquals(DecisionPolicy.MANUAL, clerks.descriptionOf(onV2.id()).orElseThrow().decisionPolicy());
        // v1 removed: what was opened on it goes on with v2 (the trace names the version that judged it)
        registry.remove(v1);
        assertEquals(ApplicationState.DECIDED, dialog.status(onV1).state());
        assertEquals(ApplicationState.AWAITING_PAYMENT, verification.verify(leftOnV1).state());
        pay(leftOnV1);
        assertEquals(ApplicationState.MANUAL_REVIEW, payment.submit(leftOnV1).state());
    }

    // the version new applications get: the highest ranking, then the highest bundle version, then the older service
    @Test
    void new_applications_get_the_highest_ranked_then_the_newest_version() {
        registry.remove(procedure);
        Procedure v1 = new TestProcedure(mailedEffectDays);
        Procedure v2 = new TestProcedure(mailedEffectDays);
        Procedure v3 = new TestProcedure(mailedEffectDays);
        registry.add(v2, Map.of("service.id", 21L), Registry.Origin.of("org.example.abmeldung", "2.0.0"));
        registry.add(v1, Map.of("service.id", 20L), Registry.Origin.of("org.example.abmeldung", "1.0.0"));
        assertEquals("org.example.abmeldung 2.0.0", store.findCase(dialog.open(PROCEDURE, null).id()).orElseThrow().procedureVersion());
        registry.add(v3, Map.of("service.id", 22L, "service.ranking", -1), Registry.Origin.of("org.example.abmeldung", "3.0.0"));
        assertEquals("org.example.abmeldung 2.0.0", store.findCase(dialog.open(PROCEDURE, null).id()).orElseThrow().procedureVersion(),
                "a lower ranking keeps a newer version back");
        registry.remove(v2);
        assertEquals("org.example.abmeldung 1.0.0", store.findCase(dialog.open(PROCEDURE, null).id()).orElseThrow().procedureVersion());
        registry.remove(v1);
        assertEquals("org.example.abmeldung 3.0.0", store.findCase(dialog.open(PROCEDURE, null).id()).orElseThrow().procedureVersion());
    }

    // 2019 § 15h(1) S. 2: a procedure whose mailed decision takes effect the day it is sent (Außerbetriebsetzung) says so,
    // and the engine, the status text and the transfer follow it
    @Test
    void a_mailed_decision_takes_effect_on_the_day_its_procedure_says() {
        mailedEffectDays.set(0);
        ApplicationRef ref = decided();
        assertTrue(dialog.status(ref).next().get(java.util.Locale.GERMAN).contains("am Tag der Absendung"));
        clock.advance(Duration.ofMinutes(31));
        background.deadlines();
        LocalDate mailed = LocalDate.ofInstant(clock.instant(), ZoneId.of("Europe/Berlin"));
        assertEquals(mailed, store.findCase(ref.id()).orElseThrow().decision().effectiveOn());
        assertTrue(store.outboxOf(ref.id()).stream().filter(m -> m.destination().equals(TransferTarget.KBA))
                .allMatch(m -> m.payload().contains("\"effectiveOn\":\"" + mailed + "\"")));
    }

    // FZV § 23(1): retrieved within the window, the decision takes effect on the day of retrieval
    @Test
    void a_retrieved_decision_takes_effect_that_day() {
        ApplicationRef ref = decided();
        assertTrue(documents.document(ref, DocumentKind.DECISION).isPresent());
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneId.of("Europe/Berlin"));
        assertEquals(today, store.findCase(ref.id()).orElseThrow().decision().effectiveOn());
        clock.advance(Duration.ofMinutes(31));
        background.deadlines();
        assertFalse(store.outboxOf(ref.id()).stream().anyMatch(m -> m.destination().equals(TransferTarget.POST)), "nothing to mail");
    }

    // FZV § 23(1)-(2): a retrieval that loses its write to the end of the window (the decision went by post meanwhile)
    // retrieves nothing: the decision keeps the effect of the letter, not that of a download no one got
    @Test
    void a_retrieval_that_loses_to_the_end_of_the_window_retrieves_nothing() {
        ApplicationRef ref = decided();
        clock.advance(Duration.ofMinutes(29));
        // the window ends just before the retrieval is written, and the deadlines job (here another node's) mails it
        store.beforeNextUpdate(() -> {
            clock.advance(Duration.ofMinutes(2));
            org.openikfz.store.api.Case decided = store.findCase(ref.id()).orElseThrow();
            LocalDate mailedOn = LocalDate.ofInstant(clock.instant(), ZoneId.of("Europe/Berlin"));
            store.updateCase(decided.withState("TRANSFER").withDecision(decided.decision().mailed(mailedOn, mailedOn.plusDays(3))));
        });
        assertTrue(documents.document(ref, DocumentKind.DECISION).isEmpty(), "the window closed before the retrieval was written");
        org.openikfz.store.api.Case mailed = store.findCase(ref.id()).orElseThrow();
        assertEquals("TRANSFER", mailed.state());
        assertNull(mailed.decision().retrievedAt(), "not retrieved");
        assertEquals(LocalDate.ofInstant(clock.instant(), ZoneId.of("Europe/Berlin")).plusDays(3), mailed.decision().effectiveOn(),
                "effective as mailed (FZV § 23(2))");
    }

    // the reference number from the start; the status page answers for it and its code in every state, without an account
    @Test
    void the_status_page_answers_by_reference_and_code_in_every_state() {
        StatusPage page = new StatusPage(core, 10);
        ApplicationRef ref = answered();
        ApplicationStatus status = dialog.status(ref);
        assertTrue(status.reference().matches("ERZ-2026-\\d{8}"), status.reference());
        String code = status.statusCode();
        assertTrue(code.matches("[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}"), code);
        assertFalse(store.getData(ref.id()).containsValue(code), "the code is not kept in clear");
        assertFalse(status.toString().contains(code), "nor shown in logs");
        // typed as people type it: lower case, without hyphens
        org.openikfz.api.application.PublicStatus open = page.lookUp(" " + status.reference().toLowerCase() + " ",
                code.replace("-", " ").toLowerCase(), CITIZEN).orElseThrow();
        assertEquals(ApplicationState.DIALOG, open.state());
        assertEquals(store.findCase(ref.id()).orElseThrow().dueAt(), open.nextBy(), "until when the entries are kept");
        assertEquals("Landratsamt Erzgebirgskreis", open.authority().name());

        assertEquals(ApplicationState.AWAITING_PAYMENT, verification.verify(ref).state());
        assertEquals(ApplicationState.AWAITING_PAYMENT, page.lookUp(status.reference(), code, CITIZEN).orElseThrow().state());
        pay(ref);
        ApplicationStatus decided = payment.submit(ref);
        assertEquals(status.reference(), decided.decision().reference(), "the decision keeps the application's reference");
        org.openikfz.api.application.PublicStatus offered = page.lookUp(status.reference(), code, CITIZEN).orElseThrow();
        assertEquals(ApplicationState.DECIDED, offered.state());
        assertEquals(List.of(DocumentKind.DECISION), offered.documents());
        assertEquals(decided.decision().offeredUntil(), offered.documentsUntil());
        assertEquals(Boolean.TRUE, offered.granted());
        assertFalse(offered.toString().contains("ERZ-AB 1"), "no plate, no answers on the status page");

        clock.advance(Duration.ofMinutes(31));
        background.deadlines();
        org.openikfz.api.application.PublicStatus mailed = page.lookUp(status.reference(), code, CITIZEN).orElseThrow();
        assertEquals(List.of(), mailed.documents());
        assertTrue(mailed.next().get(java.util.Locale.GERMAN).contains("per Post"), mailed.next().get(java.util.Locale.GERMAN));
        background.deliverOutbox();
        background.finishTransferred();
        assertEquals(ApplicationState.COMPLETED, page.lookUp(status.reference(), code, CITIZEN).orElseThrow().state());

        // with the clerks: the date they usually decide by, in working days
        ApplicationRef manual = answered();
        register.set(new CheckResult.Failed("register unavailable"));
        verification.verify(manual);
        pay(manual);
        payment.submit(manual);
        ApplicationStatus manualStatus = dialog.status(manual);
        org.openikfz.api.application.PublicStatus withClerks = page.lookUp(manualStatus.reference(), manualStatus.statusCode(), CITIZEN).orElseThrow();
        assertEquals(ApplicationState.MANUAL_REVIEW, withClerks.state());
        // Saturday 5 December 2026: ten working days later is Friday 18 December
        assertEquals(LocalDate.of(2026, 12, 18), LocalDate.ofInstant(withClerks.nextBy(), ZoneId.of("Europe/Berlin")));
        assertTrue(withClerks.next().get(java.util.Locale.GERMAN).contains("18.12.2026"), withClerks.next().get(java.util.Locale.GERMAN));

        register.set(new CheckResult.Clear(Map.of("fin", "WVW1")));
        ApplicationRef withdrawn = answered();
        payment.withdraw(withdrawn);
        ApplicationStatus gone = dialog.status(withdrawn);
        assertEquals("Zurückgezogen.", page.lookUp(gone.reference(), gone.statusCode(), CITIZEN).orElseThrow().stateText().get(java.util.Locale.GERMAN));
    }

    // whoever lies about the code learns nothing, and guessing one reference's code is bounded
    @Test
    void wrong_status_codes_are_not_told_apart_and_are_bounded_per_reference() {
        StatusPage page = new StatusPage(core, 10);
        ApplicationStatus status = dialog.status(answered());
        ApplicationStatus other = dialog.status(answered());
        assertTrue(page.lookUp(status.reference(), other.statusCode(), CITIZEN).isEmpty(), "another application's code");
        assertTrue(page.lookUp("ERZ-2026-99999999", status.statusCode(), CITIZEN).isEmpty(), "a reference that does not exist");
        assertTrue(page.lookUp(status.reference(), "", CITIZEN).isEmpty());
        assertTrue(page.lookUp(status.reference(), "x".repeat(10_000), CITIZEN).isEmpty());
        assertTrue(page.lookUp(status.reference(), null, CITIZEN).isEmpty());
        assertTrue(page.lookUp(status.reference(), "AAAA-AAAA-AAAA", CITIZEN).isEmpty());
        ApplicationException refused = assertThrows(ApplicationException.class, () -> page.lookUp(status.reference(), status.statusCode(), CITIZEN));
        assertEquals(ApplicationException.Reason.TOO_MANY_REQUESTS, refused.reason(), "five wrong codes: even the right one waits");
        assertTrue(refused.retryAfter().orElseThrow().compareTo(Duration.ofMinutes(15)) <= 0);
        assertTrue(page.lookUp(other.reference(), other.statusCode(), CITIZEN).isPresent(), "other references are not held up");
        clock.advance(Duration.ofMinutes(16));
        assertTrue(page.lookUp(status.reference(), status.statusCode(), CITIZEN).isPresent());
    }

    // references are sequential: counted per reference alone, anyone could lock every citizen's status lookup with five
    // wrong codes each. Counted per client, the sender of the wrong codes locks only itself
    @Test
    void wrong_codes_from_one_client_do_not_lock_another_clients_lookup() {
        StatusPage page = new StatusPage(core, 10);
        ApplicationStatus status = dialog.status(answered());
        String attacker = "198.51.100.66";
        for (int i = 0; i < 5; i++) {
            assertTrue(page.lookUp(status.reference(), "AAAA-AAAA-AAAA", attacker).isEmpty());
        }
        assertEquals(ApplicationException.Reason.TOO_MANY_REQUESTS,
                assertThrows(ApplicationException.class, () -> page.lookUp(status.reference(), "AAAA-AAAA-AAAA", attacker)).reason());
        assertTrue(page.lookUp(status.reference(), status.statusCode(), CITIZEN).isPresent(), "the citizen is not held up");
    }

    // a client that scans references is bounded across them, and the refusal does not tell it which ones exist
    @Test
    void a_client_scanning_references_is_bounded_and_a_refusal_tells_no_reference_exists() {
        StatusPage page = new StatusPage(core, 10);
        ApplicationStatus status = dialog.status(answered());
        String prober = "198.51.100.7";
        for (int i = 0; i < 5; i++) {
            assertTrue(page.lookUp("ERZ-2026-99999999", "AAAA-AAAA-AAAA", prober).isEmpty());
        }
        assertEquals(ApplicationException.Reason.TOO_MANY_REQUESTS,
                assertThrows(ApplicationException.class, () -> page.lookUp("ERZ-2026-99999999", "AAAA-AAAA-AAAA", prober)).reason(),
                "a reference that does not exist is refused as one that does");
        String scanner = "198.51.100.99";
        for (int i = 0; i < 30; i++) {
            assertTrue(page.lookUp("ERZ-2026-" + (90_000_000 + i), "AAAA-AAAA-AAAA", scanner).isEmpty());
        }
        assertEquals(ApplicationException.Reason.TOO_MANY_REQUESTS,
                assertThrows(ApplicationException.class, () -> page.lookUp(status.reference(), "AAAA-AAAA-AAAA", scanner)).reason(),
                "thirty failed lookups of any references: the scanner waits");
        assertTrue(page.lookUp(status.reference(), status.statusCode(), CITIZEN).isPresent(), "others are not held up");
        clock.advance(Duration.ofMinutes(16));
        assertTrue(page.lookUp("ERZ-2026-99999999", "AAAA-AAAA-AAAA", scanner).isEmpty(), "after the window the scanner may ask again");
    }

    // a client that fires its guesses at once gets no more of them than one that sends them one after the other
    @Test
    void parallel_guesses_of_a_status_code_get_no_more_tries() throws Exception {
        StatusPage page = new StatusPage(core, 10);
        ApplicationStatus status = dialog.status(answered());
        List<String> outcomes = Races.atOnce(12, () -> {
            try {
                return page.lookUp(status.reference(), "AAAA-AAAA-AAAA", CITIZEN).isPresent() ? "found" : "wrong";
            } catch (ApplicationException e) {
                return e.reason().name();
            }
        });
        assertEquals(5, outcomes.stream().filter("wrong"::equals).count(), outcomes.toString());
        assertEquals(7, outcomes.stream().filter("TOO_MANY_REQUESTS"::equals).count(), outcomes.toString());
    }

    // e-mail confirmations only when asked, through the outbox with the change, with the reference and no personal data
    @Test
    void confirmations_go_by_mail_only_when_asked_for_and_name_no_personal_data() {
        ApplicationRef silent = decided();
        assertTrue(store.outboxOf(silent.id()).stream().noneMatch(m -> m.destination().equals(TransferTarget.MAIL)), "not asked for");

        ApplicationRef ref = answered();
        for (String bad : List.of("erika", "erika@", "erika@example", "erika@example.org\r\nBcc: all@example.org",
                "erika@example.org, other@example.org", "x".repeat(250) + "@example.org")) {
            ApplicationException invalid = assertThrows(ApplicationException.class, () -> dialog.requestConfirmations(ref, bad), bad);
            assertEquals(ApplicationException.Reason.INVALID, invalid.reason());
        }
        ApplicationStatus asked = dialog.requestConfirmations(ref, " erika.mustermann@example.org ");
        assertEquals("e***@example.org", asked.confirmationsTo());
        register.set(new CheckResult.Failed("register unavailable"));
        verification.verify(ref);
        pay(ref);
        assertEquals(ApplicationState.MANUAL_REVIEW, payment.submit(ref).state());
        List<String> mails = store.outboxOf(ref.id()).stream().filter(m -> m.destination().equals(TransferTarget.MAIL))
                .map(m -> m.payload()).toList();
        assertEquals(1, mails.size(), "the submission's confirmation");
        assertTrue(mails.get(0).contains("\"to\":\"erika.mustermann@example.org\""), mails.get(0));
        assertTrue(mails.get(0).contains(asked.reference()), mails.get(0));
        assertTrue(mails.get(0).contains("per Post"), mails.get(0));
        assertFalse(mails.get(0).contains("ERZ-AB 1"), "no plate");

        assertTrue(new ClerkDecisions(core, 7).decide(ref.id(), true, "Angaben mit dem Register abgeglichen", "anna", "Anna Schmidt", ERIKA));
        mails = store.outboxOf(ref.id()).stream().filter(m -> m.destination().equals(TransferTarget.MAIL)).map(m -> m.payload()).toList();
        assertEquals(2, mails.size(), "and the clerk's decision");
        assertTrue(mails.get(1).contains("\"kind\":\"decision\""), mails.get(1));
        assertFalse(mails.get(1).contains("abgeglichen"), "the reasons go by post only");
        assertFalse(mails.get(1).contains("Erika"), "no name");

        ApplicationException late = assertThrows(ApplicationException.class, () -> dialog.requestConfirmations(ref, "neu@example.org"));
        assertEquals(ApplicationException.Reason.WRONG_STATE, late.reason(), "decided: nothing left to confirm");
    }

    // FZV § 19(1) S. 4 and S. 6: a case the machine could not decide keeps its codes sealed, not in clear; the clerks run
    // its checks again once the system is back; the codes go when a clerk decides
    @Test
    void the_clerks_run_the_checks_again_with_the_codes_sealed_until_they_decide(@org.junit.jupiter.api.io.TempDir java.nio.file.Path home)
            throws Exception {
        Core sealing = new Core(store, () -> clock, registry, core.access, Letterhead.of("Landratsamt Erzgebirgskreis", ""), Land.of("SN"),
                FeeTable.bundled(), DatedSettings.bundled(), core.sampling, Duration.ofMinutes(30), core.payment, core.identity, Set.of(),
                org.openikfz.core.internal.operations.Observations.NONE,
                org.openikfz.core.internal.access.CaseSeal.of(home.resolve("data/case-file.key"), new SecureRandom()));
        DialogFlow dialog = new DialogFlow(sealing);
        VerificationFlow verification = new VerificationFlow(sealing, pipeline, admission);
        PaymentFlow payment = new PaymentFlow(sealing);
        ClerkDecisions clerks = new ClerkDecisions(sealing, 7, verification::recheck);
        ApplicationRef ref = dialog.open(PROCEDURE, null);
        dialog.answer(ref, Map.of("kennzeichen", "ERZ-AB 1", "zb1Code", "Ab3De4F"));
        register.set(new CheckResult.Failed("register unavailable"));
        assertEquals(ApplicationState.NOT_DECIDABLE, verification.verify(ref).state());
        Map<String, String> kept = store.getData(ref.id());
        assertFalse(kept.containsKey("zb1Code") || kept.containsValue("Ab3De4F"), "no code in clear: " + kept);
        assertTrue(kept.containsKey(org.openikfz.core.internal.dialog.DialogRules.SEALED + "zb1Code"), kept.toString());
        pay(payment, ref);
        assertEquals(ApplicationState.MANUAL_REVIEW, payment.submit(ref).state());

        // still down: the same reason; back, and the codes match: nothing left
        assertEquals(1, clerks.recheck(ref.id()).size());
        java.util.concurrent.atomic.AtomicReference<String> seen = new java.util.concurrent.atomic.AtomicReference<>();
        slowRegister.set(() -> {
            seen.set("checked");
            return new CheckResult.Clear(Map.of("fin", "WVW1"));
        });
        assertEquals(List.of(), clerks.recheck(ref.id()));
        assertEquals("checked", seen.get());
        assertEquals("MANUAL_REVIEW", store.findCase(ref.id()).orElseThrow().state(), "the clerks decide, not the re-run");
        assertEquals("", store.getData(ref.id()).get(org.openikfz.core.internal.dialog.DialogRules.CLERK_REASONS));
        slowRegister.set(null);
        register.set(new CheckResult.Opposed(List.of(new Finding("kennzeichen", LocalizedText.of("Ein Sicherheitscode stimmt nicht.", "x")))));
        assertEquals(List.of("Beanstandet: Ein Sicherheitscode stimmt nicht."), clerks.recheck(ref.id()));
        // the Fachverfahren takes the case while the checks run again (MANUAL_REVIEW -> WITH_CLERKS, in the background):
        // it is still the clerks', and the re-run's result is written, not refused with "moved on"
        slowRegister.set(() -> {
            org.openikfz.core.internal.lifecycle.Cases.tryMove(store, store.findCase(ref.id()).orElseThrow(),
                    org.openikfz.core.internal.lifecycle.CaseState.WITH_CLERKS, x -> x).orElseThrow();
            return new CheckResult.Clear(Map.of("fin", "WVW1"));
        });
        assertEquals(List.of(), clerks.recheck(ref.id()));
        slowRegister.set(null);
        assertEquals("WITH_CLERKS", store.findCase(ref.id()).orElseThrow().state());
        assertEquals("", store.getData(ref.id()).get(org.openikfz.core.internal.dialog.DialogRules.CLERK_REASONS), "the result written");

        assertTrue(clerks.decide(ref.id(), false, "Die Codes passen nicht zum Fahrzeug.", "anna", "Anna Schmidt", ERIKA));
        assertTrue(store.getData(ref.id()).keySet().stream().noneMatch(k -> k.startsWith(org.openikfz.core.internal.dialog.DialogRules.SEALED)),
                "decided: the sealed codes are gone");
        ApplicationException after = assertThrows(ApplicationException.class, () -> clerks.recheck(ref.id()));
        assertEquals(ApplicationException.Reason.WRONG_STATE, after.reason());

        // an engine without the key keeps no codes, and says the checks cannot run again
        ApplicationRef unsealed = answered("ERZ-AB 2");
        register.set(new CheckResult.Failed("register unavailable"));
        verification.verify(unsealed);
        pay(unsealed);
        payment.submit(unsealed);
        store.removeData(unsealed.id(), store.getData(unsealed.id()).keySet().stream()
                .filter(k -> k.startsWith(org.openikfz.core.internal.dialog.DialogRules.SEALED)).toList());
        assertEquals(ApplicationException.Reason.WRONG_STATE,
                assertThrows(ApplicationException.class, () -> clerks.recheck(unsealed.id())).reason());
    }

    // FZV § 19(1) S. 6: a mail server that is down holds up no transfer and no deletion; the mail not sent by then is not sent
    @Test
    void a_confirmation_the_mail_server_cannot_take_holds_up_no_deletion() {
        TransferTarget down = new TransferTarget() {
            @Override
            public String destination() {
                return TransferTarget.MAIL;
            }

            @Override
            public void deliver(TransferMessage message) throws org.openikfz.api.connector.ConnectorUnavailableException {
                throw new org.openikfz.api.connector.ConnectorUnavailableException("mail server down");
            }
        };
        Background mailDown = new Background(core, d -> d.equals(TransferTarget.MAIL) ? down : new TransferTarget() {
            @Override
            public String destination() {
                return d;
            }

            @Override
            public void deliver(TransferMessage message) {
                delivered.add(message);
            }
        }, payment);
        ApplicationRef ref = answered();
        dialog.requestConfirmations(ref, "erika@example.org");
        assertEquals(ApplicationState.AWAITING_PAYMENT, verification.verify(ref).state());
        pay(ref);
        assertEquals(ApplicationState.DECIDED, payment.submit(ref).state());
        clock.advance(Duration.ofMinutes(31));
        mailDown.deadlines();
        mailDown.deliverOutbox();
        assertTrue(store.outboxOf(ref.id()).stream().anyMatch(m -> m.destination().equals(TransferTarget.MAIL) && !m.delivered()),
                "the confirmation is still waiting");
        mailDown.finishTransferred();
        assertEquals("COMPLETED", store.findCase(ref.id()).orElseThrow().state(), "the mail holds up nothing");
        assertEquals(Map.of(), store.getData(ref.id()));
        org.openikfz.store.api.OutboxMessage mail = store.outboxOf(ref.id()).stream()
                .filter(m -> m.destination().equals(TransferTarget.MAIL)).findFirst().orElseThrow();
        assertTrue(mail.delivered() && mail.payload() == null, "withdrawn with the dialog data: no address left anywhere");
    }

    // ---- the way there ----

    /** Applications of a test are for vehicles of their own (one application at a time per vehicle): ERZ-AB 1, 2, … */
    private final java.util.concurrent.atomic.AtomicInteger vehicles = new java.util.concurrent.atomic.AtomicInteger();

    /** The register takes its time: asked, it counts the returned latch down and answers clear once {@code answer} is. */
    private java.util.concurrent.CountDownLatch registerAnswersClearAfter(java.util.concurrent.CountDownLatch answer) {
        java.util.concurrent.CountDownLatch inRegister = new java.util.concurrent.CountDownLatch(1);
        slowRegister.set(() -> {
            inRegister.countDown();
            answer.await();
            return new CheckResult.Clear(Map.of());
        });
        return inRegister;
    }

    private ApplicationRef answered() {
        return answered("ERZ-AB " + vehicles.incrementAndGet());
    }

    private ApplicationRef answered(String plate) {
        ApplicationRef ref = dialog.open(PROCEDURE, null);
        assertEquals(Map.of(), dialog.answer(ref, Map.of("kennzeichen", plate, "zb1Code", "Ab3De4F")));
        return ref;
    }

    private ApplicationRef verified() {
        ApplicationRef ref = answered();
        assertEquals(ApplicationState.AWAITING_PAYMENT, verification.verify(ref).state());
        return ref;
    }

    private ApplicationRef decided() {
        ApplicationRef ref = verified();
        pay(ref);
        assertEquals(ApplicationState.DECIDED, payment.submit(ref).state());
        return ref;
    }

    private void pay(ApplicationRef ref) {
        pay(payment, ref);
    }

    private void pay(PaymentFlow flow, ApplicationRef ref) {
        URI page = flow.startPayment(ref, URI.create("https://portal.example/back"));
        payments.put(page.getPath().substring(1), PaymentProvider.Status.PAID);
    }

    /** A deregistration in miniature: the plate and the registration certificate's security code, one check, one fee. */
    private static final class TestProcedure implements Procedure {
        private final java.util.concurrent.atomic.AtomicInteger mailedEffectDays;
        private final ProcedureDescription description;

        TestProcedure(java.util.concurrent.atomic.AtomicInteger mailedEffectDays) {
            this(mailedEffectDays, DecisionPolicy.AUTOMATED);
        }

        /** With its own decision policy: two versions of the procedure that decide differently. */
        TestProcedure(java.util.concurrent.atomic.AtomicInteger mailedEffectDays, DecisionPolicy policy) {
            this(mailedEffectDays, policy, PROCEDURE, List.of(CHECK));
        }

        /** Another procedure of the same shape, with these checks. */
        TestProcedure(java.util.concurrent.atomic.AtomicInteger mailedEffectDays, DecisionPolicy policy, ProcedureId id, List<CheckId> checks) {
            this.mailedEffectDays = mailedEffectDays;
            description = ProcedureDescription.builder(id, LocalizedText.of("Abmeldung (Test)", "Test"))
                    .summary(LocalizedText.of("Test", "Test"))
                    .legalBasis(List.of(new LegalBasis("FZV § 14", "Außerbetriebsetzung")))
                    .applicants(Set.of(Applicant.NATURAL_PERSON))
                    .dialog(new Dialog(List.of(DialogStep.builder("fahrzeug", LocalizedText.of("Fahrzeug", "Vehicle"))
                            .fields(List.of(Field.required("kennzeichen", FieldType.KENNZEICHEN, LocalizedText.of("Kennzeichen", "Plate"), null),
                                    Field.required("zb1Code", FieldType.ZB1_CODE, LocalizedText.of("Sicherheitscode", "Security code"), null)))
                            .build())))
                    .checks(checks)
                    .decisionPolicy(policy)
                    .fees(List.of(FeeRule.always("224")))
                    .build();
        }

        @Override
        public ProcedureDescription description() {
            return description;
        }

        @Override
        public int daysFromMailingToEffect() {
            return mailedEffectDays.get();
        }

        /** The holder is told when the register says that someone else applied. */
        @Override
        public Set<org.openikfz.api.procedure.Output> outputs(org.openikfz.api.procedure.Evaluation evaluation) {
            return evaluation.fact(org.openikfz.api.check.Facts.ZFZR_APPLICANT_IS_HOLDER).map(holder -> !holder).orElse(false)
                    ? Set.of(org.openikfz.api.procedure.Output.NOTICE_TO_HOLDER) : Set.of();
        }
    }

    /** A clock the test moves. */
    private static final class Moved extends Clock {
        private volatile Instant now;

        Moved(Instant start) {
            this.now = start;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return Clock.fixed(now, zone);
        }
    }
}
