package org.openikfz.it.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The JSON machine API of the running distribution, as an integrator would use it. */
class MachineApiIT {

    private static final String AUTHORITY_NAME = "Landratsamt Erzgebirgskreis – Außenstelle Zwönitz";
    private static final String AUTHORITY_CONTACT = "Telefon 03733 831-0 · zulassung@kreis-erz.example · Mo–Fr 8–12 Uhr";
    private static RunningDistribution distribution;
    private static Api api;

    @BeforeAll
    static void start() throws Exception {
        // the authority's name as an editor saves it: UTF-8, with umlauts and a dash (read as ISO-8859-1 it broke every PDF)
        distribution = RunningDistribution.start("api", home -> org.openikfz.it.EtcFiles.configure(home, "org.openikfz.core",
                "authorityName=" + AUTHORITY_NAME + "\nauthorityContact=" + AUTHORITY_CONTACT + "\n"));
        api = new Api(distribution);
    }

    @AfterAll
    static void stop() throws Exception {
        if (distribution != null) {
            distribution.close();
        }
    }

    @Test
    void proceduresComeWithTheirDialogAndTheOpenApiDocumentDescribesTheApi() throws Exception {
        JsonNode procedures = api.call("GET", "/api/v1/procedures", null, null, 200).get("procedures");
        JsonNode abmelden = null;
        for (JsonNode p : procedures) {
            if (p.path("id").asText().equals("ausserbetriebsetzung")) {
                abmelden = p;
            }
        }
        assertTrue(abmelden != null, procedures.toString());
        assertTrue(abmelden.toString().contains("\"zb1Code\""), "the dialog description names its fields");
        JsonNode openapi = api.call("GET", "/api/openapi.json", null, null, 200);
        assertEquals("3.1.0", openapi.path("openapi").asText());
        assertTrue(openapi.path("paths").has("/v1/applications/{id}/verify"));
    }

    /**
     * An API client's developer generates a client from the OpenAPI document (openapi-generator, Java, in this
     * module's build) and runs a deregistration with it, in English. The client's JSON mapper refuses any
     * member the document does not describe, so every response here is checked against the document.
     */
    @Test
    void aClientGeneratedFromTheOpenApiDocumentRunsADeregistrationEndToEnd() throws Exception {
        java.util.concurrent.atomic.AtomicReference<String> token = new java.util.concurrent.atomic.AtomicReference<>();
        org.openikfz.client.ApiClient client = new org.openikfz.client.ApiClient();
        client.updateBaseUri(distribution.api("/api").toString());
        client.getObjectMapper().enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        client.setRequestInterceptor(request -> {
            request.header("Accept-Language", "en-GB,en;q=0.9,de;q=0.5");
            if (token.get() != null) {
                request.header("Authorization", "Bearer " + token.get());
            }
        });
        var procedures = new org.openikfz.client.api.ProceduresApi(client);
        var applications = new org.openikfz.client.api.ApplicationsApi(client);

        org.openikfz.client.model.Procedure abmelden = procedures.listProcedures().getProcedures().stream()
                .filter(p -> p.getId().equals("ausserbetriebsetzung")).findFirst().orElseThrow();
        assertEquals("Deregister a vehicle", abmelden.getTitle(), "flat id, English texts");
        assertTrue(abmelden.getDialog().getSteps().stream().flatMap(s -> s.getFields().stream())
                .anyMatch(f -> f.getId().equals("zb1Code") && Boolean.TRUE.equals(f.getSecret())), "its fields, the codes marked secret");

        api.simulator("/kba/admin/vehicles", "kennzeichen=ERZ-GC+17&fin=WDB1240221A000017&zb1=Gc7Lt4W&plaketten=G4c,L7t");
        var opened = applications.openApplication(new org.openikfz.client.model.OpenApplication().procedure("ausserbetriebsetzung"));
        token.set(opened.getToken());
        UUID id = opened.getId();
        Map<String, String> answers = Api.abmelden("Gc7Lt4W");
        answers.put("kennzeichen", "ERZ-GC 17");
        answers.put("plaketteVorn", "G4c");
        answers.put("plaketteHinten", "L7t");
        applications.answer(id, answers);
        assertEquals(org.openikfz.client.model.Status.StateEnum.AWAITING_PAYMENT, applications.verify(id).getState());

        try {
            applications.submit(id);
            org.junit.jupiter.api.Assertions.fail("submitted before paying");
        } catch (org.openikfz.client.ApiException e) {
            // FZV § 20(5): fees first; the refusal is an RFC 9457 problem, in English
            assertEquals(409, e.getCode());
            var problem = client.getObjectMapper().readValue(e.getResponseBody(), org.openikfz.client.model.Problem.class);
            assertEquals("tag:openikfz.org,2026:problem:wrong-state", problem.getType().toString());
            assertEquals(409, problem.getStatus());
            assertTrue(problem.getDetail().equals("Please pay the fees first."), problem.getDetail());
        }
        String page = applications.startPayment(id, new org.openikfz.client.model.ReturnAddress().returnTo(java.net.URI.create(api.back())))
                .getPaymentPage().toString();
        api.simulator("/epayment/admin/payments/" + page.substring(page.lastIndexOf('/') + 1) + "/pay", "");
        var decided = applications.submit(id);
        assertEquals(org.openikfz.client.model.Status.StateEnum.DECIDED, decided.getState());
        var decision = new org.openikfz.client.api.DocumentsApi(client).getDecision(id);
        assertEquals(decided.getDecision().getReference(), decision.getReference());
        String german = api.call("GET", "/api/v1/applications/" + id + "/decision", token.get(), null, 200).path("summary").asText();
        assertFalse(decision.getSummary().equals(german), "in English: " + decision.getSummary());
    }

