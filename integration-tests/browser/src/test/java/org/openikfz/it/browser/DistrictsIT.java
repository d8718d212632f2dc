package org.openikfz.it.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.openikfz.it.DemoAnswers;
import org.openikfz.launcher.DistrictBuild;

/**
 * District builds as an IT service provider makes them from {@code districts/*.json}: the same assembly the
 * distribution's build runs (DistrictBuild), started with the start script. Each district offers exactly its
 * procedures, judges Zuständigkeit by its own area, names its own authority on its documents and asks its
 * Land's connector; the production-shaped build has no simulator and refuses to start without its authority.
 */
class DistrictsIT {

    /** The repository's root: the distribution lies in {@code distribution/target/openikfz}. */
    private static final Path ROOT = Path.of(System.getProperty("openikfz.distribution")).toAbsolutePath().getParent().getParent().getParent();

    @Test
    void zwickauOffersItsTwoProceduresJudgesItsOwnAreaAndNamesItsAuthority() throws Exception {
        // the shipped descriptor, with a fee table of the district's own beside it (a made-up amount for item 224) and an
        // address for its documents (made up too)
        Path descriptor = Files.createTempDirectory("zwickau").resolve("zwickau.json");
        com.fasterxml.jackson.databind.node.ObjectNode zwickauJson = (com.fasterxml.jackson.databind.node.ObjectNode)
                Api.JSON.readTree(ROOT.resolve("districts/zwickau.json").toFile());
        zwickauJson.put("feeTable", "fees.tsv");
        ((com.fasterxml.jackson.databind.node.ObjectNode) zwickauJson.path("configurations").path("org.openikfz.core"))
                .put("authorityAddress", "Postfach 99 99 99; 08056 Zwickau");
        Api.JSON.writeValue(descriptor.toFile(), zwickauJson);
        Files.writeString(descriptor.resolveSibling("fees.tsv"), "224\t2024-01-01\t\t3.10\tAußerbetriebsetzung (Zwickau)\tDeregistration\n");
        try (RunningDistribution zwickau = RunningDistribution.start("district-zwickau", home -> district(descriptor, home))) {
            Api api = new Api(zwickau);
            assertEquals(Set.of("ausserbetriebsetzung", "umschreibung"), procedures(api));

            // a Zwickau holder's car is deregistered here; an Erzgebirgskreis holder's is not (FZV Anlage 11 Nr. 1)
            api.simulator("/kba/admin/vehicles", vehicle("Z-DI 1", "WVWZZZ1JZXW900001", "08056", "Zwickau"));
            api.simulator("/kba/admin/vehicles", vehicle("Z-DI 2", "WVWZZZ1JZXW900002", "09456", "Annaberg-Buchholz"));
            JsonNode created = api.call("POST", "/api/v1/applications", null, Map.of("procedure", "ausserbetriebsetzung"), 201);
            String path = "/api/v1/applications/" + created.path("id").asText();
            String token = created.path("token").asText();
            api.call("PUT", path + "/answers", token, DemoAnswers.abmelden("Z-DI 1", "K7m", "P2x", DemoAnswers.ZB1), 200);
            JsonNode verified = api.call("POST", path + "/verify", token, null, 200);
            assertEquals("AWAITING_PAYMENT", verified.path("state").asText(), verified.toString());
            assertEquals(0, new java.math.BigDecimal("3.10").compareTo(verified.path("total").decimalValue()),
                    "the district's fee table replaces the bundled item: " + verified);
            JsonNode decided = api.payAndSubmit(path, token, "DECIDED");
            String reference = decided.path("decision").path("reference").asText(decided.toString());
            assertTrue(reference.startsWith("Z-"), "references carry the authority's key: " + decided);
            String href = decided.path("documents").get(0).path("href").asText();
            String text = new PDFTextStripper().getText(Loader.loadPDF(api.document(href, token)));
            assertTrue(text.contains("Landratsamt Zwickau – Zulassungsbehörde\nPostfach 99 99 99\n08056 Zwickau"), text);
            assertFalse(text.contains("Erzgebirgskreis"), text);

            JsonNode other = api.call("POST", "/api/v1/applications", null, Map.of("procedure", "ausserbetriebsetzung"), 201);
            String otherPath = "/api/v1/applications/" + other.path("id").asText();
            String otherToken = other.path("token").asText();
            api.call("PUT", otherPath + "/answers", otherToken, DemoAnswers.abmelden("Z-DI 2", "K7m", "P2x", DemoAnswers.ZB1), 200);
            JsonNode opposed = api.call("POST", otherPath + "/verify", otherToken, null, 200);
            assertEquals("DIALOG", opposed.path("state").asText(), opposed.toString());
            assertTrue(opposed.path("findings").toString().contains("zuständig"), opposed.toString());

            // what is not offered cannot be opened either
            api.call("POST", "/api/v1/applications", null, Map.of("procedure", "wiederzulassung"), 422);
        }
    }

