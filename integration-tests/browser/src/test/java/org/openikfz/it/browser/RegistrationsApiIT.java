package org.openikfz.it.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openikfz.it.browser.Applicants.ERIKA;
import static org.openikfz.it.browser.Applicants.LENA_OUTSIDE_THE_DISTRICT;
import static org.openikfz.it.browser.Applicants.MAX;
import static org.openikfz.it.browser.Applicants.MUSTER_GMBH;
import static org.openikfz.it.browser.Applicants.GUSTAV_WITH_FEE_ARREARS;
import static org.openikfz.it.browser.Applicants.RUDI_WITH_TAX_ARREARS;
import static org.openikfz.it.browser.Applicants.today;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.openikfz.it.DemoAnswers;
import org.openikfz.it.browser.Applicants.Application;
import org.openikfz.it.browser.Applicants.Vehicle;

/**
 * Wiederzulassung, Erstzulassung and Umschreibung through the machine API of the running
 * distribution, as an integrator or a citizen's client meets them: for each procedure the happy path
 * to the decision and its documents, each opposed condition with its correction path, and each
 * external system that fails (the case goes to the clerks, nothing is lost).
 */
class RegistrationsApiIT {

    private static RunningDistribution distribution;
    private static Api api;
    private static Applicants applicants;

    @BeforeAll
    static void start() throws Exception {
        distribution = RunningDistribution.start("registrations-api");
        api = new Api(distribution);
        applicants = new Applicants(api);
    }

    @AfterAll
    static void stop() throws Exception {
        if (distribution != null) {
            distribution.close();
        }
    }

    // ---- stopped right after the login ----

    /**
     * FZV §§ 20(1), 21: what depends only on who applies — residence in the district (Anlage 11 Nr. 1), vehicle-tax
     * arrears (Nr. 6), the Land's fee arrears (Nr. 8) — is checked as the login completes, before any code is asked
     * for, and said as a stop that uses no correction; an applicant without any of them gets none.
     */
    @Test
    void residenceAndArrearsAreCheckedRightAfterTheLoginAndStopTheDialogThere() throws Exception {
        Map<Integer, String> expected = Map.of(LENA_OUTSIDE_THE_DISTRICT, "nicht im Bereich dieser Zulassungsbehörde",
                RUDI_WITH_TAX_ARREARS, "Rückstände an Kraftfahrzeugsteuer", GUSTAV_WITH_FEE_ARREARS, "87,40 €");
        for (Map.Entry<Integer, String> person : expected.entrySet()) {
            JsonNode status = applicants.identifiedStatus("wiederzulassung", person.getKey());
            assertEquals("DIALOG", status.path("state").asText(), status.toString());
            assertTrue(status.path("stops").toString().contains(person.getValue()), status.toString());
            assertEquals(3, status.path("correctionsLeft").asInt(), "no correction used: " + status);
        }
        JsonNode erika = applicants.identifiedStatus("wiederzulassung", ERIKA);
        assertEquals(0, erika.path("stops").size(), erika.toString());
    }

    // ---- the happy paths ----

    @Test
    void wiederzulassungWithAnAssignedPlateIsDecidedAndAllowsDrivingAtOnce() throws Exception {
        Vehicle vehicle = applicants.deregistered(today().minusYears(1));
        Application application = applicants.identified("wiederzulassung", ERIKA);
        applicants.answer(application, DemoAnswers.wiederzulassung(vehicle.plate(), vehicle.fin(), applicants.evb(), "Erika Mustermann"));
        JsonNode checked = applicants.verify(application);
        assertEquals("AWAITING_PAYMENT", checked.path("state").asText(), checked.toString());
        // GebOSt 221.1.1 with the carrier of the HU sticker (221.1.1 S. 2; 228.3 does not apply with 221)
        assertEquals(List.of("221.1.1", "221.1.1 S. 2"), items(checked));
        assertEquals(28.20, checked.path("total").asDouble(), 0.001);

        JsonNode decided = applicants.payAndSubmit(application);
        String plate = decided.path("decision").path("kennzeichen").asText();
        assertTrue(plate.startsWith("ERZ-"), "a plate of the district is assigned: " + decided);
        assertNotEquals(vehicle.plate(), plate, "a new plate, not the old one");
        assertEquals(List.of("DECISION", "PROVISIONAL_REGISTRATION_PROOF", "SEPA_MANDATE_CONFIRMATION"), documents(decided));
        String proof = documentText(application, decided, "PROVISIONAL_REGISTRATION_PROOF");
        assertTrue(proof.contains(plate) && proof.contains(decided.path("decision").path("reference").asText()), proof);
        // FZV §§ 31–32: driving allowed for 14 days (since 31 Dec 2025), counted from the retrieval
        JsonNode decision = api.call("GET", application.path() + "/decision", application.token(), null, 200);
        assertEquals(today().plusDays(14).toString(), decision.path("drivingAllowedUntil").asText(), decision.toString());
        String sepa = documentText(application, decided, "SEPA_MANDATE_CONFIRMATION");
        assertTrue(sepa.contains("Mandatsreferenz") && !sepa.contains(DemoAnswers.IBAN), "the IBAN only masked: " + sepa);
        assertFalse(decided.toString().contains(DemoAnswers.ZB1), "a security code is never sent back");
    }

