package org.openikfz.simulator.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openikfz.api.connector.ConnectorUnavailableException;
import org.openikfz.api.connector.EvbConnector;
import org.openikfz.api.connector.KbaReferenzConnector.Reference;
import org.openikfz.api.connector.KbaReferenzConnector.Status;
import org.openikfz.api.connector.TransferMessage;
import org.openikfz.api.connector.VehicleRecord;
import org.openikfz.api.connector.SealPosition;
import org.openikfz.api.connector.ZfzrQuery;
import org.openikfz.api.connector.ZfzrVerification;
import org.openikfz.api.connector.ZfzrVerification.Part;
import org.openikfz.api.value.Evb;
import org.openikfz.api.value.Fin;
import org.openikfz.api.value.Kennzeichen;
import org.openikfz.api.value.PlakettenCode;
import org.openikfz.api.value.Zb1Code;
import org.openikfz.api.value.Zb2Code;

class KbaSimulatorTest {

    static final String NEW_CAR = "WVWZZZE1ZSP000008";

    @TempDir
    Path dir;
    GdvSimulator gdv;
    KbaSimulator kba;

    @BeforeEach
    void start() {
        gdv = new GdvSimulator(dir);
        kba = new KbaSimulator(dir, gdv);
    }

    @Test
    void demoDataAreValidValues() {
        for (Vehicle v : KbaSimulator.DEMO) {
            Kennzeichen.of(v.kennzeichen());
            Fin.of(v.fin());
            Zb1Code.of(v.zb1());
            Zb2Code.of(v.zb2());
            v.plaketten().forEach(PlakettenCode::of);
        }
        for (CocRecord r : KbaSimulator.DEMO_COC) {
            Fin.of(r.fin());
            Zb2Code.of(r.zb2());
        }
        assertEquals(KbaSimulator.DEMO.size(), kba.vehicles().size());
        assertEquals(1, kba.cocRecords().size());
    }

    @Test
    void verifyReturnsTheFullRecord() throws Exception {
        ZfzrVerification v = kba.verify(new ZfzrQuery(Kennzeichen.of("ERZ-WZ 55"), Fin.of("WVWZZZ1KZ6W000006"), null,
                Zb2Code.of("Wd8Zq3Hy6Ub2"), List.of()));
        VehicleRecord r = v.vehicle();
        assertEquals(Set.of(Part.NOT_REGISTERED), v.mismatches(), "off the road is still reported");
        assertFalse(r.registered());
        assertEquals(LocalDate.of(2024, 3, 15), r.deregisteredOn());
        assertFalse(r.verwertungsnachweis());
        assertEquals(YearMonth.of(2027, 5), r.nextHu());
        assertEquals("ERZ", r.authority());
        assertEquals(LocalDate.of(1964, 8, 12), r.holder().dateOfBirth());
        assertEquals("Erika Mustermann", r.holder().name());

        ZfzrVerification c = kba.verify(new ZfzrQuery(Kennzeichen.of("C-UM 77"), null, null, Zb2Code.of("Cm4Tv9Bn2Xp7"), List.of()));
        assertTrue(c.matches());
        assertEquals("C", c.vehicle().authority());

        ZfzrVerification wrong = kba.verify(new ZfzrQuery(Kennzeichen.of("ERZ-AB 123"), null, Zb1Code.of("Ab3De4G"),
                Zb2Code.of("Pq4Ws8Xe2Rt7"), List.of(PlakettenCode.of("K7m"))));
        assertEquals(Set.of(Part.ZB1_CODE, Part.ZB2_CODE), wrong.mismatches());
        assertNull(kba.verify(new ZfzrQuery(Kennzeichen.of("ERZ-ZZ 9"), null, null, null, List.of())).vehicle());
    }