    @Test
    void aBavarianDistrictAsksTheBayernConnector() throws Exception {
        try (RunningDistribution erding = RunningDistribution.start("district-erding", home -> {
            district(ROOT.resolve("districts/erding.json"), home);
            int landPort = RunningDistribution.freePort();
            Files.writeString(home.resolve("etc/org.openikfz.simulator.gebuehren.by.cfg"), "port=" + landPort + "\n");
            Files.writeString(home.resolve("etc/org.openikfz.connector.gebuehren.by.cfg"),
                    "endpoint=http://127.0.0.1:" + landPort + "/api/v1/gebuehrenrueckstaende/abfragen\n"
                            + "tokenEndpoint=http://127.0.0.1:" + landPort + "/oauth2/token\n");
        })) {
            Api api = new Api(erding);
            assertEquals(Set.of("ausserbetriebsetzung", "wiederzulassung", "erstzulassung", "umschreibung"), procedures(api));
            Applicants applicants = new Applicants(api);
            // the Bayern simulator's debtor, living in Erding
            int berta = Api.JSON.readTree(api.simulator("/identity/admin/persons",
                    "name=Berta+Beitragsrest&street=Landshuter+Stra%C3%9Fe+1&postalCode=85435&city=Erding&dateOfBirth=1970-03-03"))
                    .path("person").asInt();
            Applicants.Vehicle vehicle = applicants.deregistered(Applicants.today().minusYears(2));
            Applicants.Application application = applicants.identified("wiederzulassung", berta);
            Map<String, String> answers = DemoAnswers.wiederzulassung(vehicle.plate(), vehicle.fin(), applicants.evb(), "Berta Beitragsrest");
            answers.put("selberHalter", "false");
            answers.put("zb2Code", DemoAnswers.ZB2);
            applicants.answer(application, answers);
            JsonNode verified = applicants.verify(application);
            assertEquals("DIALOG", verified.path("state").asText(), verified.toString());
            List<String> messages = new ArrayList<>();
            verified.path("findings").forEach(f -> messages.add(f.path("message").asText()));
            assertTrue(messages.stream().anyMatch(m -> m.contains("Bayern") && m.contains("45,60 €")),
                    "the Land's service that knows the arrears is Bayern's: " + messages);
            assertFalse(messages.stream().anyMatch(m -> m.contains("zuständig")), "Erding is Berta's district: " + messages);
        }
    }