    @Test
    void wrongZb1CodeGivesFindingsWithCorrectionsLeftThenAborts() throws Exception {
        Opened opened = openAusserbetriebsetzung();
        String path = opened.path();
        String token = opened.token();

        JsonNode first = answerAndVerify(path, token, Api.abmelden("Zz9Zz9Z"));
        assertEquals("DIALOG", first.path("state").asText());
        assertEquals("kennzeichen", first.path("findings").get(0).path("field").asText(), "one finding, whatever does not match");
        assertEquals(3, first.path("correctionsLeft").asInt());
        // the same answers again correct nothing: refused, no correction used (FZV § 20(4) S. 3)
        api.call("POST", path + "/verify", token, null, 409);
        for (int left : new int[] {2, 1}) {
            api.call("PUT", path + "/answers", token, Map.of("zb1Code", "Zz9Zz9" + (left == 2 ? "Y" : "X")), 200);
            JsonNode again = api.call("POST", path + "/verify", token, null, 200);
            assertEquals(left, again.path("correctionsLeft").asInt(), again.toString());
        }
        JsonNode aborted = answerAndVerify(path, token, Map.of("zb1Code", "Zz9Zz9W"));
        assertEquals("ABORTED", aborted.path("state").asText());
        assertEquals(0, aborted.path("correctionsLeft").asInt());
        assertFalse(aborted.toString().contains("Zz9Zz9"), "a security code is never sent back");
    }

    /**
     * FZV § 21(3): an uncovered seal makes only its own plate unstamped. The front seal's code given for both
     * plates, or the two codes swapped, are findings (each a correction, § 20(4)); the right code on each
     * plate passes.
     */
    @Test
    void eachSealCodeMustBeTheCodeOfItsOwnPlate() throws Exception {
        Opened opened = openAusserbetriebsetzung();
        String path = opened.path();
        String token = opened.token();
        java.util.Map<String, String> answers = Api.abmelden("Ab3De4F");
        answers.put("plaketteHinten", answers.get("plaketteVorn"));
        JsonNode frontTwice = answerAndVerify(path, token, answers);
        assertEquals("DIALOG", frontTwice.path("state").asText(), frontTwice.toString());
        assertTrue(frontTwice.path("findings").toString().contains("Sicherheitscode stimmt nicht"), frontTwice.toString());

        JsonNode swapped = answerAndVerify(path, token, Map.of("plaketteVorn", "P2x", "plaketteHinten", "K7m"));
        assertEquals("DIALOG", swapped.path("state").asText(), swapped.toString());
        assertEquals(2, swapped.path("correctionsLeft").asInt(), swapped.toString());

        JsonNode right = answerAndVerify(path, token, Map.of("plaketteVorn", "K7m", "plaketteHinten", "P2x"));
        assertEquals("AWAITING_PAYMENT", right.path("state").asText(), right.toString());
    }

