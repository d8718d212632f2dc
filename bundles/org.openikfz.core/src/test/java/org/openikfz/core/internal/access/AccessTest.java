package org.openikfz.core.internal.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openikfz.api.application.ApplicationException;

class AccessTest {

    private final Access access = new Access(new SecureRandom(), "ERZ", List.of(URI.create("https://ikfz.example.de")));

    @Test
    void theAuthorityIsThePortalsOwn() {
        assertEquals("ERZ", access.authorityFor(null));
        assertEquals("ERZ", access.authorityFor("erz"));
        ApplicationException e = assertThrows(ApplicationException.class, () -> access.authorityFor("ZZZ"));
        assertEquals(ApplicationException.Reason.INVALID, e.reason());
        assertThrows(ApplicationException.class, () -> access.authorityFor("X".repeat(50)));
    }

    @Test
    void returnAddressesOnlyOnThePortalsOrigins() {
        assertEquals("https://ikfz.example.de/back", access.returnAddress(URI.create("https://ikfz.example.de/back")).toString());
        assertEquals("https://ikfz.example.de:443/x", access.returnAddress(URI.create("https://ikfz.example.de:443/x")).toString());
        for (String foreign : List.of("https://attacker.example/back", "http://ikfz.example.de/back", "https://ikfz.example.de:8443/",
                "https://user@ikfz.example.de/", "javascript:alert(1)", "/relative")) {
            assertThrows(ApplicationException.class, () -> access.returnAddress(URI.create(foreign)), foreign);
        }
    }
}