    @Test
    void theProductionShapedBuildHasNoSimulatorAndRefusesToStartWithoutItsAuthority() throws Exception {
        RunningDistribution production = RunningDistribution.prepared("district-production");
        district(ROOT.resolve("districts/production.json"), production.home);
        try (Stream<Path> files = Files.walk(production.home)) {
            List<String> simulators = files.filter(p -> !p.startsWith(production.home.resolve("etc")))
                    .map(p -> p.getFileName().toString()).filter(n -> n.contains("simulator")).toList();
            assertEquals(List.of(), simulators, "a production build contains no simulator, not even one to deploy");
        }
        assertTrue(Files.exists(production.home.resolve("connectors/org.openikfz.connector.gebuehren.by.jar")),
                "the other Länder's connectors are there to deploy");
        RunningDistribution.Started started = production.startScript();
        assertNotEquals(0, started.status(), started.output());
        assertTrue(started.output().contains("no Zulassungsbehörde configured") && started.output().contains("authority"),
                "the start says what is missing: " + started.output());
        assertTrue(started.output().contains("postalCodes"), "and the area: " + started.output());

        // once the provider names the authority, it starts; with no external system configured no check can pass:
        // the machine decides nothing, the applicant may apply for the clerks' decision
        org.openikfz.it.EtcFiles.configure(production.home, "org.openikfz.core",
                "authority=TST\nauthorityName=Landratsamt Test – Zulassungsbehörde\nland=SN\n");
        org.openikfz.it.EtcFiles.configure(production.home, "org.openikfz.check.zustaendigkeit", "postalCodes=09456\n");
        production.launch();
        try {
            Api api = new Api(production);
            JsonNode created = api.call("POST", "/api/v1/applications", null, Map.of("procedure", "ausserbetriebsetzung"), 201);
            String path = "/api/v1/applications/" + created.path("id").asText();
            String token = created.path("token").asText();
            api.call("PUT", path + "/answers", token, DemoAnswers.abmelden("TST-AB 1", "K7m", "P2x", DemoAnswers.ZB1), 200);
            JsonNode verified = api.call("POST", path + "/verify", token, null, 200);
            assertEquals("NOT_DECIDABLE", verified.path("state").asText(), verified.toString());
        } finally {
            production.close();
        }
    }

    /** The procedures the running portal offers, by id. */
    private static Set<String> procedures(Api api) throws Exception {
        Set<String> ids = new TreeSet<>();
        for (JsonNode procedure : api.call("GET", "/api/v1/procedures", null, null, 200).path("procedures")) {
            ids.add(procedure.path("id").asText());
        }
        return ids;
    }

    private static String vehicle(String plate, String fin, String postalCode, String city) {
        return "kennzeichen=" + URLEncoder.encode(plate, StandardCharsets.UTF_8) + "&fin=" + fin + "&zb1=" + DemoAnswers.ZB1
                + "&plaketten=K7m,P2x&registered=true&holder=Hanna+Halter&street=Hauptstra%C3%9Fe+1&postalCode=" + postalCode
                + "&city=" + URLEncoder.encode(city, StandardCharsets.UTF_8);
    }

    /**
     * Turns a copy of the built distribution into the district's build: its bundles and feature file in
     * {@code system/} and its configuration in {@code etc/}, as {@code ./mvnw -Ddistrict=<name> package} assembles them.
     */
    static void district(Path descriptor, Path home) throws Exception {
        Path out = Files.createTempDirectory("district");
        new DistrictBuild(ROOT.resolve("features/target/slingfeature-tmp"), ROOT.resolve("distribution/target/artifacts"),
                ROOT.resolve("distribution/src/main/dist/etc/framework.properties")).build(descriptor, out);
        RunningDistribution.deleteRecursively(home.resolve("system"));
        RunningDistribution.deleteRecursively(home.resolve("connectors"));
        // the default district's configuration goes; the test's own (ports) stays
        for (String pid : List.of("org.openikfz.core", "org.openikfz.check.zustaendigkeit")) {
            Files.deleteIfExists(home.resolve("etc/" + pid + ".cfg"));
        }
        RunningDistribution.copy(out.resolve("system"), home.resolve("system"));
        RunningDistribution.copy(out.resolve("etc"), home.resolve("etc"));
        RunningDistribution.copy(out.resolve("connectors"), home.resolve("connectors"));
        RunningDistribution.deleteRecursively(out);
    }
}