    /**
     * 2019 § 14(1) S. 1 with § 46(2) FZV and the memo on § 15g ("im Portal der jeweils zuständigen
     * Zulassungsbehörde"): C-UM 77's holder lives in Chemnitz according to the register, so the
     * Erzgebirgskreis' portal does not deregister it, however right the codes are.
     */
    @Test
    void aVehicleWhoseHolderLivesElsewhereIsNotDeregisteredHere() throws Exception {
        Opened opened = openAusserbetriebsetzung();
        String path = opened.path();
        String token = opened.token();
        JsonNode verified = answerAndVerify(path, token, org.openikfz.it.DemoAnswers.abmelden("C-UM 77", "R5t", "V8w", "Cu7Mw3K"));
        assertEquals("DIALOG", verified.path("state").asText(), verified.toString());
        assertTrue(verified.path("findings").toString().contains("zuständig"), verified.toString());
    }

    /** FZV § 25 (2019: § 15g(3)): a Verwertungsnachweis date no one means is refused at the edge; one after today is a finding. */
    @Test
    void aVerwertungsnachweisNeedsADateThatCanBeTrue() throws Exception {
        Opened opened = openAusserbetriebsetzung();
        String path = opened.path();
        String token = opened.token();
        java.util.Map<String, String> answers = Api.abmelden("Zz9Zz9Z");
        answers.put("verwertet", "true");
        answers.put("verwertungBetriebsnummer", "12345678");
        for (String impossible : java.util.List.of("+99999-01-01", "0001-01-01")) {
            answers.put("verwertungDatum", impossible);
            JsonNode refused = api.call("PUT", path + "/answers", token, answers, 422);
            assertTrue(refused.path("errors").has("verwertungDatum"), refused.toString());
        }
        answers.put("verwertungDatum", java.time.LocalDate.now(java.time.ZoneId.of("Europe/Berlin")).plusDays(2).toString());
        JsonNode verified = answerAndVerify(path, token, answers);
        assertEquals("DIALOG", verified.path("state").asText(), verified.toString());
        assertTrue(verified.path("findings").toString().contains("verwertungDatum"), verified.toString());
    }

    /**
     * Input hygiene at the edge: a text answer with NUL or a bidi override (U+202E, which makes a text read differently
     * than it is stored) and a date beyond 2100 are refused with a message, the other answers of the request are kept.
     */
    @Test
    void textAnswersArePrintableAndDatesLieIn1900To2100() throws Exception {
        Opened opened = openAusserbetriebsetzung();
        for (String hostile : List.of("1234\u00005678", "\u202E87654321", "1234\n5678", "12\u200B345678")) {
            JsonNode refused = api.call("PUT", opened.path() + "/answers", opened.token(),
                    Map.of("verwertet", "true", "verwertungBetriebsnummer", hostile), 422);
            assertTrue(refused.path("errors").path("verwertungBetriebsnummer").asText().contains("nicht erlaubt"), refused.toString());
            assertFalse(refused.path("errors").has("verwertet"), "the valid answer is kept: " + refused);
        }
        JsonNode farAway = api.call("PUT", opened.path() + "/answers", opened.token(), Map.of("verwertungDatum", "9999-12-31"), 422);
        assertTrue(farAway.path("errors").path("verwertungDatum").asText().contains("2100"), farAway.toString());
    }