    @Test
    void erstzulassungOfACompanyWithAChosenPlateIsDecidedWithThatPlate() throws Exception {
        String fin = applicants.newVehicle("Ez6Nf1Kp4Qr9", true, "");
        Application application = applicants.identified("erstzulassung", MUSTER_GMBH);
        Map<String, String> answers = DemoAnswers.erstzulassung(fin, "Ez6Nf1Kp4Qr9", applicants.evb(), "Muster GmbH");
        String chosen = applicants.freePlate();
        answers.put("kennzeichenWahl", "wunsch");
        answers.put("wunschkennzeichen", chosen);
        applicants.answer(application, answers);
        JsonNode checked = applicants.verify(application);
        assertEquals("AWAITING_PAYMENT", checked.path("state").asText(), checked.toString());
        // 221.1.1 + HU sticker carrier + chosen plate (GebOSt 221 S. 3)
        assertEquals(List.of("221.1.1", "221.1.1 S. 2", "220"), items(checked));
        assertEquals(38.40, checked.path("total").asDouble(), 0.001);

        JsonNode decided = applicants.payAndSubmit(application);
        assertEquals(chosen, decided.path("decision").path("kennzeichen").asText());
        String proof = documentText(application, decided, "PROVISIONAL_REGISTRATION_PROOF");
        assertTrue(proof.contains(chosen), proof);
        assertTrue(api.simulator("/kennzeichen/admin/reservations", null).contains(chosen), "the chosen plate is reserved");
    }

    @Test
    void holderChangeKeepingThePlateIsDecidedAtOnceAndAllowsDriving() throws Exception {
        Vehicle vehicle = applicants.registered();
        Application application = applicants.identified("umschreibung", MAX);
        Map<String, String> answers = DemoAnswers.umschreibung("halterwechsel", "bezirk", vehicle.plate(), vehicle.fin());
        answers.put("kennzeichenWahl", "behalten");
        answers.putAll(DemoAnswers.insuranceAndTax(applicants.evb(), "Max Mustermann"));
        applicants.answer(application, answers);
        JsonNode checked = applicants.verify(application);
        assertEquals("AWAITING_PAYMENT", checked.path("state").asText(), checked.toString());
        // GebOSt 221.8.1: internet change of holder within the district, keeping the plate
        assertEquals(List.of("221.8.1"), items(checked));
        assertEquals(17.00, checked.path("total").asDouble(), 0.001);

        JsonNode decided = applicants.payAndSubmit(application);
        assertTrue(decided.path("decision").path("automated").asBoolean());
        assertEquals(vehicle.plate(), decided.path("decision").path("kennzeichen").asText());
        String proof = documentText(application, decided, "PROVISIONAL_REGISTRATION_PROOF");
        assertTrue(proof.contains(vehicle.plate()), proof);
        JsonNode decision = api.call("GET", application.path() + "/decision", application.token(), null, 200);
        assertEquals(today().toString(), decision.path("effectiveOn").asText(), "effective on the day of retrieval");
        assertEquals(today().plusDays(14).toString(), decision.path("drivingAllowedUntil").asText());
    }

    @Test
    void addressChangeInTheDistrictCostsTheInternetItemAndAsksForNoEvbOrMandate() throws Exception {
        Vehicle vehicle = applicants.registered();
        Application application = applicants.identified("umschreibung", ERIKA);
        applicants.answer(application, DemoAnswers.umschreibung("umzug", "bezirk", vehicle.plate(), vehicle.fin()));
        JsonNode checked = applicants.verify(application);
        assertEquals("AWAITING_PAYMENT", checked.path("state").asText(), checked.toString());
        // GebOSt 225.1: internet address change within the district, 11.40 €
        assertEquals(List.of("225.1"), items(checked));
        assertEquals(11.40, checked.path("total").asDouble(), 0.001);
        JsonNode decided = applicants.payAndSubmit(application);
        assertFalse(documents(decided).contains("SEPA_MANDATE_CONFIRMATION"), "a move needs no new mandate");
        assertEquals(vehicle.plate(), decided.path("decision").path("kennzeichen").asText());
    }

