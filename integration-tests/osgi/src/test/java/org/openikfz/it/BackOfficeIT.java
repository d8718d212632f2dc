package org.openikfz.it;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;
import static org.openikfz.it.Simulators.waitFor;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.inject.Inject;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.function.ThrowingRunnable;
import org.junit.runner.RunWith;
import org.openikfz.api.application.ApplicationRef;
import org.openikfz.api.application.ApplicationService;
import org.openikfz.api.application.ApplicationState;
import org.openikfz.api.application.ApplicationStatus;
import org.openikfz.api.backoffice.BackOfficeException;
import org.openikfz.api.backoffice.CaseFile;
import org.openikfz.api.backoffice.ClerkCase;
import org.openikfz.api.backoffice.ClerkWorkspace;
import org.openikfz.api.backoffice.NewAccount;
import org.openikfz.api.backoffice.Role;
import org.openikfz.api.backoffice.StaffDirectory;
import org.openikfz.api.backoffice.StaffMember;
import org.openikfz.api.backoffice.StaffSession;
import org.openikfz.api.procedure.ProcedureId;
import org.openikfz.store.api.ApplicationStore;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;

/**
 * The back office in the real framework: accounts made by the first operator, logins with password
 * and one-time code, who may see and decide which case (authority, role), the clerk's decision with
 * its letter, transfer and post, exactly once, and the case file deleted after the letter window.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class BackOfficeIT {

    private static final ProcedureId ABMELDEN = new ProcedureId("ausserbetriebsetzung");
    private static int serial = 500;
    private static Instant lastOperatorLogin;

    @Inject
    private BundleContext context;
    @Inject
    private ApplicationService engine;
    @Inject
    private ApplicationStore store;
    @Inject
    private StaffDirectory staff;
    @Inject
    private ClerkWorkspace desk;

    private Simulators simulators;
    private Simulators.MovableClock clock;
    private ServiceRegistration<Clock> clockRegistration;

    @Configuration
    public Option[] config() throws IOException {
        return Platform.options("back-office", Map.of(
                "org.openikfz.simulator.http", "port=" + Platform.freePort() + "\n",
                "org.openikfz.core", "housekeeping.period=100\n"));
    }

    @Before
    public void movableClock() throws Exception {
        simulators = new Simulators(context);
        clock = new Simulators.MovableClock(Instant.now());
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put(Constants.SERVICE_RANKING, 100);
        clockRegistration = context.registerService(Clock.class, clock, properties);
        simulators.post("/kba/admin/mode", "mode=normal");
        Thread.sleep(200); // greedy clock references pick it up
    }

    @After
    public void systemClock() {
        clockRegistration.unregister();
    }

    @Test
    public void clerksDecideTheCasesOfTheirAuthorityOnlyAndAuditorsReadWithoutDeciding() throws Exception {
        StaffSession operator = operator();
        StaffSession anna = account(operator, "anna", "Anna Schmidt", Role.CLERK, "ERZ");
        StaffSession carl = account(operator, "carl", "Carl Chemnitz", Role.CLERK, "C");
        StaffSession aude = account(operator, "aude", "Aude Prüferin", Role.AUDITOR, "ERZ");

        String plate = vehicle();
        ApplicationRef ref = failedCase(plate);
        UUID id = ref.id();

        assertTrue(ids(desk.queue(anna)).contains(id));
        assertFalse("another authority's clerk does not see it", ids(desk.queue(carl)).contains(id));
        assertRefused(BackOfficeException.Reason.NOT_FOUND, () -> desk.caseFile(carl, id));
        assertRefused(BackOfficeException.Reason.NOT_FOUND, () -> desk.decide(carl, id, true, "fremd"));
        assertRefused(BackOfficeException.Reason.FORBIDDEN, () -> desk.queue(operator));
        assertRefused(BackOfficeException.Reason.FORBIDDEN, () -> desk.decide(aude, id, true, "Prüfung"));
        CaseFile read = desk.caseFile(aude, id);
        assertEquals(ClerkCase.OPEN, read.summary().state());
        // a session is checked with the directory: a made-up one proves nothing
        StaffSession forged = new StaffSession("forged", new StaffMember("anna", "Anna Schmidt", Role.CLERK, "ERZ"), Instant.MAX);
        assertRefused(BackOfficeException.Reason.UNAUTHORIZED, () -> desk.queue(forged));
        assertRefused(BackOfficeException.Reason.FORBIDDEN, () -> staff.createAccount(anna, "eve", "Eve", Role.OPERATOR, "ERZ"));

        CaseFile file = desk.caseFile(anna, id);
        assertTrue(file.toString(), file.answers().stream().anyMatch(e -> e.value().equals(plate)));
        assertTrue("the pre-check says why", file.precheck().stream().anyMatch(e -> e.value().contains("ZFZR")));
        assertFalse("no security code in the case file", file.toString().contains("Ab3De4F"));
        assertRefused(BackOfficeException.Reason.INVALID, () -> desk.decide(anna, id, true, "  "));

        ClerkCase decided = desk.decide(anna, id, true, "Register war nicht erreichbar; Angaben mit dem ZFZR abgeglichen.");
        assertEquals(ClerkCase.APPROVED, decided.state());
        assertEquals("anna", decided.decidedBy());
        assertRefused(BackOfficeException.Reason.WRONG_STATE, () -> desk.decide(anna, id, false, "doch nicht"));

        String letter = text(desk.letter(anna, id).orElseThrow());
        assertTrue(letter, letter.contains("Register war nicht erreichbar") && letter.contains("Anna Schmidt") && letter.contains(plate));
        // FZV § 23: manual decisions are mailed; effective on the third day after mailing
        ApplicationStatus citizen = engine.status(ref);
        assertEquals(ApplicationState.DECIDED, citizen.state());
        assertFalse(citizen.decision().automated());
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneId.of("Europe/Berlin"));
        assertEquals(today.plusDays(3), citizen.decision().effectiveOn());

        waitFor(() -> simulators.quietly("/post/admin/letters?application=" + id).contains("clerk-decision"));
        waitFor(() -> simulators.quietly("/fachverfahren/admin/inbox?application=" + id).contains("clerkDecision"));
        waitFor(() -> simulators.quietly("/kba/admin/transfers").contains(id.toString()));
        assertEquals(1, Simulators.count(simulators.get("/post/admin/letters?application=" + id), "clerk-decision"));
        assertTrue(desk.postalOutbox(anna).stream().anyMatch(p -> p.application().equals(id) && p.kind().equals("clerk-decision")));

        // the case file stays for the letter window, then it is deleted
        assertFalse(store.getData(id).isEmpty());
        clock.advance(Duration.ofMinutes(31));
        waitFor(() -> store.getData(id).isEmpty());
        assertEquals(ApplicationState.COMPLETED, engine.status(ref).state());
        assertTrue(store.verifyAudit().toString(), store.verifyAudit().intact());
    }

    @Test
    public void aRefusalIsMailedWithItsReasonAndNotSentToTheKba() throws Exception {
        StaffSession operator = operator();
        StaffSession berta = account(operator, "berta", "Berta Sachbearbeiterin", Role.SUPERVISOR, "ERZ");
        ApplicationRef ref = failedCase(vehicle());
        desk.decide(berta, ref.id(), false, "Das Fahrzeug ist sichergestellt; eine Außerbetriebsetzung ist nur vor Ort möglich.");
        ApplicationStatus citizen = engine.status(ref);
        assertTrue(citizen.decision().summary().get(java.util.Locale.GERMAN).contains("abgelehnt"));
        waitFor(() -> simulators.quietly("/post/admin/letters?application=" + ref.id()).contains("sichergestellt"));
        waitFor(() -> simulators.quietly("/fachverfahren/admin/inbox?application=" + ref.id()).contains("\"approved\":false"));
        assertFalse("refused: nothing for the register", simulators.get("/kba/admin/transfers").contains(ref.id().toString()));
    }

    @Test
    public void fiveWrongLoginsLockTheAccount() throws Exception {
        StaffSession operator = operator();
        NewAccount dora = staff.createAccount(operator, "dora", "Dora Test", Role.CLERK, "ERZ");
        String wrong = null;
        for (int i = 0; i < 5; i++) {
            wrong = assertThrows(BackOfficeException.class, () -> staff.login("dora", "wrong", "000000")).getMessage(java.util.Locale.GERMAN);
        }
        String code = OneTimeCodes.code(dora.totpSecret(), clock.instant());
        BackOfficeException locked = assertThrows(BackOfficeException.class, () -> staff.login("dora", dora.initialPassword(), code));
        assertEquals(BackOfficeException.Reason.UNAUTHORIZED, locked.reason());
        assertEquals("the message does not tell the lock from a wrong password", wrong, locked.getMessage(java.util.Locale.GERMAN));
        clock.advance(Duration.ofMinutes(16));
        assertNotNull(staff.login("dora", dora.initialPassword(), OneTimeCodes.code(dora.totpSecret(), clock.instant())));
        assertRefused(BackOfficeException.Reason.UNAUTHORIZED,
                () -> staff.login("dora", dora.initialPassword(), OneTimeCodes.code(dora.totpSecret(), clock.instant())));
    }

    // ---- helpers ----

    private StaffSession operator() throws Exception {
        String[] admin = OneTimeCodes.initialOperator(Path.of(System.getProperty("openikfz.home")));
        // a code is accepted only once: each login of the operator in a later 30-second step
        if (lastOperatorLogin != null && clock.instant().isBefore(lastOperatorLogin.plusSeconds(31))) {
            clock.advance(Duration.between(clock.instant(), lastOperatorLogin.plusSeconds(31)));
        }
        lastOperatorLogin = clock.instant();
        return staff.login(admin[0], admin[1], OneTimeCodes.code(admin[2], clock.instant()));
    }

    private StaffSession account(StaffSession operator, String user, String name, Role role, String authority) {
        NewAccount account = staff.createAccount(operator, user, name, role, authority);
        assertFalse("shown once, never in toString", account.toString().contains(account.initialPassword()));
        return staff.login(user, account.initialPassword(), OneTimeCodes.code(account.totpSecret(), clock.instant()));
    }

    private String vehicle() throws Exception {
        String plate = "ERZ-BO " + (++serial);
        simulators.post("/kba/admin/vehicles", DemoAnswers.vehicleForm(plate, String.format("WVWZZZ1JZXW%06d", serial),
                "Erika Mustermann", "1964-08-12", "registered=true"));
        return plate;
    }

    /** An Außerbetriebsetzung that goes to the clerks: the register is unreachable during the check. */
    private ApplicationRef failedCase(String plate) throws Exception {
        simulators.post("/kba/admin/mode", "mode=unavailable");
        try {
            ApplicationRef ref = engine.open(ABMELDEN, null);
            engine.answer(ref, DemoAnswers.abmelden(plate, "K7m", "P2x", DemoAnswers.ZB1));
            assertEquals(ApplicationState.MANUAL_REVIEW, engine.verify(ref).state());
            return ref;
        } finally {
            simulators.post("/kba/admin/mode", "mode=normal");
        }
    }

    private static List<UUID> ids(List<ClerkCase> cases) {
        return cases.stream().map(ClerkCase::application).toList();
    }

    private static void assertRefused(BackOfficeException.Reason reason, ThrowingRunnable call) {
        BackOfficeException e = assertThrows(BackOfficeException.class, call);
        assertEquals(e.getMessage(), reason, e.reason());
    }

    private static String text(byte[] pdf) throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(document);
        }
    }
}