    @Test
    void referenceStatuses() throws Exception {
        Reference ok = kba.verify(Fin.of(NEW_CAR), Zb2Code.of("Ez6Nf1Kp4Qr8"));
        assertEquals(Status.REGISTRABLE, ok.status());
        assertEquals("Volkswagen ID.3", ok.vehicle());
        assertNull(ok.obstacle());
        assertEquals(Status.ZB2_MISMATCH, kba.verify(Fin.of(NEW_CAR), Zb2Code.of("Ez6Nf1Kp4Qr9")).status());
        assertEquals(Status.ZB2_MISMATCH, kba.verify(Fin.of(NEW_CAR), null).status());
        assertEquals(Status.UNKNOWN_FIN, kba.verify(Fin.of("WVWZZZE1ZSP000099"), Zb2Code.of("Ez6Nf1Kp4Qr8")).status());
        assertEquals(Status.ALREADY_REGISTERED, kba.verify(Fin.of("WVWZZZ1JZXW000001"), Zb2Code.of("Pq4Ws8Xe2Rt6")).status());
        assertEquals(Status.ALREADY_REGISTERED, kba.verify(Fin.of("WVWZZZ1KZ6W000006"), Zb2Code.of("Wd8Zq3Hy6Ub2")).status(),
                "off the road, but registered before");

        kba.putCoc(new CocRecord("WF0AXXGCDAP000011", "Nr5Ws2Kd8Ty4", "Ford Focus", false, "Rückruf: Bremsen"));
        Reference not = kba.verify(Fin.of("WF0AXXGCDAP000011"), Zb2Code.of("Nr5Ws2Kd8Ty4"));
        assertEquals(Status.NOT_REGISTRABLE, not.status());
        assertEquals("Rückruf: Bremsen", not.obstacle());

        kba.putCoc(new CocRecord("WF0AXXGCDAP000012", "Nr5Ws2Kd8Ty5", "Ford Focus", true, "Zulassungsverbot gemeldet"));
        Reference withObstacle = kba.verify(Fin.of("WF0AXXGCDAP000012"), Zb2Code.of("Nr5Ws2Kd8Ty5"));
        assertEquals(Status.REGISTRABLE, withObstacle.status());
        assertEquals("Zulassungsverbot gemeldet", withObstacle.obstacle(), "the authority decides");

        assertThrows(IllegalArgumentException.class, () -> kba.putCoc(new CocRecord("WF0AXXGCDAP00001", "Nr5Ws2Kd8Ty5", "", true, "")));
        assertThrows(IllegalArgumentException.class, () -> kba.putCoc(new CocRecord("WF0AXXGCDAP000013", "short", "", true, "")));
        assertEquals(3, new KbaSimulator(dir, gdv).cocRecords().size(), "persisted");
    }

    @Test
    void pruefzifferIsDeterministicAndDependsOnEveryInput() throws Exception {
        Fin fin = Fin.of("WVWZZZ1JZXW000001");
        LocalDate last = LocalDate.of(2025, 4, 10);
        YearMonth next = YearMonth.of(2027, 4);
        String p = kba.pruefziffer(fin, last, next, "TUEV");
        assertTrue(p.matches("[0-9A-Z]{6}"), p);
        assertEquals(p, HuPruefziffer.of(fin, last, next, "TUEV"));
        assertEquals(p, HuPruefziffer.of(fin, last, next, " tuev "), "organisation key trimmed, case-insensitive");
        assertEquals(p, new KbaSimulator(dir, gdv).pruefziffer(fin, last, next, "TUEV"), "same in another instance");
        assertNotEquals(p, HuPruefziffer.of(Fin.of("WVWZZZ1JZXW000002"), last, next, "TUEV"));
        assertNotEquals(p, HuPruefziffer.of(fin, last.plusDays(1), next, "TUEV"));
        assertNotEquals(p, HuPruefziffer.of(fin, last, next.plusMonths(1), "TUEV"));
        assertNotEquals(p, HuPruefziffer.of(fin, last, next, "DEKRA"));
    }

    @Test
    void theModeAppliesToAllServices() {
        kba.mode().set("unavailable");
        assertThrows(ConnectorUnavailableException.class, () -> kba.verify(new ZfzrQuery(Kennzeichen.of("ERZ-AB 123"),
                null, null, null, List.of())));
        assertThrows(ConnectorUnavailableException.class, () -> kba.verify(Fin.of(NEW_CAR), Zb2Code.of("Ez6Nf1Kp4Qr8")));
        assertThrows(ConnectorUnavailableException.class, () -> kba.pruefziffer(Fin.of(NEW_CAR), LocalDate.of(2025, 1, 1),
                YearMonth.of(2027, 1), "TUEV"));
        assertThrows(ConnectorUnavailableException.class, () -> kba.deliver(message(1, "ausserbetriebsetzung", "{}")));
        assertThrows(IllegalArgumentException.class, () -> kba.mode().set("broken"));
        kba.mode().set("normal");
    }