    /**
     * The fifth procedure, Namensänderung (FZV § 15(1) S. 1 Nr. 1 with § 19(1)): Erika married; her online ID says Erika
     * Mustermann, the register still Erika Gabler. Checked clear, charged GebOSt 225 and 225 S. 2, paid and submitted, it is
     * with the clerks (§ 19(1) S. 4: no automated decision for this change); the authority's Fachverfahren gets both
     * names and no security code.
     */
    @Test
    void namensaenderungIsCheckedChargedAndGoesToTheClerksWithBothNames() throws Exception {
        Vehicle vehicle = applicants.vehicle("Erika Gabler", "registered=true");
        Application application = applicants.identified("namensaenderung", ERIKA);
        applicants.answer(application, DemoAnswers.namensaenderung(vehicle.plate(), today().minusDays(10)));
        JsonNode checked = applicants.verify(application);
        assertEquals("AWAITING_PAYMENT", checked.path("state").asText(), checked.toString());
        assertEquals(List.of("225", "225 S. 2"), items(checked));
        assertEquals(11.10, checked.path("total").asDouble(), 0.001);

        JsonNode submitted = api.payAndSubmit(application.path(), application.token(), "MANUAL_REVIEW");
        assertTrue(submitted.path("decision").isMissingNode() || submitted.path("decision").isNull(), "no automated decision: " + submitted);
        String id = application.path().substring(application.path().lastIndexOf('/') + 1);
        String inbox = waitForInbox(id);
        assertTrue(inbox.contains("\"manualReview\":true") && inbox.contains("Erika Gabler") && inbox.contains("Erika Mustermann")
                && inbox.contains(vehicle.plate()), "the clerks get the register's name and the new one: " + inbox);
        for (String secret : List.of(DemoAnswers.ZB1, DemoAnswers.ZB2)) {
            assertFalse(inbox.contains(secret), "no security code in clear");
        }
    }

    // ---- checked in the dialog, without a correction ----

    /**
     * #18 item 1, FZV § 20(4): a Wunschkennzeichen that is taken, or lacks the E an electric vehicle's plate ends on, is
     * refused as soon as it is answered, and no correction is used; a free one is reserved at once, and the
     * verification keeps that reservation.
     */
    @Test
    void aTakenOrMismatchedWunschkennzeichenIsRefusedAtTheAnswerWithoutACorrection() throws Exception {
        Vehicle vehicle = applicants.deregistered(today().minusYears(1));
        Application application = applicants.identified("wiederzulassung", ERIKA);
        Map<String, String> answers = DemoAnswers.wiederzulassung(vehicle.plate(), vehicle.fin(), applicants.evb(), "Erika Mustermann");
        String taken = applicants.freePlate();
        api.simulator("/kennzeichen/admin/taken", "kennzeichen=" + URLEncoder.encode(taken, StandardCharsets.UTF_8));
        answers.put("kennzeichenWahl", "wunsch");
        answers.put("wunschkennzeichen", taken);
        JsonNode refused = api.call("PUT", application.path() + "/answers", application.token(), answers, 422);
        assertTrue(refused.path("errors").path("wunschkennzeichen").asText().contains("nicht frei"), refused.toString());
        assertEquals(3, api.call("GET", application.path(), application.token(), null, 200).path("correctionsLeft").asInt());

        answers.put("kennzeichenArt", "elektro");
        answers.put("wunschkennzeichen", "ERZ-EA 17");
        JsonNode noE = api.call("PUT", application.path() + "/answers", application.token(), answers, 422);
        assertTrue(noE.path("errors").path("wunschkennzeichen").asText().contains("endet auf „E“"), noE.toString());

        String chosen = applicants.freePlate();
        applicants.answer(application, Map.of("kennzeichenArt", "allgemein", "wunschkennzeichen", chosen));
        assertTrue(api.simulator("/kennzeichen/admin/reservations", null).contains(chosen), "reserved as soon as it was answered");
        JsonNode checked = applicants.verify(application);
        assertEquals("AWAITING_PAYMENT", checked.path("state").asText(), checked.toString());
        assertEquals(3, checked.path("correctionsLeft").asInt(), "no correction used: " + checked);
        assertEquals(chosen, applicants.payAndSubmit(application).path("decision").path("kennzeichen").asText());
    }

