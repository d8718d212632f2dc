package org.openikfz.it;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.openikfz.it.Simulators.waitFor;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
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
import org.openikfz.api.application.DocumentKind;
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
 * Wiederzulassung, Erstzulassung and Umschreibung through the engine, the Anlage 11 checks and the
 * simulators in the real framework: the cases as an applicant and the authority see them — fee per
 * case, documents, letters, the seven-year limit, opposed vs failed. Each test makes its own vehicle.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class RegistrationsIT {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final int ERIKA = 0;
    private static final int MAX = 1;
    private static final String IBAN = DemoAnswers.IBAN;

    @Inject
    private BundleContext context;
    @Inject
    private ApplicationService engine;
    @Inject
    private ApplicationStore store;

    private Simulators simulators;
    private Simulators.MovableClock clock;
    private ServiceRegistration<Clock> clockRegistration;
    private static int serial = 100;

    @Configuration
    public Option[] config() throws IOException {
        return Platform.options("registrations", Map.of(
                "org.openikfz.simulator.http", "port=" + Platform.freePort() + "\n",
                "org.openikfz.core", "housekeeping.period=100\n"));
    }

    @Before
    public void moveableClock() throws Exception {
        simulators = new Simulators(context);
        clock = new Simulators.MovableClock(Instant.now());
        clockRegistration = clock.register(context);
        for (String system : List.of("kba", "gdv", "zoll", "kennzeichen")) {
            simulators.post("/" + system + "/admin/mode", "mode=normal");
        }
    }

    @After
    public void systemClock() {
        clockRegistration.unregister();
    }

    @Test
    public void holderChangeKeepingThePlateIsDecidedAtOnceAndTheFormerHolderIsTold() throws Exception {
        String plate = vehicle("registered=true", "Erika Mustermann", "1964-08-12");
        ApplicationRef ref = identified("umschreibung", MAX);
        Map<String, String> answers = umschreibung("halterwechsel", "bezirk", plate);
        answers.put("kennzeichenWahl", "behalten");
        answers.put("evb", evb());
        answers.put("iban", IBAN);
        answers.put("sepaKontoinhaber", "Max Mustermann");
        assertEquals(Map.of(), engine.answer(ref, answers));
        ApplicationStatus checked = engine.verify(ref);
        assertEquals(checked.findings().toString(), ApplicationState.AWAITING_PAYMENT, checked.state());
        // GebOSt 221.8.1: internet holder change in the district keeping the plate
        assertEquals(List.of("221.8.1"), checked.fees().stream().map(f -> f.item()).toList());
        assertEquals(new BigDecimal("17.00"), checked.total());
        assertTrue(checked.documents().contains(DocumentKind.SEPA_MANDATE_CONFIRMATION));
        String sepa = text(engine.document(ref, DocumentKind.SEPA_MANDATE_CONFIRMATION).orElseThrow());
        assertTrue(sepa, sepa.contains("Mandatsreferenz") && !sepa.contains(IBAN));

        simulators.pay(engine, ref);
        ApplicationStatus decided = engine.submit(ref);
        assertEquals(ApplicationState.DECIDED, decided.state());
        assertTrue(decided.documents().contains(DocumentKind.PROVISIONAL_REGISTRATION_PROOF));
        String proof = text(engine.document(ref, DocumentKind.PROVISIONAL_REGISTRATION_PROOF).orElseThrow());
        LocalDate today = LocalDate.ofInstant(clock.instant(), BERLIN);
        // FZV §§ 31–32: 14 days since 31 Dec 2025, counted from the retrieval
        LocalDate until = engine.status(ref).decision().drivingAllowedUntil();
        assertEquals(today.plusDays(today.isBefore(LocalDate.of(2025, 12, 31)) ? 10 : 14), until);
        assertTrue(proof, proof.contains(plate) && proof.contains(decided.decision().reference()));
        assertEquals("effective on the day of retrieval", today, engine.status(ref).decision().effectiveOn());

        clock.advance(Duration.ofMinutes(31));
        waitFor(() -> engine.status(ref).state() == ApplicationState.COMPLETED);
        String letters = simulators.get("/post/admin/letters?application=" + ref.id());
        assertEquals(letters, 1, Simulators.count(letters, "notice-to-previous-holder"));
        assertTrue(letters, letters.contains("Erika Mustermann"));
        assertEquals(letters, 1, Simulators.count(letters, "registration-documents"));
        assertEquals("no dialog data left after transfer", Map.of(), store.getData(ref.id()));
        String register = simulators.get("/kba/admin/vehicles");
        assertTrue("the KBA has the new holder", register.contains("Max Mustermann"));
    }

    @Test
    public void anAddressChangeInTheDistrictCostsTheInternetItemAndNeedsNoEvbOrMandate() throws Exception {
        String plate = vehicle("registered=true", "Erika Mustermann", "1964-08-12");
        ApplicationRef ref = identified("umschreibung", ERIKA);
        assertEquals(Map.of(), engine.answer(ref, umschreibung("umzug", "bezirk", plate)));
        ApplicationStatus checked = engine.verify(ref);
        assertEquals(checked.findings().toString(), ApplicationState.AWAITING_PAYMENT, checked.state());
        // GebOSt 225.1: internet address change within the district, 11.40 €
        assertEquals(List.of("225.1"), checked.fees().stream().map(f -> f.item()).toList());
        assertEquals(new BigDecimal("11.40"), checked.total());
        assertFalse(checked.documents().contains(DocumentKind.SEPA_MANDATE_CONFIRMATION));
    }

    @Test
    public void reRegistrationSevenYearsAndOneDayAfterDeregistrationIsOpposed() throws Exception {
        LocalDate today = LocalDate.ofInstant(clock.instant(), BERLIN);
        String tooLate = vehicle("registered=false&deregisteredOn=" + today.minusYears(7).minusDays(1), "Erika Mustermann", "1964-08-12");
        ApplicationRef ref = identified("wiederzulassung", ERIKA);
        assertEquals(Map.of(), engine.answer(ref, wiederzulassung(tooLate)));
        ApplicationStatus status = engine.verify(ref);
        assertEquals(ApplicationState.DIALOG, status.state());
        assertEquals(status.findings().toString(), "kennzeichen", status.findings().get(0).fieldId());
        assertTrue(status.findings().get(0).message().get(Locale.GERMAN).contains("sieben Jahre"));

        String inTime = vehicle("registered=false&deregisteredOn=" + today.minusYears(7), "Erika Mustermann", "1964-08-12");
        ApplicationRef ok = identified("wiederzulassung", ERIKA);
        engine.answer(ok, wiederzulassung(inTime));
        ApplicationStatus clear = engine.verify(ok);
        assertEquals(clear.findings().toString(), ApplicationState.AWAITING_PAYMENT, clear.state());
        // GebOSt 221.1.1 with the HU sticker carrier
        assertEquals(new BigDecimal("28.20"), clear.total());
    }

    @Test
    public void anUnknownEvbIsOpposedOnItsFieldAndCorrectedFindsTheInsurer() throws Exception {
        LocalDate today = LocalDate.ofInstant(clock.instant(), BERLIN);
        String plate = vehicle("registered=false&deregisteredOn=" + today.minusYears(1), "Erika Mustermann", "1964-08-12");
        ApplicationRef ref = identified("wiederzulassung", ERIKA);
        Map<String, String> answers = wiederzulassung(plate);
        answers.put("evb", "ZZ77777");
        engine.answer(ref, answers);
        ApplicationStatus opposed = engine.verify(ref);
        assertEquals(ApplicationState.DIALOG, opposed.state());
        assertEquals(opposed.findings().toString(), List.of("evb"), opposed.findings().stream().map(f -> f.fieldId()).toList());
        engine.answer(ref, Map.of("evb", evb()));
        ApplicationStatus corrected = engine.verify(ref);
        assertEquals(corrected.findings().toString(), ApplicationState.AWAITING_PAYMENT, corrected.state());
        assertEquals("only a correction that still opposes counts (FZV § 20(4))", 3, corrected.correctionsLeft());
    }

    @Test
    public void zollUnavailableSendsTheCaseToTheClerksWithNothingLost() throws Exception {
        LocalDate today = LocalDate.ofInstant(clock.instant(), BERLIN);
        String plate = vehicle("registered=false&deregisteredOn=" + today.minusYears(2), "Erika Mustermann", "1964-08-12");
        simulators.post("/zoll/admin/mode", "mode=unavailable");
        ApplicationRef ref = identified("wiederzulassung", ERIKA);
        engine.answer(ref, wiederzulassung(plate));
        ApplicationStatus status = engine.verify(ref);
        // not decidable by machine: applied for anyway (fees first, § 20(5)), the clerks decide (§ 19(1) S. 4)
        assertEquals(ApplicationState.NOT_DECIDABLE, status.state());
        simulators.pay(engine, ref);
        assertEquals(ApplicationState.MANUAL_REVIEW, engine.submit(ref).state());
        waitFor(() -> simulators.quietly("/fachverfahren/admin/inbox?application=" + ref.id()).contains("\"manualReview\":true"));
        String inbox = simulators.get("/fachverfahren/admin/inbox?application=" + ref.id());
        assertTrue("the clerks get the entries", inbox.contains(plate) && inbox.contains("Erika Mustermann"));
        assertFalse("no IBAN in clear", inbox.contains(IBAN));
        // the case file stays for the clerks, without codes and IBAN (FZV § 21)
        Map<String, String> caseFile = store.getData(ref.id());
        assertEquals(plate, caseFile.get("kennzeichen"));
        assertFalse(caseFile.containsKey("iban") || caseFile.containsKey("zb1Code"));
    }

    @Test
    public void firstRegistrationWithAChosenPlateAndATechnicalObstacleGoesToTheClerks() throws Exception {
        String fin = fin();
        simulators.post("/kba/admin/coc", "fin=" + fin + "&zb2=Ez6Nf1Kp4Qr9&vehicle=Muster+Typ+1&registrable=true&obstacle=");
        ApplicationRef ref = identified("erstzulassung", ERIKA);
        Map<String, String> answers = erstzulassung(fin, "Ez6Nf1Kp4Qr9");
        answers.put("kennzeichenWahl", "wunsch");
        answers.put("wunschkennzeichen", "ERZ-EZ " + (++serial));
        answers.put("kennzeichenArt", "allgemein");
        assertEquals(Map.of(), engine.answer(ref, answers));
        ApplicationStatus checked = engine.verify(ref);
        assertEquals(checked.findings().toString(), ApplicationState.AWAITING_PAYMENT, checked.state());
        // 221.1.1 + HU sticker carrier + chosen plate
        assertEquals(new BigDecimal("38.40"), checked.total());

        String blocked = fin();
        simulators.post("/kba/admin/coc", "fin=" + blocked + "&zb2=Ez6Nf1Kp4Qr9&vehicle=Muster+Typ+2&registrable=true"
                + "&obstacle=" + URLEncoder.encode("Erstzulassungsverbot Abgasnorm", StandardCharsets.UTF_8));
        ApplicationRef clerk = identified("erstzulassung", ERIKA);
        engine.answer(clerk, erstzulassung(blocked, "Ez6Nf1Kp4Qr9"));
        assertEquals(ApplicationState.NOT_DECIDABLE, engine.verify(clerk).state());
    }

    // ---- cases and answers ----

    /** A new vehicle in the KBA simulator; returns its plate. */
    private String vehicle(String status, String holder, String born) throws Exception {
        String plate = "ERZ-IT " + (++serial);
        String fin = fin();
        simulators.post("/kba/admin/vehicles", DemoAnswers.vehicleForm(plate, fin, holder, born, status));
        lastFin = fin;
        return plate;
    }

    private String lastFin;

    private static String fin() {
        return String.format("WVWZZZ1JZXW%06d", ++serial);
    }

    /** A fresh valid eVB: a registration uses one up. */
    private String evb() throws Exception {
        String evb = String.format("MV%05d", ++serial);
        simulators.post("/gdv/admin/evb", "evb=" + evb + "&insurer=Muster+Versicherung+AG&insurerNumber=9001&status=VALID");
        return evb;
    }

    private ApplicationRef identified(String procedure, int person) throws Exception {
        ApplicationRef ref = engine.open(new ProcedureId(procedure), null);
        String login = engine.startIdentification(ref, java.net.URI.create("http://127.0.0.1/back")).toString();
        String state = login.replaceAll(".*[?&]state=([^&]*).*", "$1");
        String code = simulators.post("/identity/admin/codes", "person=" + person + "&state=" + state)
                .replaceAll(".*\"code\":\"([^\"]+)\".*", "$1").trim();
        assertTrue(engine.completeIdentification(ref, code).identified());
        return ref;
    }

    private Map<String, String> umschreibung(String anlass, String herkunft, String plate) {
        return DemoAnswers.umschreibung(anlass, herkunft, plate, lastFin);
    }

    private Map<String, String> wiederzulassung(String plate) throws Exception {
        return DemoAnswers.wiederzulassung(plate, lastFin, evb(), "Erika Mustermann");
    }

    private Map<String, String> erstzulassung(String fin, String zb2) throws Exception {
        return DemoAnswers.erstzulassung(fin, zb2, evb(), "Erika Mustermann");
    }

    private static String text(byte[] pdf) throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(document);
        }
    }
}