    /**
     * #18 item 3: the reference number from the opening, the status page by reference and code (no account) in each
     * state, and an e-mail confirmation of the submission in the simulator's mailbox when the applicant asked for one.
     */
    @Test
    void theStatusPageAnswersByReferenceAndCodeInEachStateAndTheConfirmationArrivesByMail() throws Exception {
        JsonNode created = api.call("POST", "/api/v1/applications", null, Map.of("procedure", "ausserbetriebsetzung"), 201);
        String path = "/api/v1/applications/" + created.path("id").asText();
        String token = created.path("token").asText();
        String reference = created.path("status").path("reference").asText();
        String code = created.path("status").path("statusCode").asText();
        assertTrue(reference.matches("ERZ-\\d{4}-\\d{8}"), created.toString());
        assertTrue(code.matches("[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}"), created.toString());

        JsonNode open = api.call("POST", "/api/v1/status", null, Map.of("reference", reference, "code", code.toLowerCase()), 200);
        assertEquals("DIALOG", open.path("state").asText(), open.toString());
        assertEquals(AUTHORITY_NAME, open.path("authority").path("name").asText());
        assertEquals(AUTHORITY_CONTACT, open.path("authority").path("contact").asText());
        assertFalse(open.path("nextBy").isNull(), "until when the entries are kept");
        assertEquals(AUTHORITY_CONTACT, api.call("GET", "/api/v1/authority", null, null, 200).path("contact").asText());
        JsonNode wrong = api.call("POST", "/api/v1/status", null, Map.of("reference", reference, "code", "AAAA-AAAA-AAAA"), 404);
        assertEquals(wrong.path("message").asText(),
                api.call("POST", "/api/v1/status", null, Map.of("reference", "ERZ-2026-99999999", "code", code), 404).path("message").asText(),
                "a wrong code and an unknown reference read the same");

        JsonNode refused = api.call("PUT", path + "/confirmations", token, Map.of("email", "erika@example.org\r\nBcc: all@example.org"), 422);
        assertEquals("INVALID", refused.path("error").asText(), refused.toString());
        String email = "erika." + reference.substring(reference.length() - 6) + "@example.org";
        assertEquals("e***@example.org", api.call("PUT", path + "/confirmations", token, Map.of("email", email), 200)
                .path("confirmationsTo").asText());

        api.simulator("/kba/admin/vehicles", "kennzeichen=ERZ-ST+77&fin=WDB1240221A000077&zb1=Qw3Er5T&plaketten=P7q,R2s");
        Map<String, String> answers = Api.abmelden("Qw3Er5T");
        answers.put("kennzeichen", "ERZ-ST 77");
        answers.put("plaketteVorn", "P7q");
        answers.put("plaketteHinten", "R2s");
        assertEquals("AWAITING_PAYMENT", answerAndVerify(path, token, answers).path("state").asText());
        assertEquals("AWAITING_PAYMENT", api.call("POST", "/api/v1/status", null, Map.of("reference", reference, "code", code), 200)
                .path("state").asText());
        JsonNode decided = api.payAndSubmit(path, token, "DECIDED");
        assertEquals(reference, decided.path("decision").path("reference").asText(), "the decision keeps the reference");
        JsonNode offered = api.call("POST", "/api/v1/status", null, Map.of("reference", reference, "code", code), 200);
        assertEquals("DECIDED", offered.path("state").asText());
        assertEquals("DECISION", offered.path("documents").path(0).asText(), offered.toString());
        assertFalse(offered.toString().contains("ERZ-ST 77"), "no plate on the status page");

        // the confirmation goes through the outbox to the mail connector, which speaks SMTP to the simulator's mailbox
        JsonNode mail = api.mails(email, 1).get(0);
        assertTrue(mail.path("subject").asText().contains(reference), mail.toString());
        assertTrue(mail.path("text").asText().contains("Zulassungsbehörde"), "umlauts intact: " + mail);
        assertTrue(mail.path("text").asText().contains(AUTHORITY_NAME), mail.toString());
        assertFalse(mail.toString().contains("ERZ-ST 77"), "no plate in the mail");

        JsonNode withdrawnApp = api.call("POST", "/api/v1/applications", null, Map.of("procedure", "ausserbetriebsetzung"), 201);
        String withdrawnPath = "/api/v1/applications/" + withdrawnApp.path("id").asText();
        api.call("POST", withdrawnPath + "/withdraw", withdrawnApp.path("token").asText(), null, 200);
        JsonNode aborted = api.call("POST", "/api/v1/status", null, Map.of("reference", withdrawnApp.path("status").path("reference").asText(),
                "code", withdrawnApp.path("status").path("statusCode").asText()), 200);
        assertEquals("ABORTED", aborted.path("state").asText(), aborted.toString());
    }