    /**
     * A withdrawn application gives its Wunschkennzeichen back: the engine tells the Fachverfahren, which allocates
     * the plates, and the applicant who starts again can choose it again (before, it stayed reserved for the withdrawn
     * application, and the new one was told it was taken).
     */
    @Test
    void aWithdrawnApplicationGivesItsWunschkennzeichenBack() throws Exception {
        Vehicle vehicle = applicants.deregistered(today().minusYears(1));
        Application first = applicants.identified("wiederzulassung", ERIKA);
        Map<String, String> answers = DemoAnswers.wiederzulassung(vehicle.plate(), vehicle.fin(), applicants.evb(), "Erika Mustermann");
        String chosen = applicants.freePlate();
        answers.put("kennzeichenWahl", "wunsch");
        answers.put("wunschkennzeichen", chosen);
        applicants.answer(first, answers);
        Application second = applicants.identified("wiederzulassung", ERIKA);
        JsonNode refused = api.call("PUT", second.path() + "/answers", second.token(), answers, 422);
        assertTrue(refused.path("errors").path("wunschkennzeichen").asText().contains("nicht frei"), refused.toString());

        api.call("POST", first.path() + "/withdraw", first.token(), null, 200);
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (api.simulator("/kennzeichen/admin/reservations", null).contains(chosen)) {
            assertTrue(System.nanoTime() < deadline, "the withdrawn application still holds " + chosen);
            Thread.sleep(100);
        }
        assertTrue(waitForInbox(first.path().substring(first.path().lastIndexOf('/') + 1)).contains("kennzeichen-freigabe"));
        applicants.answer(second, answers);
        JsonNode checked = applicants.verify(second);
        assertEquals("AWAITING_PAYMENT", checked.path("state").asText(), checked.toString());
        assertEquals(chosen, applicants.payAndSubmit(second).path("decision").path("kennzeichen").asText());
    }

    // ---- opposed conditions and their corrections ----

    /** What a case needs: the answers that oppose, and the answers that correct them (null: not correctable online). */
    record Attempt(Map<String, String> answers, Map<String, String> correction) {
    }

    interface Scenario {
        Attempt prepare(Applicants applicants) throws Exception;
    }