    @Test
    void severalSendersAtOnceEachTakeTheirVehicleOffTheRoadAndARestartKnowsIt() throws Exception {
        int senders = 4;
        int each = 10;
        for (int i = 0; i < senders * each; i++) {
            kba.put(new Vehicle("ERZ-P " + (i + 1), String.format("WVWZZZ1JZXP%06d", i), "Ab3De4F", "Pq4Ws8Xe2Rt6",
                    List.of("K7m", "P2x"), true, KbaSimulator.DEMO.get(0).holder(), null, false, YearMonth.of(2027, 6), "ERZ", YearMonth.of(2019, 6)));
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(senders);
        try {
            List<java.util.concurrent.Future<?>> done = new java.util.ArrayList<>();
            for (int s = 0; s < senders; s++) {
                int sender = s;
                done.add(pool.submit(() -> {
                    for (int i = sender * each; i < (sender + 1) * each; i++) {
                        kba.deliver(message(100 + i, "ausserbetriebsetzung", "{\"procedure\":\"ausserbetriebsetzung\",\"authority\":\"ERZ\","
                                + "\"answers\":{\"kennzeichen\":\"ERZ-P " + (i + 1) + "\"},\"transferredAt\":\"2026-12-01T10:00:00Z\"}"));
                    }
                    return null;
                }));
            }
            for (java.util.concurrent.Future<?> f : done) {
                f.get(1, java.util.concurrent.TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
        KbaSimulator restarted = new KbaSimulator(dir, gdv);
        for (int i = 0; i < senders * each; i++) {
            assertFalse(kba.vehicle("ERZ-P " + (i + 1)).orElseThrow().registered());
            assertFalse(restarted.vehicle("ERZ-P " + (i + 1)).orElseThrow().registered(), "on the disk, not only in memory");
        }
        assertEquals(senders * each, restarted.transfers().size(), "each transfer once");
    }

    @Test
    void ausserbetriebsetzungTakesTheVehicleOffTheRoadOnce() throws Exception {
        String payload = "{\"procedure\":\"ausserbetriebsetzung\",\"authority\":\"ERZ\",\"answers\":{\"kennzeichen\":\"erz-ab 123\","
                + "\"verwertet\":\"true\"},\"transferredAt\":\"2026-12-01T23:30:00Z\"}";
        kba.deliver(message(7, "ausserbetriebsetzung", payload));
        Vehicle v = kba.vehicle("ERZ-AB 123").orElseThrow();
        assertFalse(v.registered());
        assertEquals(LocalDate.of(2026, 12, 2), v.deregisteredOn(), "the transfer day in Germany");
        assertTrue(v.verwertungsnachweis());
        kba.deliver(message(7, "ausserbetriebsetzung", payload));
        assertEquals(1, kba.transfers().size(), "idempotent by message id");
        assertEquals(1, new KbaSimulator(dir, gdv).transfers().size());
        assertFalse(kba.held("ERZ-AB 123"));
    }

    @Test
    void wiederzulassungRegistersAgainWithTheNewPlateAndHolder() throws Exception {
        String payload = "{\"procedure\":\"wiederzulassung\",\"authority\":\"ERZ\",\"answers\":{\"kennzeichen\":\"ERZ-WZ 55\","
                + "\"fin\":\"WVWZZZ1KZ6W000006\",\"evb\":\"MV12345\"},\"facts\":{\"kennzeichen.zugeteilt\":\"ERZ-EM 64\","
                + "\"hu.next\":\"2028-11\",\"zfzr.fin\":\"WVWZZZ1KZ6W000006\"},\"applicant\":{\"name\":\"Erika Mustermann\","
                + "\"street\":\"Neue Straße 2\",\"postalCode\":\"09456\",\"city\":\"Annaberg-Buchholz\",\"dateOfBirth\":\"1964-08-12\","
                + "\"organisation\":false},\"transferredAt\":\"2026-12-02T10:00:00Z\"}";
        kba.deliver(message(8, "wiederzulassung", payload));
        Vehicle v = kba.vehicle("ERZ-EM 64").orElseThrow();
        assertTrue(v.registered());
        assertEquals("WVWZZZ1KZ6W000006", v.fin());
        assertNull(v.deregisteredOn());
        assertEquals("Neue Straße 2", v.holder().street());
        assertEquals(LocalDate.of(1964, 8, 12), v.holder().dateOfBirth());
        assertEquals(YearMonth.of(2028, 11), v.nextHu());
        assertTrue(kba.held("ERZ-EM 64"));
        assertTrue(kba.vehicle("ERZ-WZ 55").isEmpty(), "the old plate is free: no vehicle carries it");
        assertFalse(kba.held("ERZ-WZ 55"));
        assertEquals(KbaSimulator.DEMO.size(), kba.vehicles().size(), "the same vehicle, not a new one");
        assertEquals(EvbConnector.Status.USED, gdv.verify(Evb.of("MV12345")).status(), "the eVB was used");
    }

    @Test
    void wiederzulassungWithTheOldPlate() throws Exception {
        kba.deliver(message(9, "wiederzulassung", "{\"answers\":{\"kennzeichen\":\"ERZ-WZ 55\"}}"));
        Vehicle v = kba.vehicle("ERZ-WZ 55").orElseThrow();
        assertTrue(v.registered());
        assertEquals("Erika Mustermann", v.holder().name(), "no applicant: the holder stays");
    }

    @Test
    void aGrantedNamensaenderungRecordsTheHoldersNewNameAndKeepsPlateAndAuthority() throws Exception {
        String payload = "{\"authority\":\"ERZ\",\"answers\":{\"kennzeichen\":\"ERZ-NA 64\"},\"applicant\":{\"name\":\"Erika Mustermann\","
                + "\"street\":\"Hauptstraße 1\",\"postalCode\":\"09456\",\"city\":\"Annaberg-Buchholz\",\"dateOfBirth\":\"1964-08-12\","
                + "\"organisation\":false}}";
        assertEquals("Erika Gabler", kba.vehicle("ERZ-NA 64").orElseThrow().holder().name());
        kba.deliver(message(13, "namensaenderung", payload));
        Vehicle v = kba.vehicle("ERZ-NA 64").orElseThrow();
        assertEquals("Erika Mustermann", v.holder().name());
        assertEquals("ERZ", v.authority());
        assertTrue(v.registered());
    }

    @Test
    void umschreibungFromAnotherDistrict() throws Exception {
        String payload = "{\"procedure\":\"umschreibung\",\"authority\":\"ERZ\",\"answers\":{\"kennzeichen\":\"C-UM 77\"},"
                + "\"facts\":{\"kennzeichen.zugeteilt\":\"STL-MM 71\"},\"applicant\":{\"name\":\"Max Mustermann\",\"street\":\"Markt 5\","
                + "\"postalCode\":\"09366\",\"city\":\"Stollberg\",\"dateOfBirth\":\"1971-03-02\",\"organisation\":false}}";
        kba.deliver(message(10, "umschreibung", payload));
        Vehicle v = kba.vehicle("STL-MM 71").orElseThrow();
        assertEquals("ERZ", v.authority());
        assertEquals("Stollberg", v.holder().city());
        assertEquals("WBA8E11060K000007", v.fin());
        assertFalse(kba.held("C-UM 77"));
    }

    @Test
    void umschreibungToAnOrganisationKeepsThePlate() throws Exception {
        String payload = "{\"authority\":\"ERZ\",\"answers\":{\"kennzeichen\":\"ERZ-XY 42\"},\"applicant\":{\"name\":\"Muster GmbH\","
                + "\"street\":\"Industriestraße 9\",\"postalCode\":\"08280\",\"city\":\"Aue-Bad Schlema\",\"dateOfBirth\":\"1999-01-01\","
                + "\"organisation\":true}}";
        kba.deliver(message(11, "umschreibung", payload));
        Vehicle v = kba.vehicle("ERZ-XY 42").orElseThrow();
        assertEquals("Muster GmbH", v.holder().name());
        assertNull(v.holder().dateOfBirth(), "an organisation has none");
    }

    @Test
    void erstzulassungEntersTheNewVehicle() throws Exception {
        String payload = "{\"procedure\":\"erstzulassung\",\"authority\":\"ERZ\",\"answers\":{\"fin\":\"" + NEW_CAR + "\","
                + "\"evb\":\"BA34567\"},\"facts\":{\"kennzeichen.zugeteilt\":\"ERZ-IK 101\"},\"applicant\":{\"name\":\"Lena Beispiel\","
                + "\"street\":\"Markt 1\",\"postalCode\":\"09456\",\"city\":\"Annaberg-Buchholz\",\"dateOfBirth\":\"1990-05-20\"},"
                + "\"transferredAt\":\"2026-12-02T10:00:00Z\"}";
        kba.deliver(message(12, "erstzulassung", payload));
        Vehicle v = kba.vehicle("ERZ-IK 101").orElseThrow();
        assertTrue(v.registered());
        assertEquals(NEW_CAR, v.fin());
        assertEquals("Ez6Nf1Kp4Qr8", v.zb2(), "the ZB II of the reference data");
        assertEquals(YearMonth.of(2026, 12), v.firstRegistration());
        assertEquals(YearMonth.of(2029, 12), v.nextHu(), "first HU after 36 months");
        assertEquals("Lena Beispiel", v.holder().name());
        assertEquals(Status.ALREADY_REGISTERED, kba.verify(Fin.of(NEW_CAR), Zb2Code.of("Ez6Nf1Kp4Qr8")).status());
        assertEquals(EvbConnector.Status.USED, gdv.verify(Evb.of("BA34567")).status());
        assertEquals(KbaSimulator.DEMO.size() + 1, new KbaSimulator(dir, gdv).vehicles().size(), "persisted");
    }

    @Test
    void transfersTheRegisterCannotApplyAreStillAcknowledged() throws Exception {
        kba.deliver(message(13, "wiederzulassung", "{\"answers\":{\"kennzeichen\":\"ERZ-NO 1\"}}"));
        kba.deliver(message(14, "erstzulassung", "{\"answers\":{}}"));
        kba.deliver(message(15, "ausserbetriebsetzung", "not json"));
        kba.deliver(message(16, "zulassungsbescheinigung", "{}"));
        assertEquals(4, kba.transfers().size());
        assertEquals(KbaSimulator.DEMO.size(), kba.vehicles().size());
    }

    @Test
    void adminPutReplacesByPlateAndByFin() {
        kba.put(new Vehicle("erz-ab 123", "wvwzzz1jzxw000001", "Ab3De4F", "", List.of("K7m", "P2x"), true,
                "Test Halter", "Teststraße 1", "09456", "Annaberg-Buchholz"));
        assertEquals(KbaSimulator.DEMO.size(), kba.vehicles().size());
        kba.put(new Vehicle("ERZ-AB 123", "WVWZZZ1JZXW000010", "Ab3De4F", "", List.of(), true,
                "Test Halter", "Teststraße 1", "09456", "Annaberg-Buchholz"));
        assertEquals(KbaSimulator.DEMO.size(), kba.vehicles().size(), "one vehicle per plate");
        assertEquals("WVWZZZ1JZXW000010", kba.vehicle("ERZ-AB 123").orElseThrow().fin());
        assertTrue(kba.vehicleByFin("WVWZZZ1JZXW000001").isEmpty(), "the vehicle that had the plate before is gone");
        assertThrows(IllegalArgumentException.class, () -> kba.put(new Vehicle("", "WVWZZZ1JZXW000010", "", "", List.of(),
                true, "T", "S", "P", "C")));
    }

    static TransferMessage message(long id, String procedure, String payload) {
        return new TransferMessage(id, UUID.fromString("6f1c6c1e-3d7a-4a59-9d43-2f1b7b0e8a11"), procedure, true, payload);
    }

    /**
     * FZV § 21(3): an uncovered seal makes only its own plate unstamped, so the register compares each code
     * with the seal at its position; the front seal's code given for both plates does not pass.
     */
    @Test
    void eachSealCodeIsComparedWithTheSealOfItsPlate() throws Exception {
        Kennzeichen plate = Kennzeichen.of("ERZ-AB 123");
        assertTrue(kba.verify(seals(plate, "K7m", "P2x")).matches());
        assertEquals(Set.of(Part.PLAKETTEN_CODE), kba.verify(seals(plate, "K7m", "K7m")).mismatches(), "the front code twice");
        assertEquals(Set.of(Part.PLAKETTEN_CODE), kba.verify(seals(plate, "P2x", "P2x")).mismatches(), "the rear code twice");
        assertEquals(Set.of(Part.PLAKETTEN_CODE), kba.verify(seals(plate, "P2x", "K7m")).mismatches(), "front and rear swapped");
        ZfzrVerification shared = kba.verify(new ZfzrQuery(plate, null, null, null, Map.of(SealPosition.FRONT, PlakettenCode.of("K7m"),
                SealPosition.REAR, PlakettenCode.of("P2x"), SealPosition.SHARED_PART, PlakettenCode.of("K7m"))));
        assertEquals(Set.of(Part.PLAKETTEN_CODE), shared.mismatches(), "the vehicle has no seal on a shared part");
    }

    private static ZfzrQuery seals(Kennzeichen plate, String front, String rear) {
        return new ZfzrQuery(plate, null, null, null, Map.of(SealPosition.FRONT, PlakettenCode.of(front), SealPosition.REAR, PlakettenCode.of(rear)));
    }

    /** The register records the day the decision took effect (a mailed Außerbetriebsetzung: the day it was sent), not the transfer's day. */
    @Test
    void theRegisterRecordsTheDayTheDecisionTookEffect() throws Exception {
        String payload = "{\"procedure\":\"ausserbetriebsetzung\",\"authority\":\"ERZ\",\"answers\":{\"kennzeichen\":\"ERZ-XY 42\"},"
                + "\"decision\":{\"effectiveOn\":\"2026-11-27\"},\"transferredAt\":\"2026-12-01T10:00:00Z\"}";
        kba.deliver(message(11, "ausserbetriebsetzung", payload));
        assertEquals(LocalDate.of(2026, 11, 27), kba.vehicle("ERZ-XY 42").orElseThrow().deregisteredOn());
    }
}
