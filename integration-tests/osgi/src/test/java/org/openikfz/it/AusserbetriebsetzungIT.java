package org.openikfz.it;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import javax.inject.Inject;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.openikfz.api.application.ApplicationRef;
import org.openikfz.api.application.ApplicationService;
import org.openikfz.api.application.ApplicationState;
import org.openikfz.api.application.ApplicationStatus;
import org.openikfz.api.procedure.ProcedureId;
import org.openikfz.store.api.ApplicationStore;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

/**
 * Außerbetriebsetzung through the engine with the simulators, in the real framework: the shared rules
 * of FZV §§ 19–23 as an applicant and the authority see them. Time is moved with a clock service that
 * outranks the system clock, so the 30-minute deadlines need no waiting.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class AusserbetriebsetzungIT {

    private static final ProcedureId ABMELDEN = new ProcedureId("ausserbetriebsetzung");
    /** A vehicle of each test's own: one application at a time per vehicle, and the register takes it off the road once. */
    private static final java.util.concurrent.atomic.AtomicInteger VEHICLES = new java.util.concurrent.atomic.AtomicInteger(120);
    private String plate;

    @Inject
    private BundleContext context;
    @Inject
    private ApplicationService engine;
    @Inject
    private ApplicationStore store;

    private Simulators simulators;
    private Simulators.MovableClock clock;
    private ServiceRegistration<Clock> clockRegistration;

    @Configuration
    public Option[] config() throws IOException {
        int simulatorPort = Platform.freePort();
        return Platform.options("ausserbetriebsetzung", Map.of(
                "org.openikfz.simulator.http", "port=" + simulatorPort + "\n",
                "org.openikfz.ui", "port=" + Platform.freePort() + "\nbackOfficePort=" + Platform.freePort() + "\napiPort=" + Platform.freePort() + "\n",
                "org.openikfz.core", "housekeeping.period=100\n"));
    }

    @Before
    public void moveableClock() throws Exception {
        simulators = new Simulators(context);
        clock = new Simulators.MovableClock(Instant.now());
        clockRegistration = clock.register(context);
        simulator("POST", "/kba/admin/mode", "mode=normal");
        newVehicle();
    }

    /** Registers a vehicle of its own in the KBA simulator; the answers from now on are about it. */
    private void newVehicle() throws Exception {
        int vehicle = VEHICLES.incrementAndGet();
        plate = "ERZ-AB " + vehicle;
        simulator("POST", "/kba/admin/vehicles", "kennzeichen=" + plate.replace(" ", "+")
                + "&fin=WVWZZZ1JZXW000" + vehicle + "&zb1=Ab3De4F&plaketten=K7m,P2x");
    }

    @After
    public void systemClock() {
        clockRegistration.unregister();
    }

    @Test
    public void automatedDecisionRetrievedTransferredAndDeleted() throws Exception {
        ApplicationRef ref = engine.open(ABMELDEN, null);
        assertEquals(Map.of(), engine.answer(ref, answers("Ab3De4F")));
        ApplicationStatus checked = engine.verify(ref);
        assertEquals(checked.findings().toString(), ApplicationState.AWAITING_PAYMENT, checked.state());
        assertEquals(new BigDecimal("2.70"), checked.total());
        assertFalse("security codes are never shown back", checked.answers().containsKey("zb1Code"));

        pay(ref);
        ApplicationStatus decided = engine.submit(ref);
        assertEquals(ApplicationState.DECIDED, decided.state());
        String reference = decided.decision().reference();

        byte[] pdf = engine.decisionDocument(ref).orElseThrow();
        try (PDDocument document = Loader.loadPDF(pdf)) {
            String text = new PDFTextStripper().getText(document);
            assertTrue(text, text.contains(reference));
            assertTrue(text, text.contains(plate));
            assertFalse("no security code in the document", text.contains("Ab3De4F") || text.contains("K7m"));
            assertFalse("read-only", document.getCurrentAccessPermission().canModify());
        }
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneId.of("Europe/Berlin"));
        assertEquals("effective on the day of retrieval", today, engine.status(ref).decision().effectiveOn());

        clock.advance(Duration.ofMinutes(31)); // the 30-minute window closes: transfer
        waitFor(() -> engine.status(ref).state() == ApplicationState.COMPLETED);
        assertEquals("no dialog data left after transfer", Map.of(), store.getData(ref.id()));
        List<String> audit = store.auditTrail(ref.id()).stream().map(e -> e.type()).toList();
        assertTrue(audit.toString(), audit.containsAll(List.of("OPENED", "VERIFIED", "PAID", "DECIDED", "RETRIEVED", "DATA_DELETED")));
        assertFalse("audit holds no security code", store.auditTrail(ref.id()).toString().contains("Ab3De4F"));
        String inbox = simulator("GET", "/fachverfahren/admin/inbox?application=" + ref.id(), null);
        assertTrue(inbox, inbox.contains("\"internetApplication\":true") && inbox.contains(reference));
        assertEquals("exactly one message in the Fachverfahren", 1, count(inbox, "\"messageId\""));
    }

    @Test
    public void wrongZb1CodeLeavesThreeCorrectionsThenAborts() throws Exception {
        ApplicationRef ref = engine.open(ABMELDEN, null);
        engine.answer(ref, answers("Zz9Zz9Z"));
        ApplicationStatus first = engine.verify(ref);
        assertEquals(ApplicationState.DIALOG, first.state());
        assertEquals("kennzeichen", first.findings().get(0).fieldId());
        assertEquals(3, first.correctionsLeft());
        // FZV § 20(4): each correction that still opposes costs one; the third aborts
        for (int left : new int[] {2, 1}) {
            engine.answer(ref, Map.of("zb1Code", "Zz9Zz9" + (left == 2 ? "Y" : "X")));
            ApplicationStatus again = engine.verify(ref);
            assertEquals(ApplicationState.DIALOG, again.state());
            assertEquals(left, again.correctionsLeft());
        }
        engine.answer(ref, Map.of("zb1Code", "Zz9Zz9W"));
        ApplicationStatus aborted = engine.verify(ref);
        assertEquals(ApplicationState.ABORTED, aborted.state());
        assertEquals(0, aborted.correctionsLeft());
        assertFalse(store.getData(ref.id()).isEmpty());

        clock.advance(Duration.ofMinutes(30)); // FZV § 19(1) S. 6: at the latest 30 minutes after the abort
        waitFor(() -> store.getData(ref.id()).isEmpty());
    }

    @Test
    public void registerUnavailableSendsTheCaseToTheClerks() throws Exception {
        simulator("POST", "/kba/admin/mode", "mode=unavailable");
        ApplicationRef ref = engine.open(ABMELDEN, null);
        engine.answer(ref, answers("Ab3De4F"));
        ApplicationStatus notDecidable = engine.verify(ref);
        // the applicant chooses (2019 memo on § 15h(1) S. 3): applied for anyway, fees first (§ 20(5)), the clerks decide
        assertEquals(ApplicationState.NOT_DECIDABLE, notDecidable.state());
        assertTrue(notDecidable.next().get(java.util.Locale.GERMAN), notDecidable.next().get(java.util.Locale.GERMAN).contains("zurück"));
        pay(ref);
        ApplicationStatus status = engine.submit(ref);
        assertEquals(ApplicationState.MANUAL_REVIEW, status.state());
        assertTrue(status.next().get(java.util.Locale.GERMAN), status.next().get(java.util.Locale.GERMAN).contains("Zulassungsbehörde"));
        waitFor(() -> simulatorQuietly("/fachverfahren/admin/inbox?application=" + ref.id()).contains("\"manualReview\":true"));
        // with the clerks now: the case file stays in the portal's back office until a clerk decides,
        // without the security codes, which have served their purpose (FZV § 21)
        Map<String, String> caseFile = store.getData(ref.id());
        assertEquals(plate, caseFile.get("kennzeichen"));
        for (String code : List.of("zb1Code", "plaketteVorn", "plaketteHinten")) {
            assertFalse(code + " kept", caseFile.containsKey(code));
        }
    }

    @Test
    public void decisionNotRetrievedIsMailedAndTakesEffectOnTheDayItIsSent() throws Exception {
        ApplicationRef ref = decided();
        clock.advance(Duration.ofMinutes(31));
        waitFor(() -> engine.status(ref).state() == ApplicationState.COMPLETED);
        var decision = engine.status(ref).decision();
        LocalDate mailed = LocalDate.ofInstant(clock.instant(), ZoneId.of("Europe/Berlin"));
        assertEquals(mailed, decision.mailedOn());
        // 2019 § 15h(1) S. 2: a mailed Außerbetriebsetzung takes effect the day the printout is sent, not the third day
        assertEquals("effective the day it is sent", mailed, decision.effectiveOn());
        assertTrue(engine.decisionDocument(ref).isEmpty());
        String inbox = simulator("GET", "/fachverfahren/admin/inbox?application=" + ref.id(), null);
        assertTrue("printout queued", inbox.contains("\"printAndMail\":true"));
    }

    /**
     * Chosen behaviour: applications in the dialog outlive their procedure bundle. While it is gone the
     * engine answers "not available right now" and keeps the entries; reinstalled, the applicant continues.
     */
    @Test
    public void applicationsSurviveTheirProcedureBundleGoingAway() throws Exception {
        ApplicationRef ref = engine.open(ABMELDEN, null);
        engine.answer(ref, Map.of("kennzeichen", plate));
        org.osgi.framework.Bundle procedure = java.util.Arrays.stream(context.getBundles())
                .filter(b -> b.getSymbolicName().equals("org.openikfz.procedure.ausserbetriebsetzung")).findFirst().orElseThrow();
        procedure.stop();
        try {
            org.openikfz.api.application.ApplicationException e = org.junit.Assert.assertThrows(
                    org.openikfz.api.application.ApplicationException.class, () -> engine.answer(ref, answers("Ab3De4F")));
            assertEquals(org.openikfz.api.application.ApplicationException.Reason.UNAVAILABLE, e.reason());
            assertTrue(e.getMessage(java.util.Locale.GERMAN).contains("Ihre Angaben bleiben erhalten"));
            assertEquals(plate, store.getData(ref.id()).get("kennzeichen"));
        } finally {
            procedure.start();
        }
        waitFor(() -> {
            try {
                return engine.answer(ref, answers("Ab3De4F")).isEmpty();
            } catch (org.openikfz.api.application.ApplicationException notYet) {
                return false;
            }
        });
        assertEquals(ApplicationState.AWAITING_PAYMENT, engine.verify(ref).state());
    }

    /**
     * FZV § 19(1) S. 6 for every state, by the clock: an abandoned dialog (codes entered, never
     * verified) and a verified application never paid count as abandoned after the 30 idle minutes
     * and lose all their dialog data; a decided one after its window and the transfer.
     */
    @Test
    public void noCaseKeepsItsSecurityCodesPastItsDeadline() throws Exception {
        ApplicationRef abandoned = engine.open(ABMELDEN, null);
        engine.answer(abandoned, answers("Ab3De4F"));
        assertEquals("Ab3De4F", store.getData(abandoned.id()).get("zb1Code"));
        ApplicationRef unpaid = engine.open(ABMELDEN, null);
        engine.answer(unpaid, answers("Ab3De4F"));
        assertEquals(ApplicationState.AWAITING_PAYMENT, engine.verify(unpaid).state());
        newVehicle(); // one application at a time per vehicle: the decided one is about another
        ApplicationRef decided = decided();

        // not yet after 29 minutes: a whole round of the deadlines later, the codes are still there
        org.openikfz.api.health.PlatformHealth health = context.getService(context.getServiceReference(org.openikfz.api.health.PlatformHealth.class));
        clock.advance(Duration.ofMinutes(29));
        Instant advanced = Instant.now();
        waitFor(() -> health.jobs().stream().anyMatch(j -> j.name().equals("deadlines") && j.lastRun() != null && j.lastRun().isAfter(advanced)
                && j.lastSuccess() != null && !j.lastSuccess().isBefore(j.lastRun())));
        assertEquals("Ab3De4F", store.getData(abandoned.id()).get("zb1Code"));

        clock.advance(Duration.ofMinutes(2));
        waitFor(() -> store.getData(abandoned.id()).isEmpty() && store.getData(unpaid.id()).isEmpty()
                && store.getData(decided.id()).isEmpty());
        assertEquals("ABORTED_DELETED", store.findCase(abandoned.id()).orElseThrow().state());
        assertEquals("ABORTED_DELETED", store.findCase(unpaid.id()).orElseThrow().state());
        assertEquals("COMPLETED", store.findCase(decided.id()).orElseThrow().state());
        for (ApplicationRef ref : List.of(abandoned, unpaid, decided)) {
            List<String> audit = store.auditTrail(ref.id()).stream().map(e -> e.type()).toList();
            assertTrue(audit.toString(), audit.contains("DATA_DELETED"));
        }
    }

    /**
     * An Error in a background job (here an OutOfMemoryError from a transfer connector) is caught:
     * the job is reported faulty to the health check and runs again, and is healthy once the cause is gone.
     */
    @Test
    public void anErrorInAJobIsReportedAndTheJobRunsAgain() throws Exception {
        org.openikfz.api.connector.TransferTarget failing = new org.openikfz.api.connector.TransferTarget() {
            @Override
            public String destination() {
                return org.openikfz.api.connector.TransferTarget.KBA;
            }

            @Override
            public void deliver(org.openikfz.api.connector.TransferMessage message) {
                throw new OutOfMemoryError("simulated by the test");
            }
        };
        ServiceRegistration<org.openikfz.api.connector.TransferTarget> registration =
                context.registerService(org.openikfz.api.connector.TransferTarget.class, failing, null);
        org.openikfz.api.health.PlatformHealth health = context.getService(context.getServiceReference(org.openikfz.api.health.PlatformHealth.class));
        try {
            decided();
            clock.advance(Duration.ofMinutes(31));
            waitFor(() -> health.jobs().stream().anyMatch(j -> j.name().equals("outbox") && !j.healthy() && j.failures() >= 2
                    && String.valueOf(j.lastError()).contains("OutOfMemoryError")));
            HttpResponse<String> down = healthCheck();
            assertEquals(down.body(), 503, down.statusCode());
            assertTrue(down.body(), down.body().contains("\"status\":\"DOWN\"") && down.body().contains("\"name\":\"outbox\""));
            assertFalse("no error texts on the public health check", down.body().contains("simulated by the test"));
        } finally {
            registration.unregister();
        }
        // the cause gone (the KBA connector's messages wait until one is there again), the job runs and is healthy again
        waitFor(() -> health.jobs().stream().allMatch(org.openikfz.api.health.JobStatus::healthy));
        HttpResponse<String> up = healthCheck();
        assertEquals(up.body(), 200, up.statusCode());
    }

    private HttpResponse<String> healthCheck() throws Exception {
        var admin = context.getService(context.getServiceReference(org.osgi.service.cm.ConfigurationAdmin.class));
        // on the machine API's ingress
        Object port = admin.getConfiguration("org.openikfz.ui", null).getProperties().get("apiPort");
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** An automated decision of the demo vehicle, paid and submitted. */
    private ApplicationRef decided() throws Exception {
        ApplicationRef ref = engine.open(ABMELDEN, null);
        assertEquals(Map.of(), engine.answer(ref, answers("Ab3De4F")));
        assertEquals(ApplicationState.AWAITING_PAYMENT, engine.verify(ref).state());
        pay(ref);
        assertEquals(ApplicationState.DECIDED, engine.submit(ref).state());
        return ref;
    }

    private Map<String, String> answers(String zb1) {
        return DemoAnswers.abmelden(plate, "K7m", "P2x", zb1);
    }

    private void pay(ApplicationRef ref) throws Exception {
        simulators.pay(engine, ref);
    }

    private String simulator(String method, String path, String form) throws Exception {
        return simulators.call(method, path, form);
    }

    private String simulatorQuietly(String path) {
        return simulators.quietly(path);
    }

    private static int count(String text, String needle) {
        return Simulators.count(text, needle);
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        Simulators.waitFor(condition);
    }
}