    /**
     * An opposed condition: who applies for what, the finding's field (null: a finding on the whole
     * application) and what its German message must say.
     */
    record Opposed(String name, String procedure, int person, Scenario scenario, String field, String says) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Opposed> opposed() {
        List<Opposed> cases = new ArrayList<>();
        // Wiederzulassung (FZV § 29) of a vehicle Erika took off the road a year ago
        // the register's one finding for whatever does not match (it does not tell which): on the plate
        cases.add(wz("wrong ZB I code", ERIKA, a -> a.put("zb1Code", "Zz9Zz9Z"), "kennzeichen", "ein Sicherheitscode stimmt nicht",
                restore("zb1Code")));
        cases.add(wz("FIN of another vehicle", ERIKA, a -> a.put("fin", "WVWZZZ1JZXW999999"), "kennzeichen", "Identifizierungsnummer",
                restore("fin")));
        cases.add(new Opposed("Wiederzulassung: seven years and a day off the road", "wiederzulassung", ERIKA, s -> {
            Vehicle v = s.deregistered(today().minusYears(7).minusDays(1));
            return new Attempt(DemoAnswers.wiederzulassung(v.plate(), v.fin(), s.evb(), "Erika Mustermann"), null);
        }, "kennzeichen", "länger als sieben Jahre"));
        cases.add(new Opposed("Wiederzulassung: vehicle still registered", "wiederzulassung", ERIKA, s -> {
            Vehicle v = s.registered();
            return new Attempt(DemoAnswers.wiederzulassung(v.plate(), v.fin(), s.evb(), "Erika Mustermann"), null);
        }, "kennzeichen", "noch zugelassen"));
        cases.add(new Opposed("Wiederzulassung: the register has a Verwertungsnachweis", "wiederzulassung", ERIKA, s -> {
            Vehicle v = s.vehicle("registered=false&deregisteredOn=" + today().minusYears(1) + "&verwertungsnachweis=true");
            return new Attempt(DemoAnswers.wiederzulassung(v.plate(), v.fin(), s.evb(), "Erika Mustermann"), null);
        }, "keinVerwertungsnachweis", "Verwertungsnachweis eingetragen"));
        cases.add(new Opposed("Wiederzulassung: 'same holder' claimed by someone else", "wiederzulassung", MAX, s -> {
            Vehicle v = s.deregistered(today().minusYears(1));
            Map<String, String> answers = DemoAnswers.wiederzulassung(v.plate(), v.fin(), s.evb(), "Max Mustermann");
            return new Attempt(answers, Map.of("selberHalter", "false", "zb2Code", DemoAnswers.ZB2));
        }, "selberHalter", "nicht Halterin oder Halter"));
        cases.add(wz("eVB unknown to the insurers", ERIKA, a -> a.put("evb", "ZZ77777"), "evb", "nicht bekannt", NEW_EVB));
        cases.add(wz("eVB already used", ERIKA, a -> a.put("evb", "MV99999"), "evb", "schon für eine andere Zulassung", NEW_EVB));
        cases.add(wz("eVB expired", ERIKA, a -> a.put("evb", "BA00000"), "evb", "nicht mehr gültig", NEW_EVB));
        cases.add(new Opposed("Wiederzulassung: SEPA mandate refused by the Zoll", "wiederzulassung", ERIKA, s -> {
            Vehicle v = s.deregistered(today().minusYears(1));
            String refused = "DE02120300000000202051";
            api.simulator("/zoll/admin/refused-ibans", "iban=" + refused);
            Map<String, String> answers = DemoAnswers.wiederzulassung(v.plate(), v.fin(), s.evb(), "Erika Mustermann");
            answers.put("iban", refused);
            return new Attempt(answers, Map.of("iban", DemoAnswers.IBAN));
        }, "iban", "nicht angenommen"));
        cases.add(wz("HU overdue", ERIKA, a -> a.put("huNaechste", today().minusMonths(1).toString().substring(0, 7)), "huNaechste",
                "überfällig", restore("huNaechste")));
        cases.add(new Opposed("Wiederzulassung: HU date the register does not know, proven by Prüfziffer", "wiederzulassung", ERIKA, s -> {
            Vehicle v = s.deregistered(today().minusYears(1));
            Map<String, String> answers = DemoAnswers.wiederzulassung(v.plate(), v.fin(), s.evb(), "Erika Mustermann");
            answers.put("huNaechste", "2027-08");
            String lastHu = "2025-08-11";
            String pruefziffer = Api.JSON.readTree(api.simulator("/kba/admin/pruefziffer?fin=" + v.fin() + "&lastHu=" + lastHu
                    + "&nextHu=2027-08&organisation=DEKRA", null)).path("pruefziffer").asText();
            return new Attempt(answers, Map.of("huPruefziffer", pruefziffer, "huDatum", lastHu, "huStelle", "DEKRA"));
        }, "huPruefziffer", "Prüfziffer"));
        // FZV § 26, shared by all registrations
        cases.add(wz("holder exempt from compulsory insurance (§ 26)", ERIKA, a -> a.put("versicherungsfrei", "true"), "versicherungsfrei",
                "nur bei der Zulassungsbehörde", restore("versicherungsfrei")));
        cases.add(wz("vehicle data changed (§ 26)", ERIKA, a -> a.put("fahrzeugdatenGeaendert", "true"), "fahrzeugdatenGeaendert",
                "nur bei der Zulassungsbehörde", restore("fahrzeugdatenGeaendert")));
        cases.add(wz("first assignment of an H plate (§ 26)", ERIKA, a -> a.put("kennzeichenArt", "historisch"), "kennzeichenArt",
                "H-Kennzeichen", restore("kennzeichenArt")));
        cases.add(wz("residence outside the district (Anlage 11 Nr. 1)", LENA_OUTSIDE_THE_DISTRICT, a -> {
            a.put("selberHalter", "false");
            a.put("zb2Code", DemoAnswers.ZB2);
        }, null, "nicht im Bereich dieser Zulassungsbehörde", null));
        cases.add(wz("vehicle-tax arrears (Anlage 11 Nr. 6)", RUDI_WITH_TAX_ARREARS, a -> {
            a.put("selberHalter", "false");
            a.put("zb2Code", DemoAnswers.ZB2);
        }, null, "Rückstände an Kraftfahrzeugsteuer", null));
        cases.add(wz("Land fee arrears in Sachsen (Anlage 11 Nr. 8, XKfz connector)", GUSTAV_WITH_FEE_ARREARS, a -> {
            a.put("selberHalter", "false");
            a.put("zb2Code", DemoAnswers.ZB2);
        }, null, "Gebühren oder Auslagen aus früheren Zulassungsvorgängen in Sachsen vermerkt, zusammen 87,40 €", null));

        // Erstzulassung (FZV § 27) of a new vehicle in the KBA reference
        cases.add(ez("FIN the KBA does not know", a -> a.put("fin", "WVWZZZ1JZXW888888"), "fin", "keine Daten", restore("fin")));
        cases.add(ez("wrong ZB II code", a -> a.put("zb2Code", "Xx1Yy2Zz3Ww4"), "zb2Code", "passt nicht", restore("zb2Code")));
        cases.add(ez("malformed ZB II form number", a -> a.put("zb2Vordrucknummer", "1234"), "zb2Vordrucknummer", "zwei Buchstaben und sieben Ziffern",
                restore("zb2Vordrucknummer")));
        cases.add(new Opposed("Erstzulassung: not registrable by its CoC data", "erstzulassung", ERIKA, s -> {
            String fin = s.newVehicle("Ez6Nf1Kp4Qr9", false, "");
            return new Attempt(DemoAnswers.erstzulassung(fin, "Ez6Nf1Kp4Qr9", s.evb(), "Erika Mustermann"), null);
        }, "fin", "nicht online zugelassen"));
        cases.add(new Opposed("Erstzulassung: a vehicle that was registered before", "erstzulassung", ERIKA, s -> {
            Vehicle v = s.registered();
            return new Attempt(DemoAnswers.erstzulassung(v.fin(), "Ez6Nf1Kp4Qr9", s.evb(), "Erika Mustermann"), null);
        }, "fin", "schon einmal zugelassen"));

