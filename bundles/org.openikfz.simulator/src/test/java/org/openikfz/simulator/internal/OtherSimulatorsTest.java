package org.openikfz.simulator.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openikfz.api.connector.ConnectorUnavailableException;
import org.openikfz.api.connector.EvbConnector;
import org.openikfz.api.connector.Holder;
import org.openikfz.api.connector.IdentificationRefusedException;
import org.openikfz.api.connector.TransferMessage;
import org.openikfz.api.connector.TransferTarget;
import org.openikfz.api.connector.VerifiedIdentity;
import org.openikfz.api.value.Evb;

/** GDV, identity and post simulators. */
class OtherSimulatorsTest {

    @TempDir
    Path dir;

    @Test
    void gdvKnowsItsConfirmations() throws Exception {
        GdvSimulator gdv = new GdvSimulator(dir);
        EvbConnector.Confirmation valid = gdv.verify(Evb.of("mv12345"));
        assertEquals(EvbConnector.Status.VALID, valid.status());
        assertEquals("Muster Versicherung AG", valid.insurer());
        assertEquals("9001", valid.insurerNumber());
        assertEquals(EvbConnector.Status.USED, gdv.verify(Evb.of("MV99999")).status());
        assertEquals(EvbConnector.Status.EXPIRED, gdv.verify(Evb.of("BA00000")).status());
        EvbConnector.Confirmation unknown = gdv.verify(Evb.of("ZZ12345"));
        assertEquals(EvbConnector.Status.UNKNOWN, unknown.status());
        assertNull(unknown.insurer());

        gdv.markUsed("MV12345");
        gdv.markUsed("BA00000");
        gdv.markUsed("not an evb");
        gdv.markUsed(null);
        assertEquals(EvbConnector.Status.USED, gdv.verify(Evb.of("MV12345")).status());
        assertEquals(EvbConnector.Status.EXPIRED, gdv.verify(Evb.of("BA00000")).status(), "only a valid one becomes used");

        gdv.put(new GdvSimulator.Record("zz12345", "Test", "1", EvbConnector.Status.VALID));
        assertEquals(EvbConnector.Status.VALID, new GdvSimulator(dir).verify(Evb.of("ZZ12345")).status(), "persisted");
        assertEquals(EvbConnector.Status.USED, new GdvSimulator(dir).verify(Evb.of("MV12345")).status(), "persisted");
        assertThrows(IllegalArgumentException.class, () -> new GdvSimulator.Record("IO12345", "x", "1", EvbConnector.Status.VALID));
        assertThrows(IllegalArgumentException.class, () -> new GdvSimulator.Record("ZZ12345", "x", "1", EvbConnector.Status.UNKNOWN));

        gdv.mode().set("unavailable");
        assertThrows(ConnectorUnavailableException.class, () -> gdv.verify(Evb.of("MV12345")));
    }

    @Test
    void identityKeepsItsFirstPersonsAndKnowsOrganisations() throws Exception {
        IdentitySimulator identity = new IdentitySimulator(dir, "http://127.0.0.1:8090");
        VerifiedIdentity erika = identity.redeem(identity.login(0, "s").orElseThrow(), "s");
        assertEquals("Erika Mustermann", erika.person().name());
        assertEquals("Hauptstraße 1", erika.person().street());
        assertEquals("09456", erika.person().postalCode());
        assertEquals("Annaberg-Buchholz", erika.person().city());
        assertEquals(LocalDate.of(1964, 8, 12), erika.person().dateOfBirth());
        assertEquals("high", erika.level());
        assertFalse(erika.organisation());
        assertEquals("sim-" + Math.abs("Erika Mustermann".hashCode()), erika.subject());
        VerifiedIdentity max = identity.redeem(identity.login(1, "s").orElseThrow(), "s");
        assertEquals(new Holder("Max Mustermann", "Markt 5", "09366", "Stollberg", LocalDate.of(1971, 3, 2)).toString(),
                max.person().toString());
        assertEquals(LocalDate.of(1971, 3, 2), max.person().dateOfBirth());
        assertEquals("Markt 5", max.person().street());

        assertEquals("09111", identity.redeem(identity.login(2, "s").orElseThrow(), "s").person().postalCode());
        VerifiedIdentity org = identity.redeem(identity.login(3, "s").orElseThrow(), "s");
        assertTrue(org.organisation());
        assertEquals("substantial", org.level());
        assertEquals("Muster GmbH", org.person().name());
        assertNull(org.person().dateOfBirth());
        assertEquals("Rudi Rückstand", identity.redeem(identity.login(4, "s").orElseThrow(), "s").person().name());

        String code = identity.login(0, "s").orElseThrow();
        identity.redeem(code, "s");
        assertThrows(IdentificationRefusedException.class, () -> identity.redeem(code, "s"), "one-time");
        String other = identity.login(0, "login-a").orElseThrow();
        assertThrows(IdentificationRefusedException.class, () -> identity.redeem(other, "login-b"), "a code is redeemed only with its own login's state");
        assertEquals("Gustav Gebührenschuld", identity.redeem(identity.login(5, "s").orElseThrow(), "s").person().name());
        assertTrue(identity.login(6, "s").isEmpty());
        assertTrue(identity.login(-1, "s").isEmpty());
    }

    @Test
    void identityAddsPersons() throws Exception {
        IdentitySimulator identity = new IdentitySimulator(dir, "http://127.0.0.1:8090");
        int index = identity.add(new IdentitySimulator.Person(new Holder("Verein e. V.", "Weg 1", "09456", "Annaberg-Buchholz", null), true));
        assertEquals(IdentitySimulator.DEMO.size(), index);
        IdentitySimulator again = new IdentitySimulator(dir, "http://127.0.0.1:8090");
        VerifiedIdentity v = again.redeem(again.login(index, "s").orElseThrow(), "s");
        assertTrue(v.organisation());
        assertEquals("Verein e. V.", v.person().name());
        assertThrows(IllegalArgumentException.class, () -> new IdentitySimulator.Person(
                new Holder("Org", "", "", "", LocalDate.of(2000, 1, 1)), true));
        assertThrows(IllegalArgumentException.class, () -> new IdentitySimulator.Person(new Holder(" ", "", "", "", null), false));
    }

    @Test
    void postRecordsEachLetterOnce() throws Exception {
        PostSimulator post = new PostSimulator(dir);
        assertEquals(TransferTarget.POST, post.destination());
        UUID app = UUID.randomUUID();
        TransferMessage letter = new TransferMessage(3, app, "erstzulassung", true, "{\"kind\":\"zb1\"}");
        post.deliver(letter);
        post.deliver(letter);
        post.deliver(new TransferMessage(4, UUID.randomUUID(), "umschreibung", true, "{\"kind\":\"notice\"}"));
        assertEquals(1, post.letters(app.toString()).size());
        assertEquals(2, post.letters(null).size());
        PostSimulator again = new PostSimulator(dir);
        again.deliver(letter);
        assertEquals(2, again.letters(null).size(), "idempotent across restarts");
        assertTrue(again.letters(app.toString()).get(0).contains("\"payload\":{\"kind\":\"zb1\"}"));
        // each delivery is counted, a repeated one too (across restarts): a letter sent twice is seen
        assertEquals(List.of("{\"messageId\":\"3\",\"application\":\"" + app + "\",\"deliveries\":3}"), again.deliveries(app.toString()));
    }
}
