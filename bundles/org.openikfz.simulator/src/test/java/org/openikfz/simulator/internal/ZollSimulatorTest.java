package org.openikfz.simulator.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openikfz.api.connector.ConnectorUnavailableException;
import org.openikfz.api.connector.Holder;
import org.openikfz.api.connector.ZollConnector;
import org.openikfz.api.value.Iban;

class ZollSimulatorTest {

    static final Iban IBAN = Iban.of("DE89 3704 0044 0532 0130 00");
    static final Iban OTHER = Iban.of("DE02120300000000202051");

    @TempDir
    Path dir;
    ZollSimulator zoll;

    @BeforeEach
    void start() {
        zoll = new ZollSimulator(dir);
    }

    static Holder holder(String name, LocalDate born) {
        return new Holder(name, "Markt 5", "09366", "Stollberg", born);
    }

    @Test
    void onlyTheTestPersonIsInArrears() throws Exception {
        assertTrue(zoll.inArrears(holder("Rudi Rückstand", LocalDate.of(1980, 1, 1))));
        assertTrue(zoll.inArrears(holder("  rudi   RÜCKSTAND ", LocalDate.of(1980, 1, 1))), "case and spaces do not matter");
        assertTrue(zoll.inArrears(holder("Rudi Rückstand", null)), "no date of birth to compare: the name decides");
        assertFalse(zoll.inArrears(holder("Rudi Rückstand", LocalDate.of(1980, 1, 2))), "another Rudi");
        assertFalse(zoll.inArrears(holder("Erika Mustermann", LocalDate.of(1964, 8, 12))));
        assertFalse(zoll.inArrears(null));
    }

    @Test
    void arrearsWithoutDateOfBirthMatchEveryone() throws Exception {
        zoll.addArrears(new ZollSimulator.Arrears("Muster GmbH", null));
        zoll.addArrears(new ZollSimulator.Arrears("muster gmbh", null));
        assertEquals(2, zoll.arrears().size(), "the same entry once");
        assertTrue(zoll.inArrears(holder("MUSTER GMBH", null)));
        assertTrue(zoll.inArrears(holder("Muster GmbH", LocalDate.of(2000, 1, 1))));
        assertTrue(new ZollSimulator(dir).inArrears(holder("Muster GmbH", null)), "persisted");
        assertThrows(IllegalArgumentException.class, () -> new ZollSimulator.Arrears(" ", null));
    }

    @Test
    void acceptsMandatesWithAReference() throws Exception {
        ZollConnector.Mandate m = zoll.verifyMandate(IBAN, "Max Mustermann", holder("Max Mustermann", null));
        assertTrue(m.accepted());
        assertTrue(m.mandateReference().matches("ZOLL-SEPA-[A-Z0-9]{8}"), m.mandateReference());
        assertEquals(m, zoll.verifyMandate(IBAN, "max mustermann", holder("Max Mustermann", null)), "asked again: the same mandate");
        assertNotEquals(m, zoll.verifyMandate(OTHER, "Max Mustermann", holder("Max Mustermann", null)));
        assertEquals(m, new ZollSimulator(dir).verifyMandate(IBAN, "Max Mustermann", holder("Max Mustermann", null)), "persisted");
        assertEquals("DE89 **** **** **** **30 00", zoll.mandates().get(0).ibanMasked());
    }

    @Test
    void refusesBlankAccountHoldersAndRefusedIbans() throws Exception {
        assertFalse(zoll.verifyMandate(IBAN, " ", holder("Max Mustermann", null)).accepted());
        assertFalse(zoll.verifyMandate(IBAN, null, holder("Max Mustermann", null)).accepted());
        ZollSimulator.RefusedIban r = zoll.refuse(Iban.of("de89370400440532013000"));
        assertEquals("DE89 **** **** **** **30 00", r.masked());
        zoll.refuse(IBAN);
        assertEquals(1, zoll.refusedIbans().size());
        ZollConnector.Mandate refused = zoll.verifyMandate(IBAN, "Max Mustermann", holder("Max Mustermann", null));
        assertFalse(refused.accepted());
        assertEquals(null, refused.mandateReference());
        assertFalse(new ZollSimulator(dir).verifyMandate(IBAN, "Max Mustermann", holder("Max Mustermann", null)).accepted(),
                "persisted");
        assertTrue(zoll.verifyMandate(OTHER, "Max Mustermann", holder("Max Mustermann", null)).accepted());
    }

    @Test
    void noIbanInClearOnDisk() throws Exception {
        zoll.refuse(IBAN);
        zoll.verifyMandate(OTHER, "Max Mustermann", holder("Max Mustermann", null));
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.toList()) {
                String content = Files.readString(file);
                assertFalse(content.contains(IBAN.value()) || content.contains(OTHER.value()), file.toString());
                assertFalse(content.contains("0532013000") || content.contains("0000202051"), file.toString());
            }
        }
    }

    @Test
    void theModeApplies() {
        zoll.mode().set("unavailable");
        assertThrows(ConnectorUnavailableException.class, () -> zoll.inArrears(holder("Rudi Rückstand", null)));
        assertThrows(ConnectorUnavailableException.class, () -> zoll.verifyMandate(IBAN, "Max", holder("Max", null)));
    }
}