        // Umschreibung (FZV § 30) of a vehicle Erika holds in the district
        cases.add(new Opposed("Umschreibung: the holder reports a change of holder", "umschreibung", ERIKA, s -> {
            Vehicle v = s.registered();
            Map<String, String> answers = DemoAnswers.umschreibung("halterwechsel", "bezirk", v.plate(), v.fin());
            answers.put("kennzeichenWahl", "behalten");
            answers.putAll(DemoAnswers.insuranceAndTax(s.evb(), "Erika Mustermann"));
            return new Attempt(answers, Map.of("anlass", "umzug"));
        }, "anlass", "bereits als Halterin oder Halter"));
        cases.add(new Opposed("Umschreibung: someone else reports a move", "umschreibung", MAX, s -> {
            Vehicle v = s.registered();
            Map<String, String> correction = new LinkedHashMap<>(DemoAnswers.insuranceAndTax(s.evb(), "Max Mustermann"));
            correction.put("anlass", "halterwechsel");
            correction.put("kennzeichenWahl", "behalten");
            return new Attempt(DemoAnswers.umschreibung("umzug", "bezirk", v.plate(), v.fin()), correction);
        }, "anlass", "nicht Halterin oder Halter"));
        cases.add(new Opposed("Umschreibung: 'here in the district' for a vehicle registered elsewhere", "umschreibung", ERIKA, s -> {
            Vehicle v = s.vehicle("registered=true&authority=C");
            return new Attempt(DemoAnswers.umschreibung("umzug", "bezirk", v.plate(), v.fin()),
                    Map.of("herkunft", "anderer", "kennzeichenWahl", "behalten"));
        }, "herkunft", "anderen Zulassungsbehörde"));
        cases.add(new Opposed("Umschreibung: a deregistered vehicle", "umschreibung", ERIKA, s -> {
            Vehicle v = s.deregistered(today().minusYears(1));
            return new Attempt(DemoAnswers.umschreibung("umzug", "bezirk", v.plate(), v.fin()), null);
        }, "kennzeichen", "Wiederzulassung"));
        cases.add(new Opposed("Umschreibung: wrong ZB II code on a change of holder", "umschreibung", MAX, s -> {
            Vehicle v = s.registered();
            Map<String, String> answers = DemoAnswers.umschreibung("halterwechsel", "bezirk", v.plate(), v.fin());
            answers.put("kennzeichenWahl", "behalten");
            answers.put("zb2Code", "Xx1Yy2Zz3Ww4");
            answers.putAll(DemoAnswers.insuranceAndTax(s.evb(), "Max Mustermann"));
            return new Attempt(answers, Map.of("zb2Code", DemoAnswers.ZB2));
        }, "kennzeichen", "ein Sicherheitscode stimmt nicht"));
        cases.add(new Opposed("Umschreibung: security codes not confirmed as read (§ 21)", "umschreibung", ERIKA, s -> {
            Vehicle v = s.registered();
            Map<String, String> answers = DemoAnswers.umschreibung("umzug", "bezirk", v.plate(), v.fin());
            answers.put("hinweisGelesen", "false");
            return new Attempt(answers, Map.of("hinweisGelesen", "true"));
        }, "hinweisGelesen", "Hinweis zum Freilegen"));

        // Namensaenderung (FZV § 15(1) S. 1 Nr. 1): Erika married; her online ID says Erika Mustermann
        cases.add(na("the register already has the ID's name (the ID not changed yet)", ERIKA, "Erika Mustermann", "registered=true",
                a -> { }, "ausweisGeaendert", "steht schon der Name aus Ihrem Online-Ausweis", null));
        cases.add(na("someone else reports the holder's change of name", MAX, "Erika Gabler", "registered=true",
                a -> { }, "halter", "nicht Halterin oder Halter", null));
        cases.add(na("a name borne only from tomorrow", ERIKA, "Erika Gabler", "registered=true",
                a -> a.put("seit", today().plusDays(1).toString()), "seit", "in der Zukunft", restore("seit")));
        cases.add(na("a vehicle registered with another authority", ERIKA, "Erika Gabler", "registered=true&authority=C",
                a -> { }, "kennzeichen", "anderen Zulassungsbehörde", null));
        cases.add(na("a deregistered vehicle", ERIKA, "Erika Gabler", "registered=false&deregisteredOn=" + today().minusYears(1),
                a -> { }, "kennzeichen", "außer Betrieb gesetzt", null));
        cases.add(na("wrong ZB II code", ERIKA, "Erika Gabler", "registered=true",
                a -> a.put("zb2Code", "Xx1Yy2Zz3Ww4"), "kennzeichen", "ein Sicherheitscode stimmt nicht", restore("zb2Code")));
        return cases.stream();
    }