    /** An applicant withdraws before submitting: aborted, and withdrawn once only (§ 19(1) S. 6: the data go within 30 minutes). */
    @Test
    void anApplicationCanBeWithdrawnBeforeItIsSubmitted() throws Exception {
        Opened opened = openAusserbetriebsetzung();
        api.call("PUT", opened.path() + "/answers", opened.token(), Api.abmelden("Ab3De4F"), 200);
        JsonNode withdrawn = api.call("POST", opened.path() + "/withdraw", opened.token(), null, 200);
        assertEquals("ABORTED", withdrawn.path("state").asText(), withdrawn.toString());
        assertTrue(withdrawn.path("next").toString().contains("zurückgezogen"), withdrawn.toString());
        assertFalse(withdrawn.toString().contains("Ab3De4F"), "a security code is never sent back");
        api.call("POST", opened.path() + "/withdraw", opened.token(), null, 409);
        assertTrue(api.call("GET", "/api/openapi.json", null, null, 200).path("paths").has("/v1/applications/{id}/withdraw"));
    }

    /**
     * FZV § 20(1) S. 1: a registration requires the holder's secure identification, and a change of name takes the new
     * name from it (S. 2); without it nothing is verified.
     */
    @Test
    void aRegistrationIsNotVerifiedWithoutTheHoldersIdentification() throws Exception {
        for (String procedure : java.util.List.of("wiederzulassung", "erstzulassung", "umschreibung", "namensaenderung")) {
            JsonNode created = api.call("POST", "/api/v1/applications", null, Map.of("procedure", procedure), 201);
            String path = "/api/v1/applications/" + created.path("id").asText();
            JsonNode refused = api.call("POST", path + "/verify", created.path("token").asText(), null, 409);
            assertEquals("WRONG_STATE", refused.path("error").asText(), procedure + ": " + refused);
            assertEquals("DIALOG", api.call("GET", path, created.path("token").asText(), null, 200).path("state").asText());
        }
    }

    @Test
    void applicantIdentifiesWithTheEidSimulator() throws Exception {
        Opened opened = openAusserbetriebsetzung();
        String path = opened.path();
        String token = opened.token();
        // a return address elsewhere is refused: the one-time code must come back to this portal only
        api.call("POST", path + "/identification", token, Map.of("returnTo", "https://attacker.example/steal"), 422);
        api.call("POST", path + "/identification", token, Map.of("returnTo", "http://127.0.0.1:1/back"), 422);
        String login = api.call("POST", path + "/identification", token, Map.of("returnTo", api.back()), 200)
                .path("loginPage").asText();
        assertTrue(login.contains("/identity/login?state="), login);
        String code = api.loginCode(path, token, 0);
        JsonNode identified = api.call("POST", path + "/identification/complete", token, Map.of("code", code), 200);
        assertTrue(identified.path("identified").asBoolean(), identified.toString());
        assertFalse(identified.toString().contains("Mustermann"), "identity data are not echoed in the status");
        JsonNode again = api.call("POST", path + "/identification/complete", token, Map.of("code", code), 422); // one-time code: refused, not an outage
        assertEquals("INVALID", again.path("error").asText(), again.toString());
        assertTrue(again.path("detail").asText().contains("erneut an"), again.toString());
    }

