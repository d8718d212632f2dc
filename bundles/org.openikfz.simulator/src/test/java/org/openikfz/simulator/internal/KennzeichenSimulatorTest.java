package org.openikfz.simulator.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openikfz.api.connector.ConnectorUnavailableException;
import org.openikfz.api.value.Kennzeichen;

class KennzeichenSimulatorTest {

    static final String[] DEFAULT = {KennzeichenSimulator.DEFAULT_DISTRICTS};

    @TempDir
    Path dir;
    KbaSimulator kba;
    KennzeichenSimulator plates;
    final UUID a = UUID.randomUUID();
    final UUID b = UUID.randomUUID();

    @BeforeEach
    void start() {
        kba = new KbaSimulator(dir, new GdvSimulator(dir));
        plates = new KennzeichenSimulator(dir, DEFAULT, kba);
    }

    @Test
    void parsesTheConfiguration() {
        assertEquals(Map.of("ERZ", List.of("ERZ", "ANA", "ASZ", "AU", "MAB", "MEK", "STL", "SZB", "ZP")),
                KennzeichenSimulator.districts(DEFAULT));
        Map<String, List<String>> two = KennzeichenSimulator.districts(new String[] {"erz = ERZ, stl ; C=C", "Z=Z,lö", "broken"});
        assertEquals(List.of("ERZ", "STL"), two.get("ERZ"));
        assertEquals(List.of("C"), two.get("C"));
        assertEquals(List.of("Z", "LÖ"), two.get("Z"));
        assertEquals(3, two.size());
    }

    @Test
    void reservesAWishOfTheAuthority() throws Exception {
        Kennzeichen wish = Kennzeichen.of("STL-MM 71");
        assertEquals(Optional.of(wish), plates.reserve("ERZ", wish, a));
        assertEquals(Optional.of(wish), plates.reserve("erz", wish, a), "idempotent per application");
        Kennzeichen electric = Kennzeichen.of("STL-MM 71E");
        assertEquals(Optional.of(electric), plates.reserve("ERZ", electric, a), "its own plate does not block the application");
        assertEquals(Optional.of(wish), plates.reserve("ERZ", wish, a));
        assertEquals(Optional.empty(), plates.reserve("ERZ", wish, b), "reserved for another application");
        assertEquals(1, plates.reservations().size());
    }

    @Test
    void refusesWishesThatCannotBeHad() throws Exception {
        assertEquals(Optional.empty(), plates.reserve("ERZ", Kennzeichen.of("C-AB 1"), a), "not an Unterscheidungszeichen of ERZ");
        assertEquals(Optional.empty(), plates.reserve("XYZ", Kennzeichen.of("ERZ-AB 1"), a), "authority without configuration");
        assertEquals(Optional.empty(), plates.reserve("ERZ", Kennzeichen.of("ERZ-AB 123"), a), "held by a registered vehicle");
        assertEquals(Optional.empty(), plates.reserve("ERZ", Kennzeichen.of("ERZ-XY 42E"), a), "E does not make another plate");
        assertEquals(Optional.empty(), plates.reserve("ERZ", Kennzeichen.of("ERZ-E 7"), a), "held as ERZ-E 7E");
        assertEquals(Optional.of(Kennzeichen.of("ERZ-WZ 55")), plates.reserve("ERZ", Kennzeichen.of("ERZ-WZ 55"), a),
                "a vehicle off the road does not hold its plate");
        plates.markTaken(Kennzeichen.of("erz-tt 1"));
        assertEquals(Optional.empty(), plates.reserve("ERZ", Kennzeichen.of("ERZ-TT 1"), b), "marked taken");
        assertTrue(plates.reservations().stream().noneMatch(r -> r.application().equals(b)));
    }

    @Test
    void aNewWishReplacesTheOldOne() throws Exception {
        plates.reserve("ERZ", Kennzeichen.of("ERZ-AA 1"), a);
        plates.reserve("ERZ", Kennzeichen.of("ERZ-AA 2"), a);
        assertEquals(List.of("ERZ-AA 2"), plates.reservations().stream().map(KennzeichenSimulator.Reservation::kennzeichen).toList());
        assertEquals(Optional.of(Kennzeichen.of("ERZ-AA 1")), plates.reserve("ERZ", Kennzeichen.of("ERZ-AA 1"), b),
                "the old wish is free again");
        assertEquals(Optional.empty(), plates.reserve("ERZ", Kennzeichen.of("ERZ-AA 1"), a), "now b's");
        assertEquals("ERZ-AA 2", plates.reservations().stream().filter(r -> r.application().equals(a)).findFirst()
                .orElseThrow().kennzeichen(), "a wish that cannot be had leaves the earlier plate");
    }