    /** A Namensaenderung case: a vehicle the register holds for {@code holder}, the default answers changed. */
    private static Opposed na(String name, int person, String holder, String status, Consumer<Map<String, String>> change, String field,
            String says, Fix fix) {
        return new Opposed("Namensänderung: " + name, "namensaenderung", person, s -> {
            Vehicle v = s.vehicle(holder, status);
            Map<String, String> answers = DemoAnswers.namensaenderung(v.plate(), today().minusDays(10));
            Map<String, String> original = Map.copyOf(answers);
            change.accept(answers);
            return new Attempt(answers, fix == null ? null : fix.of(original, s));
        }, field, says);
    }

    /** The correction of a case, from the answers before the change (null: not correctable online). */
    interface Fix {
        Map<String, String> of(Map<String, String> original, Applicants applicants) throws Exception;
    }

    /** The correction that gives the named field its original answer again. */
    private static Fix restore(String field) {
        return (original, s) -> Map.of(field, original.get(field));
    }

    /** The correction that enters a fresh valid eVB. */
    private static final Fix NEW_EVB = (original, s) -> Map.of("evb", s.evb());

    /** A Wiederzulassung case: the vehicle off the road for a year, the default answers changed. */
    private static Opposed wz(String name, int person, Consumer<Map<String, String>> change, String field, String says, Fix fix) {
        return new Opposed("Wiederzulassung: " + name, "wiederzulassung", person, s -> {
            Vehicle v = s.deregistered(today().minusYears(1));
            Map<String, String> answers = DemoAnswers.wiederzulassung(v.plate(), v.fin(), s.evb(), "Erika Mustermann");
            Map<String, String> original = Map.copyOf(answers);
            change.accept(answers);
            return new Attempt(answers, fix == null ? null : fix.of(original, s));
        }, field, says);
    }

