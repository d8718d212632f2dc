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
import org.openikfz.api.backoffice.PostalAddress;
import org.openikfz.api.backoffice.ClerkWorkspace;
import org.openikfz.api.backoffice.DecisionReview;
import org.openikfz.api.backoffice.ReviewStatistics;
import org.openikfz.api.backoffice.ReviewedDecision;
import org.openikfz.api.backoffice.TraceEntry;
import org.openikfz.api.backoffice.NewAccount;
import org.openikfz.api.backoffice.Role;
import org.openikfz.api.backoffice.StaffDirectory;
import org.openikfz.api.backoffice.StaffMember;
import org.openikfz.api.backoffice.StaffSession;
import org.openikfz.api.procedure.ProcedureId;
import org.openikfz.store.api.ApplicationStore;
import org.openikfz.store.api.AuditVerification;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
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
    @Inject
    private DecisionReview review;
    @Inject
    private org.openikfz.api.backoffice.PlatformOverview platform;

    private Simulators simulators;
    private Simulators.MovableClock clock;
    private ServiceRegistration<Clock> clockRegistration;

    @Configuration
    public Option[] config() throws IOException {
        return Platform.options("back-office", Map.of(
                "org.openikfz.simulator.http", "port=" + Platform.freePort() + "\n",
                // no random draw here: the review tests select by hand (the draw itself: ReviewSamplingTest, ClerkBrowserIT)
                "org.openikfz.core", "housekeeping.period=100\nreview.rate=0\n"));
    }

    @Before
    public void movableClock() throws Exception {
        simulators = new Simulators(context);
        clock = new Simulators.MovableClock(Instant.now());
        clockRegistration = clock.register(context);
        simulators.post("/kba/admin/mode", "mode=normal");
    }

    @After
    public void systemClock() {
        clockRegistration.unregister();
    }

    @Test
    public void clerksDecideTheCasesOfTheirAuthorityOnlyAndAuditorsReadWithoutDeciding() throws Exception {
        StaffSession operator = operator();
        StaffSession anna = account(operator, "anna", "Anna Schmidt", Role.CLERK, "ERZ");
        // this platform holds ERZ's cases: an account of another authority would see nothing and is refused ...
        assertRefused(BackOfficeException.Reason.INVALID, () -> staff.createAccount(operator, "carl", "Carl Chemnitz", Role.CLERK, "C"));
        assertEquals(List.of("ERZ"), staff.authorities(operator));
        assertRefused(BackOfficeException.Reason.FORBIDDEN, () -> staff.authorities(anna));
        // ... yet one may be in the database from an earlier configuration: the desk keeps it out of ERZ's cases
        NewAccount made = staff.createAccount(operator, "carl", "Carl Chemnitz", Role.CLERK, "ERZ");
        org.openikfz.store.api.StaffAccount stored = store.findAccount("carl").orElseThrow();
        assertTrue(store.deleteAccount("carl"));
        assertTrue(store.createAccount(new org.openikfz.store.api.StaffAccount(stored.user(), stored.displayName(), stored.role(), "C",
                stored.passwordHash(), stored.totpSecret(), 0, 0, null, null)));
        StaffSession carl = staff.login("carl", made.initialPassword(), OneTimeCodes.code(made.totpSecret(), clock.instant()));
        assertEquals("C", carl.member().authority());
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
        // the operator sees the platform and no case; the auditor verifies the log; the clerk neither
        assertTrue(platform.bundles(operator).stream().anyMatch(b -> b.symbolicName().equals("org.openikfz.core") && b.healthy()));
        assertTrue(platform.verifyAuditTrail(aude), platform.verifyAuditTrail(aude).startsWith("Protokoll unverändert"));
        assertRefused(BackOfficeException.Reason.FORBIDDEN, () -> platform.bundles(anna));
        assertRefused(BackOfficeException.Reason.FORBIDDEN, () -> platform.verifyAuditTrail(anna));

        CaseFile file = desk.caseFile(anna, id);
        assertTrue(file.toString(), file.answers().stream().anyMatch(e -> e.value().equals(plate)));
        assertTrue("the pre-check says why, in German: " + file.precheck(), file.precheck().stream()
                .anyMatch(e -> e.value().contains("Das Fahrzeugregister (ZFZR) war bei der Prüfung nicht erreichbar")));
        assertFalse("no English log text for the clerk: " + file.precheck(), file.precheck().toString().contains("not reachable"));
        assertTrue(desk.queue(anna).stream().filter(c -> c.application().equals(id)).findFirst().orElseThrow().reason()
                .startsWith("Das Fahrzeugregister (ZFZR) war bei der Prüfung nicht erreichbar"));
        assertFalse("no security code in the case file", file.toString().contains("Ab3De4F"));
        assertRefused(BackOfficeException.Reason.INVALID, () -> desk.decide(anna, id, true, "  "));

        // not identified, the register unreachable: no address is known, and a letter never goes without one (FZV § 23(1) S. 3)
        assertEquals(java.util.Optional.empty(), desk.letterAddress(anna, id));
        assertRefused(BackOfficeException.Reason.INVALID, () -> desk.decide(anna, id, true, "Angaben mit dem ZFZR abgeglichen."));
        assertRefused(BackOfficeException.Reason.INVALID, () -> desk.decide(anna, id, true, "Angaben mit dem ZFZR abgeglichen.",
                new PostalAddress("Erika Mustermann", "", "09456", "Annaberg-Buchholz")));
        ClerkCase decided = desk.decide(anna, id, true, "Register war nicht erreichbar; Angaben mit dem ZFZR abgeglichen.",
                new PostalAddress("Erika Mustermann", "Hauptstraße 1", "09456", "Annaberg-Buchholz"));
        assertEquals(ClerkCase.APPROVED, decided.state());
        assertEquals("anna", decided.decidedBy());
        assertRefused(BackOfficeException.Reason.WRONG_STATE, () -> desk.decide(anna, id, false, "doch nicht", ERIKA));

        String letter = text(desk.letter(anna, id).orElseThrow());
        assertTrue(letter, letter.contains("Register war nicht erreichbar") && letter.contains("Anna Schmidt") && letter.contains(plate)
                && letter.contains("Erika Mustermann") && letter.contains("09456 Annaberg-Buchholz"));
        // FZV § 23(1) S. 3: manual decisions are mailed; an Außerbetriebsetzung takes effect the day it is sent (2019 § 15h(1) S. 3)
        ApplicationStatus citizen = engine.status(ref);
        assertEquals(ApplicationState.DECIDED, citizen.state());
        assertFalse(citizen.decision().automated());
        assertTrue("nothing to download: the decision comes by post", citizen.documents().isEmpty()
                && citizen.next().get(java.util.Locale.GERMAN).contains("per Post"));
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneId.of("Europe/Berlin"));
        assertEquals(today, citizen.decision().effectiveOn());

        waitFor(() -> simulators.quietly("/post/admin/letters?application=" + id).contains("clerk-decision"));
        waitFor(() -> simulators.quietly("/fachverfahren/admin/inbox?application=" + id).contains("clerkDecision"));
        waitFor(() -> simulators.quietly("/kba/admin/transfers").contains(id.toString()));
        assertEquals(1, Simulators.count(simulators.get("/post/admin/letters?application=" + id), "clerk-decision"));
        assertTrue("the post service got the address", simulators.get("/post/admin/letters?application=" + id).contains("Erika Mustermann"));
        assertTrue(desk.postalOutbox(anna).stream().anyMatch(p -> p.application().equals(id) && p.kind().equals("clerk-decision")));

        // the case file stays for the letter window, then it is deleted
        assertFalse(store.getData(id).isEmpty());
        clock.advance(Duration.ofMinutes(31));
        waitFor(() -> store.getData(id).isEmpty());
        assertEquals(ApplicationState.COMPLETED, engine.status(ref).state());
        AuditVerification verification = store.verifyAudit();
        assertTrue(verification.toString(), verification.intact());
    }

    @Test
    public void aCaseTakenByOneClerkIsNeitherTakenNorDecidedByAnotherAndASupervisorTakesItOver() throws Exception {
        StaffSession operator = operator();
        StaffSession hanna = account(operator, "hanna", "Hanna Sachbearbeiterin", Role.CLERK, "ERZ");
        StaffSession jonas = account(operator, "jonas", "Jonas Sachbearbeiter", Role.CLERK, "ERZ");
        StaffSession kira = account(operator, "kira", "Kira Leitung", Role.SUPERVISOR, "ERZ");
        String plate = vehicle();
        UUID id = failedCase(plate).id();
        ClerkCase listed = desk.queue(hanna).stream().filter(c -> c.application().equals(id)).findFirst().orElseThrow();
        assertEquals("the list names the plate", plate, listed.plate());
        assertEquals("nobody holds it yet", null, listed.assignedTo());

        // both take it at once: one gets it, the other is told who has it
        java.util.concurrent.atomic.AtomicInteger turn = new java.util.concurrent.atomic.AtomicInteger();
        List<String> outcomes = race(2, () -> {
            StaffSession who = turn.getAndIncrement() == 0 ? hanna : jonas;
            try {
                return "taken by " + desk.take(who, id).assignedTo();
            } catch (BackOfficeException e) {
                return who.member().user() + " refused: " + e.reason();
            }
        });
        assertEquals(outcomes.toString(), 1, outcomes.stream().filter(o -> o.startsWith("taken by ")).count());
        String holder = desk.queue(hanna).stream().filter(c -> c.application().equals(id)).findFirst().orElseThrow().assignedTo();
        StaffSession first = holder.equals("hanna") ? hanna : jonas;
        StaffSession second = first == hanna ? jonas : hanna;
        assertRefused(BackOfficeException.Reason.WRONG_STATE, () -> desk.take(second, id));
        assertRefused(BackOfficeException.Reason.WRONG_STATE, () -> desk.decide(second, id, true, "Angaben geprüft.", ERIKA));
        assertRefused(BackOfficeException.Reason.WRONG_STATE, () -> desk.giveBack(second, id));

        // the supervisor takes it over; then the first clerk can no longer decide it
        assertEquals("kira", desk.take(kira, id).assignedTo());
        assertRefused(BackOfficeException.Reason.WRONG_STATE, () -> desk.decide(first, id, true, "Angaben geprüft.", ERIKA));
        assertEquals(null, desk.giveBack(kira, id).assignedTo());
        assertEquals(second.member().user(), desk.take(second, id).assignedTo());
        assertEquals(ClerkCase.APPROVED, desk.decide(second, id, true, "Angaben mit dem ZFZR abgeglichen.", ERIKA).state());
        assertRefused(BackOfficeException.Reason.WRONG_STATE, () -> desk.take(kira, id));
        List<String> trail = store.auditTrail(id).stream().map(e -> e.type()).toList();
        assertTrue(trail.toString(), trail.containsAll(List.of("CASE_ASSIGNED", "CASE_RELEASED")));
    }

    /**
     * #18 item 6, FZV § 19(1) S. 4: the register is back; the clerk runs the case's checks again with the codes the portal
     * kept sealed (never in clear in the database), the pre-check says they passed, and deciding deletes the sealed codes.
     */
    @Test
    public void aClerkRunsTheChecksAgainOnceTheRegisterIsBackAndTheSealedCodesGoWithTheDecision() throws Exception {
        StaffSession operator = operator();
        StaffSession mara = account(operator, "mara", "Mara Sachbearbeiterin", Role.CLERK, "ERZ");
        StaffSession pia = account(operator, "pia", "Pia Prüferin", Role.AUDITOR, "ERZ");
        UUID id = failedCase(vehicle()).id();
        java.util.Map<String, String> kept = store.getData(id);
        assertFalse(kept.toString(), kept.containsValue(DemoAnswers.ZB1) || kept.containsKey("zb1Code"));
        assertTrue(kept.toString(), kept.keySet().stream().anyMatch(k -> k.startsWith("_sealed.")));
        assertTrue(desk.caseFile(mara, id).precheck().stream().anyMatch(e -> e.label().equals("Nicht maschinell prüfbar")));
        assertRefused(BackOfficeException.Reason.FORBIDDEN, () -> desk.recheck(pia, id));

        org.openikfz.api.backoffice.CaseFile after = desk.recheck(mara, id);
        assertTrue(after.precheck().toString(), after.precheck().stream()
                .anyMatch(e -> e.label().startsWith("Erneut geprüft am") && e.value().equals("Alle Prüfungen bestanden")));
        assertTrue(after.precheck().toString(), after.precheck().stream().noneMatch(e -> e.label().equals("Nicht maschinell prüfbar")));
        assertEquals(ClerkCase.OPEN, after.summary().state());
        assertEquals(ClerkCase.APPROVED, desk.decide(mara, id, true, "Angaben mit dem ZFZR abgeglichen.", ERIKA).state());
        assertTrue(store.getData(id).toString(), store.getData(id).keySet().stream().noneMatch(k -> k.startsWith("_sealed.")));
        assertRefused(BackOfficeException.Reason.WRONG_STATE, () -> desk.recheck(mara, id));
    }

    /** A decision and a colleague's "Mir zuweisen" at the same moment: the case ends decided and held by the same clerk. */
    @Test
    public void aDecisionAndAColleaguesTakingAtOnceEndWithOneClerk() throws Exception {
        StaffSession operator = operator();
        StaffSession lena = account(operator, "lena", "Lena Sachbearbeiterin", Role.CLERK, "ERZ");
        StaffSession omar = account(operator, "omar", "Omar Sachbearbeiter", Role.CLERK, "ERZ");
        for (int round = 0; round < 5; round++) {
            UUID id = failedCase(vehicle()).id();
            java.util.concurrent.atomic.AtomicInteger turn = new java.util.concurrent.atomic.AtomicInteger();
            List<String> outcomes = race(2, () -> {
                boolean deciding = turn.getAndIncrement() == 0;
                try {
                    return deciding ? "decided by lena: " + desk.decide(lena, id, true, "Angaben geprüft.", ERIKA).state()
                            : "taken by " + desk.take(omar, id).assignedTo();
                } catch (BackOfficeException e) {
                    return (deciding ? "lena" : "omar") + " refused";
                }
            });
            boolean decided = outcomes.stream().anyMatch(o -> o.startsWith("decided by lena"));
            assertEquals(outcomes.toString(), 1, outcomes.stream().filter(o -> !o.endsWith("refused")).count());
            String holder = store.caseAssignments(List.of(id)).get(id);
            assertEquals(outcomes.toString(), decided ? "lena" : "omar", holder);
        }
    }

    @Test
    public void aRefusalIsMailedWithItsReasonAndNotSentToTheKba() throws Exception {
        StaffSession operator = operator();
        StaffSession berta = account(operator, "berta", "Berta Sachbearbeiterin", Role.SUPERVISOR, "ERZ");
        ApplicationRef ref = failedCase(vehicle());
        desk.decide(berta, ref.id(), false, "Das Fahrzeug ist sichergestellt; eine Außerbetriebsetzung ist nur vor Ort möglich.", ERIKA);
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

    /**
     * An outsider guessing from one address is throttled before the account counts the failures: the member logs in
     * from another address at once; the account is not locked.
     */
    @Test
    public void anOutsiderCannotLockAnAccount() throws Exception {
        NewAccount gerd = staff.createAccount(operator(), "gerd", "Gerd Test", Role.CLERK, "ERZ");
        for (int i = 0; i < 12; i++) {
            assertRefused(BackOfficeException.Reason.UNAUTHORIZED, () -> staff.login("gerd", "wrong", "000000", "203.0.113.7"));
        }
        String code = OneTimeCodes.code(gerd.totpSecret(), clock.instant());
        assertRefused(BackOfficeException.Reason.UNAUTHORIZED, () -> staff.login("gerd", gerd.initialPassword(), code, "203.0.113.7"));
        assertNotNull(staff.login("gerd", gerd.initialPassword(), code, "198.51.100.2"));
        assertEquals(null, store.findAccount("gerd").orElseThrow().lockedUntil());
    }

    /** Twenty wrong logins at once from one address cannot outrun its allowance either: the account is not locked. */
    @Test
    public void parallelGuessesFromOneAddressCannotLockAnAccount() throws Exception {
        NewAccount kurt = staff.createAccount(operator(), "kurt", "Kurt Test", Role.CLERK, "ERZ");
        List<Boolean> refused = race(20, () -> {
            try {
                staff.login("kurt", "wrong", "000000", "203.0.113.8");
                return false;
            } catch (BackOfficeException e) {
                return e.reason() == BackOfficeException.Reason.UNAUTHORIZED;
            }
        });
        assertEquals(java.util.Collections.nCopies(20, true), refused);
        assertEquals(null, store.findAccount("kurt").orElseThrow().lockedUntil());
        assertNotNull(staff.login("kurt", kurt.initialPassword(), OneTimeCodes.code(kurt.totpSecret(), clock.instant()), "198.51.100.3"));
    }

    /**
     * The operators' part of an account's life: disable (its sessions end, no login), enable, reset the access (new
     * password and code secret, the old ones no longer work), delete. Not one's own account; the code secret is
     * stored encrypted, with a key outside the database.
     */
    @Test
    public void operatorsDisableEnableResetAndDeleteAccounts() throws Exception {
        StaffSession operator = operator();
        NewAccount hanna = staff.createAccount(operator, "hanna", "Hanna Test", Role.CLERK, "ERZ");
        StaffSession session = staff.login("hanna", hanna.initialPassword(), OneTimeCodes.code(hanna.totpSecret(), clock.instant()));
        String stored = store.findAccount("hanna").orElseThrow().totpSecret();
        assertTrue(stored, stored.startsWith("aesgcm1:") && !stored.contains(hanna.totpSecret()));
        Path key = Path.of(System.getProperty("openikfz.home")).resolve("data/staff.key");
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(java.nio.file.Files.getPosixFilePermissions(key)));

        staff.setDisabled(operator, "hanna", true);
        assertTrue("her sessions end", staff.session(session.token()).isEmpty());
        clock.advance(Duration.ofSeconds(31));
        assertRefused(BackOfficeException.Reason.UNAUTHORIZED,
                () -> staff.login("hanna", hanna.initialPassword(), OneTimeCodes.code(hanna.totpSecret(), clock.instant()), "10.0.0.1"));
        assertTrue(staff.accountStatus(operator).stream().anyMatch(a -> a.member().user().equals("hanna") && a.disabled()));
        staff.setDisabled(operator, "hanna", false);
        clock.advance(Duration.ofSeconds(31));
        assertNotNull(staff.login("hanna", hanna.initialPassword(), OneTimeCodes.code(hanna.totpSecret(), clock.instant()), "10.0.0.2"));

        NewAccount reset = staff.resetAccess(operator, "hanna");
        clock.advance(Duration.ofSeconds(31));
        assertRefused(BackOfficeException.Reason.UNAUTHORIZED,
                () -> staff.login("hanna", hanna.initialPassword(), OneTimeCodes.code(reset.totpSecret(), clock.instant()), "10.0.0.3"));
        assertRefused(BackOfficeException.Reason.UNAUTHORIZED,
                () -> staff.login("hanna", reset.initialPassword(), OneTimeCodes.code(hanna.totpSecret(), clock.instant()), "10.0.0.4"));
        assertNotNull(staff.login("hanna", reset.initialPassword(), OneTimeCodes.code(reset.totpSecret(), clock.instant()), "10.0.0.5"));

        String me = OneTimeCodes.initialOperator(Path.of(System.getProperty("openikfz.home")))[0];
        assertTrue("no fixed name: " + me, me.startsWith("betrieb-") && me.length() > "betrieb-".length());
        assertRefused(BackOfficeException.Reason.INVALID, () -> staff.setDisabled(operator, me, true));
        assertRefused(BackOfficeException.Reason.INVALID, () -> staff.deleteAccount(operator, me));
        clock.advance(Duration.ofSeconds(31));
        StaffSession clerk = staff.login("hanna", reset.initialPassword(), OneTimeCodes.code(reset.totpSecret(), clock.instant()), "10.0.0.6");
        assertRefused(BackOfficeException.Reason.FORBIDDEN, () -> staff.deleteAccount(clerk, me));
        staff.deleteAccount(operator, "hanna");
        assertTrue(store.findAccount("hanna").isEmpty());
        assertTrue(staff.session(clerk.token()).isEmpty());
    }

    /** Two operators disabling each other at the same moment: one of them stays, never none (ten rounds). */
    @Test
    public void twoOperatorsDisablingEachOtherLeaveOne() throws Exception {
        StaffSession first = operator();
        for (int round = 0; round < 10; round++) {
            StaffSession a = account(first, "op-a" + round, "Betrieb A", Role.OPERATOR, "BETRIEB");
            StaffSession b = account(first, "op-b" + round, "Betrieb B", Role.OPERATOR, "BETRIEB");
            List<Boolean> done = race(2, new java.util.concurrent.Callable<Boolean>() {
                private final java.util.concurrent.atomic.AtomicInteger turn = new java.util.concurrent.atomic.AtomicInteger();

                @Override
                public Boolean call() {
                    boolean isA = turn.getAndIncrement() == 0;
                    try {
                        staff.setDisabled(isA ? a : b, (isA ? b : a).member().user(), true);
                        return true;
                    } catch (BackOfficeException e) {
                        return false;
                    }
                }
            });
            List<String> pair = List.of(a.member().user(), b.member().user());
            long disabled = staff.accountStatus(first).stream().filter(s -> pair.contains(s.member().user()) && s.disabled()).count();
            assertEquals("round " + round + ": " + done, 1, disabled);
        }
    }

    /** Every member changes their own password: the current one first, a new one of at least 12 characters. */
    @Test
    public void membersChangeTheirOwnPassword() throws Exception {
        NewAccount ida = staff.createAccount(operator(), "ida", "Ida Test", Role.CLERK, "ERZ");
        StaffSession session = staff.login("ida", ida.initialPassword(), OneTimeCodes.code(ida.totpSecret(), clock.instant()));
        assertRefused(BackOfficeException.Reason.UNAUTHORIZED, () -> staff.changeOwnPassword(session, "not it", "Ein-langes-Passwort-2026"));
        assertRefused(BackOfficeException.Reason.INVALID, () -> staff.changeOwnPassword(session, ida.initialPassword(), "kurz"));
        assertRefused(BackOfficeException.Reason.INVALID, () -> staff.changeOwnPassword(session, ida.initialPassword(), "aaaaaaaaaaaaaaaa"));
        staff.changeOwnPassword(session, ida.initialPassword(), "Ein-langes-Passwort-2026");
        clock.advance(Duration.ofSeconds(31));
        assertRefused(BackOfficeException.Reason.UNAUTHORIZED,
                () -> staff.login("ida", ida.initialPassword(), OneTimeCodes.code(ida.totpSecret(), clock.instant()), "10.1.0.1"));
        assertNotNull(staff.login("ida", "Ein-langes-Passwort-2026", OneTimeCodes.code(ida.totpSecret(), clock.instant()), "10.1.0.2"));
    }

    /** Twenty wrong logins at once end as five one after the other do: locked, the right password refused. */
    @Test
    public void twentyParallelWrongLoginsLockTheAccount() throws Exception {
        NewAccount emil = staff.createAccount(operator(), "emil", "Emil Test", Role.CLERK, "ERZ");
        List<Boolean> refused = race(20, () -> {
            try {
                staff.login("emil", "wrong", "000000");
                return false;
            } catch (BackOfficeException e) {
                return e.reason() == BackOfficeException.Reason.UNAUTHORIZED;
            }
        });
        assertEquals(java.util.Collections.nCopies(20, true), refused);
        String code = OneTimeCodes.code(emil.totpSecret(), clock.instant());
        assertRefused(BackOfficeException.Reason.UNAUTHORIZED, () -> staff.login("emil", emil.initialPassword(), code));
    }

    /** One one-time code used in six logins at once: one session, five refusals (the code is spent). */
    @Test
    public void oneTotpCodeInSixParallelLoginsOpensOneSession() throws Exception {
        NewAccount fritz = staff.createAccount(operator(), "fritz", "Fritz Test", Role.CLERK, "ERZ");
        String code = OneTimeCodes.code(fritz.totpSecret(), clock.instant());
        List<Boolean> sessions = race(6, () -> {
            try {
                return staff.login("fritz", fritz.initialPassword(), code) != null;
            } catch (BackOfficeException e) {
                return false;
            }
        });
        assertEquals(sessions.toString(), 1, sessions.stream().filter(Boolean::booleanValue).count());
    }

    private static <T> List<T> race(int threads, java.util.concurrent.Callable<T> work) throws Exception {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        try {
            java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
            List<java.util.concurrent.Future<T>> futures = new java.util.ArrayList<>();
            for (int i = 0; i < threads; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return work.call();
                }));
            }
            start.countDown();
            List<T> results = new java.util.ArrayList<>();
            for (var f : futures) {
                results.add(f.get(120, java.util.concurrent.TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    public void supervisorsSelectConfirmAndRevokeAutomatedDecisionsWithinOneMonthAndAuditorsReadTheirWorkings() throws Exception {
        StaffSession operator = operator();
        NewAccount sinaAccount = staff.createAccount(operator, "sina", "Sina Leitung", Role.SUPERVISOR, "ERZ");
        StaffSession sina = staff.login("sina", sinaAccount.initialPassword(), OneTimeCodes.code(sinaAccount.totpSecret(), clock.instant()));
        StaffSession paul = account(operator, "paul", "Paul Prüfer", Role.AUDITOR, "ERZ");
        StaffSession clara = account(operator, "clara", "Clara Sachbearbeitung", Role.CLERK, "ERZ");
        String plateA = vehicle();
        String plateB = vehicle();
        String plateC = vehicle();
        ApplicationRef a = decided(plateA);
        ApplicationRef b = decided(plateB);
        ApplicationRef c = decided(plateC);

        List<ReviewedDecision> all = review.decisions(sina, false);
        for (ApplicationRef ref : List.of(a, b, c)) {
            ReviewedDecision d = all.stream().filter(x -> x.application().equals(ref.id())).findFirst().orElseThrow();
            assertEquals("review.rate=0: none drawn at random", ReviewedDecision.NONE, d.reviewState());
            LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneId.of("Europe/Berlin"));
            assertEquals("retrieved: effective today", today, d.effectiveOn());
            assertEquals("FZV § 23(3): one month from effectiveness", today.plusMonths(1), d.reviewableUntil());
        }
        assertRefused(BackOfficeException.Reason.FORBIDDEN, () -> review.select(paul, a.id()));
        assertRefused(BackOfficeException.Reason.FORBIDDEN, () -> review.decisions(clara, false));

        assertTrue("no manual selection yet: due", review.manualSelection(paul).due());
        assertEquals(ReviewedDecision.OPEN, review.select(sina, a.id()).reviewState());
        assertFalse("just selected: not due for a week", review.manualSelection(paul).due());
        assertRefused(BackOfficeException.Reason.WRONG_STATE, () -> review.select(sina, a.id()));
        ReviewedDecision confirmed = review.confirm(sina, a.id(), "Stichprobe ohne Befund");
        assertEquals(ReviewedDecision.CONFIRMED, confirmed.reviewState());
        assertEquals("sina", confirmed.reviewer());

        // the workings of the decision, for the auditor: every step, masked inputs, rule and version
        List<TraceEntry> trace = review.trace(paul, b.id());
        assertTrue(trace.toString(), trace.stream().anyMatch(t -> t.step().equals("check anlage11.zfzr") && t.outcome().equals("CLEAR")
                && t.established().contains("zfzr.registered") && t.version().startsWith("org.openikfz.check.zfzr")));
        assertTrue(trace.toString(), trace.stream().anyMatch(t -> t.step().equals("procedure ausserbetriebsetzung")
                && t.version().startsWith("org.openikfz.procedure.ausserbetriebsetzung")));
        String inputs = trace.get(0).inputs();
        assertTrue(inputs, inputs.contains("ERZ***") && !inputs.contains(plateB) && !inputs.contains(DemoAnswers.ZB1) && !inputs.contains("K7m"));
        String export = review.export(paul, b.id());
        assertTrue(export, export.contains("\"trace\":[") && export.contains(b.id().toString()));

        review.select(sina, b.id());
        assertRefused(BackOfficeException.Reason.INVALID, () -> review.revoke(sina, b.id(), ""));
        ReviewedDecision revoked = review.revoke(sina, b.id(), "Der Antragsteller war nicht verfügungsberechtigt.");
        assertEquals(ReviewedDecision.REVOKED, revoked.reviewState());
        assertRefused(BackOfficeException.Reason.WRONG_STATE, () -> review.revoke(sina, b.id(), "noch einmal"));
        waitFor(() -> simulators.quietly("/post/admin/letters?application=" + b.id()).contains("nicht verfügungsberechtigt"));
        waitFor(() -> simulators.quietly("/fachverfahren/admin/inbox?application=" + b.id()).contains("revocation"));
        assertEquals(1, Simulators.count(simulators.get("/post/admin/letters?application=" + b.id()), "\"revocation\""));

        // a month and a day after it took effect the decision stands
        clock.advance(Duration.ofDays(32));
        assertRefused(BackOfficeException.Reason.UNAUTHORIZED, () -> review.decisions(sina, false)); // idle for 30 minutes: logged out
        StaffSession again = staff.login("sina", sinaAccount.initialPassword(), OneTimeCodes.code(sinaAccount.totpSecret(), clock.instant()));
        assertRefused(BackOfficeException.Reason.WRONG_STATE, () -> review.select(again, c.id()));

        assertTrue("a month later the next manual selection is due", review.manualSelection(again).due());
        ReviewStatistics stats = review.statistics(again).stream().filter(st -> st.procedure().equals("ausserbetriebsetzung"))
                .findFirst().orElseThrow();
        assertTrue(stats.toString(), stats.decided() >= 3 && stats.selected() >= 2 && stats.confirmed() >= 1 && stats.revoked() >= 1);
        assertEquals(stats.toString(), 0, stats.drawnAtRandom());
        AuditVerification verification = store.verifyAudit();
        assertTrue(verification.toString(), verification.intact());
    }

    /** An automated Außerbetriebsetzung, paid, decided and its decision retrieved (effective today). */
    private ApplicationRef decided(String plate) throws Exception {
        ApplicationRef ref = engine.open(ABMELDEN, null);
        engine.answer(ref, DemoAnswers.abmelden(plate, "K7m", "P2x", DemoAnswers.ZB1));
        assertEquals(ApplicationState.AWAITING_PAYMENT, engine.verify(ref).state());
        simulators.pay(engine, ref);
        assertEquals(ApplicationState.DECIDED, engine.submit(ref).state());
        assertTrue(engine.decisionDocument(ref).isPresent());
        return ref;
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

    /** An Außerbetriebsetzung that goes to the clerks: the register is unreachable during the check; applied for anyway. */
    private static final PostalAddress ERIKA = new PostalAddress("Erika Mustermann", "Hauptstraße 1", "09456", "Annaberg-Buchholz");

    private ApplicationRef failedCase(String plate) throws Exception {
        simulators.post("/kba/admin/mode", "mode=unavailable");
        ApplicationRef ref = engine.open(ABMELDEN, null);
        try {
            engine.answer(ref, DemoAnswers.abmelden(plate, "K7m", "P2x", DemoAnswers.ZB1));
            assertEquals(ApplicationState.NOT_DECIDABLE, engine.verify(ref).state());
        } finally {
            simulators.post("/kba/admin/mode", "mode=normal");
        }
        simulators.pay(engine, ref);
        assertEquals(ApplicationState.MANUAL_REVIEW, engine.submit(ref).state());
        return ref;
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