    @Test
    void assignsTheNextFreePlate() throws Exception {
        assertEquals(Kennzeichen.of("ERZ-IK 101"), plates.assign("ERZ", "", a));
        assertEquals(Kennzeichen.of("ERZ-IK 101"), plates.assign("ERZ", "", a), "idempotent per application");
        plates.markTaken(Kennzeichen.of("ERZ-IK 102"));
        kba.put(new Vehicle("ERZ-IK 103", "WVWZZZ1JZXW000020", "", "", List.of(), true, "T", "S", "P", "C"));
        plates.reserve("ERZ", Kennzeichen.of("ERZ-IK 104"), UUID.randomUUID());
        assertEquals(Kennzeichen.of("ERZ-IK 105"), plates.assign("ERZ", "", b), "skips taken, held and reserved plates");
        Kennzeichen e = plates.assign("ERZ", "E", UUID.randomUUID());
        assertEquals(Kennzeichen.of("ERZ-IK 10E"), e, "an E plate has at most 7 positions before the suffix");
        assertTrue(e.isElektro());
        assertEquals(Kennzeichen.of("ERZ-IK 11H"), plates.assign("ERZ", "h", UUID.randomUUID()), "ERZ-IK 10 is taken by the E plate");
        assertEquals(Optional.empty(), plates.reserve("ERZ", Kennzeichen.of("ERZ-IK 10"), UUID.randomUUID()));
        assertThrows(IllegalArgumentException.class, () -> plates.assign("ERZ", "X", UUID.randomUUID()));
        assertThrows(ConnectorUnavailableException.class, () -> plates.assign("XYZ", "", UUID.randomUUID()));
    }

    @Test
    void assigningAfterAWishReplacesIt() throws Exception {
        plates.reserve("ERZ", Kennzeichen.of("ERZ-AA 1"), a);
        Kennzeichen assigned = plates.assign("ERZ", "", a);
        assertNotEquals(Kennzeichen.of("ERZ-AA 1"), assigned);
        assertEquals(1, plates.reservations().size());
        assertEquals(Kennzeichen.of("ERZ-IK 102"), plates.assign("ERZ", "", b));
        assertNotEquals(assigned, plates.assign("ERZ", "E", a), "another suffix: another plate");
    }

    @Test
    void runsOutToTheNextLetters() throws Exception {
        for (int n = 101; n <= 999; n++) {
            plates.markTaken(Kennzeichen.of("ERZ-IK " + n));
        }
        assertEquals(Kennzeichen.of("ERZ-AA 101"), plates.assign("ERZ", "", a));
    }

    @Test
    void reservationsSurviveARestart() throws Exception {
        plates.reserve("ERZ", Kennzeichen.of("ANA-X 7"), a);
        Kennzeichen assigned = plates.assign("ERZ", "", b);
        plates.markTaken(Kennzeichen.of("ERZ-TT 1"));
        KennzeichenSimulator again = new KennzeichenSimulator(dir, DEFAULT, kba);
        assertEquals(Optional.of(Kennzeichen.of("ANA-X 7")), again.reserve("ERZ", Kennzeichen.of("ANA-X 7"), a));
        assertEquals(Optional.empty(), again.reserve("ERZ", Kennzeichen.of("ANA-X 7"), UUID.randomUUID()));
        assertEquals(assigned, again.assign("ERZ", "", b));
        assertEquals(List.of("ERZ-TT 1"), again.taken());
    }

    @Test
    void theModeApplies() {
        plates.mode().set("unavailable");
        assertThrows(ConnectorUnavailableException.class, () -> plates.reserve("ERZ", Kennzeichen.of("ERZ-AA 1"), a));
        assertThrows(ConnectorUnavailableException.class, () -> plates.assign("ERZ", "", a));
    }

    // an application that ended without a registration gives its plate back through the Fachverfahren's message, so the
    // applicant who starts again can have it; other messages and other authorities' releases change nothing
    @Test
    void theFachverfahrensReleaseMessageGivesAnEndedApplicationsPlateBack() throws Exception {
        FachverfahrenSimulator fachverfahren = new FachverfahrenSimulator(dir, Optional.empty(), plates);
        Kennzeichen wish = Kennzeichen.of("ERZ-WK 42");
        assertEquals(Optional.of(wish), plates.reserve("ERZ", wish, a));
        assertEquals(Optional.empty(), plates.reserve("ERZ", wish, b), "held for the first application");
        fachverfahren.deliver(new org.openikfz.api.connector.TransferMessage(1, a, "wiederzulassung", true,
                "{\"kind\":\"decision\",\"application\":\"" + a + "\",\"authority\":\"ERZ\"}"));
        fachverfahren.deliver(new org.openikfz.api.connector.TransferMessage(2, a, "wiederzulassung", true,
                "{\"kind\":\"kennzeichen-freigabe\",\"application\":\"" + a + "\",\"authority\":\"STL\"}"));
        assertEquals(Optional.empty(), plates.reserve("ERZ", wish, b), "a decision, or another authority's release, keeps it");
        fachverfahren.deliver(new org.openikfz.api.connector.TransferMessage(3, a, "wiederzulassung", true,
                "{\"kind\":\"kennzeichen-freigabe\",\"application\":\"" + a + "\",\"authority\":\"ERZ\",\"reference\":\"ERZ-2026-1\"}"));
        assertEquals(Optional.of(wish), plates.reserve("ERZ", wish, b), "given back: the next application has it");
        assertEquals(Optional.of(wish), new KennzeichenSimulator(dir, DEFAULT, kba).reserve("ERZ", wish, b), "and so after a restart");
    }
}