    @Test
    void badInputGetsAClearErrorAndOthersApplicationsStayHidden() throws Exception {
        JsonNode created = api.call("POST", "/api/v1/applications", null, Map.of("procedure", "ausserbetriebsetzung"), 201);
        String path = "/api/v1/applications/" + created.path("id").asText();
        JsonNode invalid = api.call("PUT", path + "/answers", created.path("token").asText(), Map.of("kennzeichen", "ERZ-AB 01234"), 422);
        assertTrue(invalid.path("errors").has("kennzeichen"), invalid.toString());
        assertFalse(invalid.toString().contains("Exception"));
        api.call("GET", path, "wrong-token", null, 404);
        api.call("GET", path, null, null, 404);
        HttpResponse<String> garbage = Api.HTTP.send(HttpRequest.newBuilder(distribution.api("/api/v1/applications"))
                .POST(HttpRequest.BodyPublishers.ofString("{not json")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(400, garbage.statusCode());
        assertEquals("BAD_REQUEST", Api.JSON.readTree(garbage.body()).path("error").asText());
    }

    @Test
    void paidApplicationIsDecidedAndItsPdfCanBeRetrieved() throws Exception {
        Opened opened = openAusserbetriebsetzung();
        String path = opened.path();
        String token = opened.token();
        api.simulator("/kba/admin/vehicles", "kennzeichen=ERZ-XY+42&fin=WDB1240221A000002&zb1=Hx7Rt2Q&plaketten=M4n,Z9a");
        Map<String, String> answers = Api.abmelden("Hx7Rt2Q");
        answers.put("kennzeichen", "ERZ-XY 42");
        answers.put("plaketteVorn", "M4n");
        answers.put("plaketteHinten", "Z9a");
        JsonNode verified = answerAndVerify(path, token, answers);
        assertEquals("AWAITING_PAYMENT", verified.path("state").asText(), verified.toString());
        assertEquals(2.70, verified.path("total").asDouble(), 0.001);
        api.call("POST", path + "/submit", token, null, 409); // FZV § 20(5): fees first

        String page = api.call("POST", path + "/payment", token, Map.of("returnTo", api.back()), 200).path("paymentPage").asText();
        // the fees once: asked again while it is open, the same payment; once paid, none more, and submitting is what is left
        assertEquals(page, api.call("POST", path + "/payment", token, Map.of("returnTo", api.back()), 200).path("paymentPage").asText());
        api.simulator("/epayment/admin/payments/" + page.substring(page.lastIndexOf('/') + 1) + "/pay", "");
        JsonNode paid = api.call("GET", path, token, null, 200);
        assertTrue(paid.path("paid").asBoolean(), paid.toString());
        api.call("POST", path + "/payment", token, Map.of("returnTo", api.back()), 409);
        api.call("POST", path + "/withdraw", token, null, 409);
        JsonNode decided = api.call("POST", path + "/submit", token, null, 200);
        assertEquals("DECIDED", decided.path("state").asText());
        HttpResponse<byte[]> pdf = Api.HTTP.send(HttpRequest.newBuilder(distribution.api(path + "/decision.pdf"))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, pdf.statusCode());
        assertEquals("%PDF", new String(pdf.body(), 0, 4));
        try (org.apache.pdfbox.pdmodel.PDDocument document = org.apache.pdfbox.Loader.loadPDF(pdf.body())) {
            String text = new org.apache.pdfbox.text.PDFTextStripper().getText(document);
            assertTrue(text.contains(AUTHORITY_NAME), "the authority as configured in UTF-8: " + text);
        }
        JsonNode decision = api.call("GET", path + "/decision", token, null, 200);
        assertEquals(decided.path("decision").path("reference").asText(), decision.path("reference").asText());
        assertFalse(decision.path("effectiveOn").isNull(), "retrieved: effective today");
    }

    /**
     * Whether a plate is registered is not revealed before its codes match: an unregistered plate and a registered
     * one with a wrong code (or wrong seal codes) get the very same findings.
     */
    @Test
    void theAnswerDoesNotRevealWhetherAPlateIsRegistered() throws Exception {
        Map<String, String> unknown = Api.abmelden("Ab3De4F");
        unknown.put("kennzeichen", "ERZ-QQ 987");
        Opened first = openAusserbetriebsetzung();
        JsonNode noVehicle = answerAndVerify(first.path(), first.token(), unknown);
        Map<String, String> wrongSeal = Api.abmelden("Ab3De4F");
        wrongSeal.put("plaketteVorn", "Q9q");
        for (Map<String, String> registered : List.of(Api.abmelden("Zz9Zz9Z"), wrongSeal)) {
            Opened other = openAusserbetriebsetzung();
            JsonNode wrongCode = answerAndVerify(other.path(), other.token(), registered);
            assertEquals("DIALOG", wrongCode.path("state").asText());
            assertEquals(noVehicle.path("findings"), wrongCode.path("findings"));
        }
        assertEquals(1, noVehicle.path("findings").size(), noVehicle.toString());
    }

    private record Opened(String path, String token) {
    }

    /** A new Außerbetriebsetzung through the API: its path and its token. */
    private static Opened openAusserbetriebsetzung() throws Exception {
        JsonNode created = api.call("POST", "/api/v1/applications", null, Map.of("procedure", "ausserbetriebsetzung"), 201);
        return new Opened("/api/v1/applications/" + created.path("id").asText(), created.path("token").asText());
    }

    /** Sends the answers, then verifies them: the verification's answer. */
    private static JsonNode answerAndVerify(String path, String token, Map<String, String> answers) throws Exception {
        api.call("PUT", path + "/answers", token, answers, 200);
        return api.call("POST", path + "/verify", token, null, 200);
    }
}