    /** An Erstzulassung case: a new vehicle in the KBA reference, the default answers changed. */
    private static Opposed ez(String name, Consumer<Map<String, String>> change, String field, String says, Fix fix) {
        return new Opposed("Erstzulassung: " + name, "erstzulassung", ERIKA, s -> {
            String fin = s.newVehicle("Ez6Nf1Kp4Qr9", true, "");
            Map<String, String> answers = DemoAnswers.erstzulassung(fin, "Ez6Nf1Kp4Qr9", s.evb(), "Erika Mustermann");
            Map<String, String> original = Map.copyOf(answers);
            change.accept(answers);
            return new Attempt(answers, fix == null ? null : fix.of(original, s));
        }, field, says);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("opposed")
    void opposedConditionIsShownAndItsCorrectionIsAccepted(Opposed c) throws Exception {
        Attempt attempt = c.scenario().prepare(applicants);
        Application application = applicants.identified(c.procedure(), c.person());
        applicants.answer(application, attempt.answers());
        JsonNode opposed = applicants.verify(application);
        assertEquals("DIALOG", opposed.path("state").asText(), "opposed: back to the applicant: " + opposed);
        JsonNode finding = null;
        for (JsonNode f : opposed.path("findings")) {
            if ((c.field() == null && f.path("field").isNull()) || (c.field() != null && c.field().equals(f.path("field").asText()))) {
                finding = f;
            }
        }
        assertTrue(finding != null, "a finding on " + c.field() + ": " + opposed.path("findings"));
        assertTrue(finding.path("message").asText().contains(c.says()), "the message says '" + c.says() + "': " + finding);
        assertEquals(3, opposed.path("correctionsLeft").asInt(), "FZV § 20(4): three corrections left");
        for (String secret : List.of(DemoAnswers.ZB1, DemoAnswers.ZB2, DemoAnswers.IBAN)) {
            assertFalse(opposed.toString().contains(secret), "no security code or IBAN sent back");
        }

        if (attempt.correction() == null) {
            // not correctable in the dialog: the message tells what to do instead; the unchanged application is not
            // verified again (it would use a correction for nothing, FZV § 20(4) S. 3)
            api.call("POST", application.path() + "/verify", application.token(), null, 409);
            JsonNode again = api.call("GET", application.path(), application.token(), null, 200);
            assertEquals("DIALOG", again.path("state").asText(), again.toString());
            assertEquals(3, again.path("correctionsLeft").asInt(), "no correction used: " + again);
            return;
        }
        applicants.answer(application, attempt.correction());
        JsonNode corrected = applicants.verify(application);
        assertEquals("AWAITING_PAYMENT", corrected.path("state").asText(), "corrected: " + corrected);
        assertEquals(0, corrected.path("findings").size(), corrected.toString());
        assertTrue(corrected.path("total").asDouble() > 0, "the fee is shown before payment: " + corrected);
    }

    // ---- failed connectors: to the clerks, nothing lost ----

    record Failure(String procedure, String system) {
        @Override
        public String toString() {
            return procedure + " with " + system + " unavailable";
        }
    }

    static Stream<Failure> failures() {
        List<Failure> failures = new ArrayList<>();
        for (String procedure : List.of("wiederzulassung", "erstzulassung", "umschreibung")) {
            for (String system : List.of("kba", "gdv", "zoll", "kennzeichen", "gebuehren-sn")) {
                failures.add(new Failure(procedure, system));
            }
        }
        return failures.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("failures")
    void anUnavailableSystemSendsTheCaseToTheClerksWithNothingLost(Failure failure) throws Exception {
        Application application;
        String identifying;
        switch (failure.procedure()) {
            case "wiederzulassung" -> {
                Vehicle v = applicants.deregistered(today().minusYears(2));
                application = applicants.identified("wiederzulassung", ERIKA);
                applicants.answer(application, DemoAnswers.wiederzulassung(v.plate(), v.fin(), applicants.evb(), "Erika Mustermann"));
                identifying = v.fin();
            }
            case "erstzulassung" -> {
                String fin = applicants.newVehicle("Ez6Nf1Kp4Qr9", true, "");
                application = applicants.identified("erstzulassung", ERIKA);
                applicants.answer(application, DemoAnswers.erstzulassung(fin, "Ez6Nf1Kp4Qr9", applicants.evb(), "Erika Mustermann"));
                identifying = fin;
            }
            default -> {
                Vehicle v = applicants.registered();
                application = applicants.identified("umschreibung", MAX);
                Map<String, String> answers = DemoAnswers.umschreibung("halterwechsel", "bezirk", v.plate(), v.fin());
                answers.put("kennzeichenWahl", "zuteilen");
                answers.put("kennzeichenArt", "allgemein");
                answers.putAll(DemoAnswers.insuranceAndTax(applicants.evb(), "Max Mustermann"));
                applicants.answer(application, answers);
                identifying = v.fin();
            }
        }
        applicants.mode(failure.system(), "unavailable");
        JsonNode status;
        try {
            status = applicants.verify(application);
        } finally {
            applicants.mode(failure.system(), "normal");
        }
        // FZV § 19(1) S. 4: a check that cannot be completed is never passed silently; applied for anyway (fees first,
        // § 20(5)), a clerk decides
        assertEquals("NOT_DECIDABLE", status.path("state").asText(), status.toString());
        api.payAndSubmit(application.path(), application.token(), "MANUAL_REVIEW");
        String id = application.path().substring(application.path().lastIndexOf('/') + 1);
        String inbox = waitForInbox(id);
        assertTrue(inbox.contains("\"manualReview\":true") && inbox.contains(identifying), "the clerks get the entries: " + inbox);
        for (String secret : List.of(DemoAnswers.ZB1, DemoAnswers.ZB2, DemoAnswers.IBAN)) {
            assertFalse(inbox.contains(secret), "no security code or IBAN in clear");
        }
    }

    // ---- helpers ----

    private static String waitForInbox(String application) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (true) {
            String inbox = api.simulator("/fachverfahren/admin/inbox?application=" + application, null);
            if (inbox.contains(application) || System.nanoTime() > deadline) {
                return inbox;
            }
            Thread.sleep(100);
        }
    }

    private static List<String> items(JsonNode status) {
        List<String> items = new ArrayList<>();
        status.path("fees").forEach(f -> items.add(f.path("item").asText()));
        return items;
    }

    private static List<String> documents(JsonNode status) {
        List<String> kinds = new ArrayList<>();
        status.path("documents").forEach(d -> kinds.add(d.path("kind").asText()));
        return kinds;
    }

    private static String documentText(Application application, JsonNode status, String kind) throws Exception {
        for (JsonNode document : status.path("documents")) {
            if (document.path("kind").asText().equals(kind)) {
                return text(api.document(document.path("href").asText(), application.token()));
            }
        }
        throw new AssertionError("no document " + kind + " in " + status.path("documents"));
    }

    private static String text(byte[] pdf) throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(document);
        }
    }
}
